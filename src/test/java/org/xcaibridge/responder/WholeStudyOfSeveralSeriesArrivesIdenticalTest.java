package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * Several images in several series (the RAD-75 shape an Initiating Imaging Gateway sends for a whole study, as
 * NIST's KOSToRad69 builds it): every instance of the largest fixture study of several series, asked series by series
 * through IPF's producer, arrives in the order asked, each byte for byte its file, with status Success.
 */
class WholeStudyOfSeveralSeriesArrivesIdenticalTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "study-sets");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void everyInstanceOfTheStudyArrivesInOrder() throws Exception {
    List<RetrieveRig.Instance> all = RetrieveRig.instances(folder);
    Map<String, Set<String>> seriesOfStudy = all.stream().collect(Collectors.groupingBy(RetrieveRig.Instance::study,
        Collectors.mapping(RetrieveRig.Instance::series, Collectors.toSet())));
    Map<String, Long> instancesOfStudy = all.stream().collect(Collectors.groupingBy(RetrieveRig.Instance::study,
        Collectors.counting()));
    String study = seriesOfStudy.keySet().stream().filter(s -> seriesOfStudy.get(s).size() >= 2)
        .max(Comparator.comparingLong(instancesOfStudy::get)).orElseThrow();
    Map<String, List<RetrieveRig.Instance>> bySeries = new LinkedHashMap<>();
    all.stream().filter(i -> i.study().equals(study))
        .forEach(i -> bySeries.computeIfAbsent(i.series(), k -> new ArrayList<>()).add(i));
    assertThat(bySeries).hasSizeGreaterThanOrEqualTo(2);
    List<RetrieveRig.Instance> asked = bySeries.values().stream().flatMap(List::stream).toList();
    assertThat(asked.size()).isGreaterThan(bySeries.size());
    List<IpfRetriever.Series> request = bySeries.entrySet().stream().map(e -> new IpfRetriever.Series(study,
        e.getKey(), e.getValue().stream().map(RetrieveRig.Instance::sop).toList(), RetrieveRig.REPOSITORY,
        RetrieveRig.HOME)).toList();

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), request));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    List<RetrievedDocument> docs = answer.set().getDocuments();
    assertThat(docs).extracting(d -> d.getRequestData().getDocumentUniqueId())
        .containsExactlyElementsOf(asked.stream().map(RetrieveRig.Instance::sop).toList());
    for (int i = 0; i < asked.size(); i++) {
      assertThat(IpfRetriever.bytes(docs.get(i).getDataHandler())).as(asked.get(i).file().toString())
          .isEqualTo(Files.readAllBytes(asked.get(i).file()));
    }
  }
}
