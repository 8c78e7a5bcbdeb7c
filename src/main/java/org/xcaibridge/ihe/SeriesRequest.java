package org.xcaibridge.ihe;

import java.util.List;

/** {@code iherad:SeriesRequest}: one series and its instances (DocumentRequests) of a RAD-69/75 request. */
public record SeriesRequest(String seriesInstanceUid, List<DocumentRequest> documents) {
  public SeriesRequest {
    if (seriesInstanceUid == null || seriesInstanceUid.isBlank()) {
      throw new IllegalArgumentException("seriesInstanceUID must not be blank");
    }
    documents = List.copyOf(documents);
    if (documents.isEmpty()) {
      throw new IllegalArgumentException("a SeriesRequest needs at least one DocumentRequest");
    }
  }
}
