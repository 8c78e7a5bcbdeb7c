package org.xcaibridge.ihe;

import java.util.List;

/** ITI-39 Cross Gateway Retrieve request body ({@code ihe:RetrieveDocumentSetRequest}, protocol.md §3). */
public record RetrieveDocumentSetRequest(List<DocumentRequest> documents) implements IheMessage {
  public RetrieveDocumentSetRequest {
    documents = List.copyOf(documents);
    if (documents.isEmpty()) {
      throw new IllegalArgumentException("at least one DocumentRequest is required");
    }
  }
}
