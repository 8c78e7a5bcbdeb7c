package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;

/**
 * Splitting a request into calls of at most n DocumentRequests keeps every instance exactly once, in request
 * order, under its own study and series (a series may continue in the next call), and the transfer syntaxes.
 */
class BatchesKeepRequestOrderTest {
  private static final String HOME = GatewayHarness.HOME;

  /** Two studies: (series of 3, series of 1), (series of 4). */
  private static RetrieveImagingDocumentSetRequest request() {
    return new RetrieveImagingDocumentSetRequest(List.of(
        new StudyRequest("st1", List.of(series("se1", 3), series("se2", 1))),
        new StudyRequest("st2", List.of(series("se3", 4)))), List.of("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.1"));
  }

  private static SeriesRequest series(String uid, int n) {
    List<DocumentRequest> docs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      docs.add(new DocumentRequest(HOME, "1.2.3.99", uid + "." + i));
    }
    return new SeriesRequest(uid, docs);
  }

  /** Each instance as study/series/sop, in order. */
  private static List<String> flatten(List<RetrieveImagingDocumentSetRequest> calls) {
    List<String> out = new ArrayList<>();
    calls.forEach(c -> c.studies().forEach(st -> st.series().forEach(se -> se.documents().forEach(d ->
        out.add(st.studyInstanceUid() + "/" + se.seriesInstanceUid() + "/" + d.documentUniqueId())))));
    return out;
  }

  @Test
  void everySizeKeepsEveryInstanceInOrder() {
    List<String> whole = flatten(List.of(request()));
    assertThat(whole).hasSize(8);
    for (int size = 1; size <= 9; size++) {
      int n = size;
      List<RetrieveImagingDocumentSetRequest> calls = Batches.split(request(), n);
      assertThat(flatten(calls)).as("n=%d", n).containsExactlyElementsOf(whole);
      assertThat(calls).as("n=%d", n).hasSize((8 + n - 1) / n)
          .allSatisfy(c -> assertThat(c.documentRequests().size()).isBetween(1, n))
          .allSatisfy(c -> assertThat(c.transferSyntaxUids()).containsExactly("1.2.840.10008.1.2.4.70",
              "1.2.840.10008.1.2.1"));
    }
  }

  @Test
  void aSeriesThatDoesNotFitContinuesInTheNextCall() {
    List<RetrieveImagingDocumentSetRequest> calls = Batches.split(request(), 2);
    assertThat(calls.get(0).studies()).singleElement().satisfies(st -> assertThat(st.series()).singleElement()
        .satisfies(se -> assertThat(se.seriesInstanceUid()).isEqualTo("se1")));
    assertThat(calls.get(1).studies()).singleElement().satisfies(st -> assertThat(st.series())
        .extracting(SeriesRequest::seriesInstanceUid).containsExactly("se1", "se2"));
    assertThat(Batches.split(request(), 100)).containsExactly(request());
  }

  @Test
  void iti39RequestsSplitTheSameWay() {
    List<DocumentRequest> docs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      docs.add(new DocumentRequest(HOME, "1.2.3.99", "doc." + i));
    }
    List<RetrieveDocumentSetRequest> calls = Batches.split(new RetrieveDocumentSetRequest(docs), 3);
    assertThat(calls).extracting(c -> c.documents().size()).containsExactly(3, 3, 1);
    assertThat(calls.stream().flatMap(c -> c.documents().stream()).toList()).containsExactlyElementsOf(docs);
  }
}
