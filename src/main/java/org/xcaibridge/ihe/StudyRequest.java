package org.xcaibridge.ihe;

import java.util.List;

/** {@code iherad:StudyRequest}: one study of a RAD-69/75 request (IHEXDSIB.xsd, protocol.md §4.1). */
public record StudyRequest(String studyInstanceUid, List<SeriesRequest> series) {
  public StudyRequest {
    if (studyInstanceUid == null || studyInstanceUid.isBlank()) {
      throw new IllegalArgumentException("studyInstanceUID must not be blank");
    }
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new IllegalArgumentException("a StudyRequest needs at least one SeriesRequest");
    }
  }
}
