package org.xcaibridge.gateway;

import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;

/**
 * Splits retrieve requests with more DocumentRequests than a community takes per call into consecutive
 * requests, keeping request order and, for RAD-75, the study and series each instance belongs to (a series may
 * continue in the next call).
 */
final class Batches {
  private Batches() {}

  static List<RetrieveImagingDocumentSetRequest> split(RetrieveImagingDocumentSetRequest request, int max) {
    if (request.documentRequests().size() <= max) {
      return List.of(request);
    }
    List<RetrieveImagingDocumentSetRequest> out = new ArrayList<>();
    List<StudyRequest> studies = new ArrayList<>();
    int count = 0;
    for (StudyRequest study : request.studies()) {
      List<SeriesRequest> series = new ArrayList<>();
      for (SeriesRequest s : study.series()) {
        List<DocumentRequest> docs = new ArrayList<>();
        for (DocumentRequest d : s.documents()) {
          if (count == max) {
            close(studies, series, docs, study, s);
            out.add(new RetrieveImagingDocumentSetRequest(studies, request.transferSyntaxUids()));
            studies = new ArrayList<>();
            series = new ArrayList<>();
            docs = new ArrayList<>();
            count = 0;
          }
          docs.add(d);
          count++;
        }
        if (!docs.isEmpty()) {
          series.add(new SeriesRequest(s.seriesInstanceUid(), docs));
        }
      }
      if (!series.isEmpty()) {
        studies.add(new StudyRequest(study.studyInstanceUid(), series));
      }
    }
    if (!studies.isEmpty()) {
      out.add(new RetrieveImagingDocumentSetRequest(studies, request.transferSyntaxUids()));
    }
    return out;
  }

  /** Closes the open series and study of a full batch. */
  private static void close(List<StudyRequest> studies, List<SeriesRequest> series, List<DocumentRequest> docs,
      StudyRequest study, SeriesRequest s) {
    if (!docs.isEmpty()) {
      series.add(new SeriesRequest(s.seriesInstanceUid(), docs));
    }
    if (!series.isEmpty()) {
      studies.add(new StudyRequest(study.studyInstanceUid(), series));
    }
  }

  static List<RetrieveDocumentSetRequest> split(RetrieveDocumentSetRequest request, int max) {
    List<DocumentRequest> all = request.documents();
    List<RetrieveDocumentSetRequest> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += max) {
      out.add(new RetrieveDocumentSetRequest(all.subList(from, Math.min(all.size(), from + max))));
    }
    return out;
  }
}
