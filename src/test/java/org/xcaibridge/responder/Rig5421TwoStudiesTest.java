package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * NIST rig_5421 "Two Imaging Studies, Single IDS": one RAD-75 request (IPF's producer) for two studies with one
 * image each; the answer is Success with both images, in the order asked, each byte for byte its file.
 */
class Rig5421TwoStudiesTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "study-sets/77654033", "study-sets/98892001");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void oneImageOfEachStudyArrives() throws Exception {
    Map<String, RetrieveRig.Instance> firstOfStudy = new LinkedHashMap<>();
    RetrieveRig.instances(folder).forEach(i -> firstOfStudy.putIfAbsent(i.study(), i));
    assertThat(firstOfStudy).hasSizeGreaterThanOrEqualTo(2);
    List<RetrieveRig.Instance> asked = new ArrayList<>(firstOfStudy.values()).subList(0, 2);

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"),
        asked.stream().map(IpfRetriever.Series::new).toList()));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(answer.set().getErrors()).isEmpty();
    List<RetrievedDocument> docs = answer.set().getDocuments();
    assertThat(docs).extracting(d -> d.getRequestData().getDocumentUniqueId())
        .containsExactly(asked.get(0).sop(), asked.get(1).sop());
    for (int i = 0; i < 2; i++) {
      assertThat(IpfRetriever.bytes(docs.get(i).getDataHandler())).as(asked.get(i).file().toString())
          .isEqualTo(Files.readAllBytes(asked.get(i).file()));
    }
  }
}
