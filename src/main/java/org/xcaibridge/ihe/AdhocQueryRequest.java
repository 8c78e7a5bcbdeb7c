package org.xcaibridge.ihe;

import java.util.Objects;

/**
 * ITI-38 Cross Gateway Query request body ({@code query:AdhocQueryRequest}, protocol.md §2).
 *
 * @param homeCommunityId the {@code home} attribute of {@code rim:AdhocQuery} ({@code urn:oid:…}); XCA
 *     requires it when the query has no patient id (GetDocuments), so the writer refuses to send a
 *     GetDocuments without it. Null when absent.
 */
public record AdhocQueryRequest(StoredQuery query, ReturnType returnType, String homeCommunityId)
    implements IheMessage {
  public AdhocQueryRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(returnType, "returnType");
  }
}
