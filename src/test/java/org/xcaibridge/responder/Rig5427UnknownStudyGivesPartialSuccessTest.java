package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * NIST rig_5427 "Partial Success, Single IDS" (expected response: fixture 04): two studies asked, the first held,
 * the second not; the answer is PartialSuccess with the first image, byte for byte, and one
 * XDSDocumentUniqueIdError for the second, located at our homeCommunityId (RAD75-004).
 */
class Rig5427UnknownStudyGivesPartialSuccessTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void knownStudyArrivesAndTheUnknownOneIsAnError() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");
    String absentStudy = "1.3.6.1.4.1.21367.201599.1.201606021454006";
    String absentSeries = "1.3.6.1.4.1.21367.201599.2.201606021454007";
    String absentInstance = "1.3.6.1.4.1.21367.201599.3.201606021454007.1";

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), List.of(
        new IpfRetriever.Series(ct), new IpfRetriever.Series(absentStudy, absentSeries, List.of(absentInstance),
            RetrieveRig.REPOSITORY, RetrieveRig.HOME))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(answer.set().getDocuments()).singleElement().satisfies(d -> {
      assertThat(d.getRequestData().getDocumentUniqueId()).isEqualTo(ct.sop());
      assertThat(IpfRetriever.bytes(d.getDataHandler())).isEqualTo(Files.readAllBytes(ct.file()));
    });
    assertThat(answer.set().getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
      assertThat(e.getLocation()).isEqualTo(RetrieveRig.HOME);
      assertThat(e.getCodeContext()).contains(absentStudy + ":" + absentSeries + ":" + absentInstance);
    });
  }
}
