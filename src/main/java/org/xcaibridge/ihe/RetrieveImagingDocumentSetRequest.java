package org.xcaibridge.ihe;

import java.util.List;

/**
 * RAD-69 / RAD-75 request body ({@code iherad:RetrieveImagingDocumentSetRequest}, protocol.md §4.1):
 * Study → Series → DocumentRequest, and the transfer syntaxes the consumer accepts, preferred first.
 * Study, Series and the TS list are in the XDS-I.b namespace, DocumentRequest in XDS.b (§9.2 pitfall 2).
 */
public record RetrieveImagingDocumentSetRequest(List<StudyRequest> studies, List<String> transferSyntaxUids)
    implements IheMessage {
  /** Explicit VR Little Endian: always offer it as the fallback every source can serve (§4.2). */
  public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";

  public RetrieveImagingDocumentSetRequest {
    studies = List.copyOf(studies);
    transferSyntaxUids = List.copyOf(transferSyntaxUids);
    if (studies.isEmpty()) {
      throw new IllegalArgumentException("at least one StudyRequest is required");
    }
    if (transferSyntaxUids.isEmpty() || transferSyntaxUids.stream().anyMatch(t -> t == null || t.isBlank())) {
      throw new IllegalArgumentException("at least one non-blank TransferSyntaxUID is required");
    }
  }

  /** All DocumentRequests in request order. */
  public List<DocumentRequest> documentRequests() {
    return studies.stream().flatMap(s -> s.series().stream()).flatMap(s -> s.documents().stream()).toList();
  }
}
