package org.xcaibridge.ihe;

/**
 * A SOAP body payload this package reads and writes. RAD-69 and RAD-75 answer with the same
 * {@link RetrieveDocumentSetResponse} as ITI-39 (protocol.md §4.2).
 */
public sealed interface IheMessage
    permits AdhocQueryRequest, AdhocQueryResponse, RetrieveDocumentSetRequest, RetrieveDocumentSetResponse,
        RetrieveImagingDocumentSetRequest, PatientDiscoveryRequest, PatientDiscoveryResponse {}
