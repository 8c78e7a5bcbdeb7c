package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * NIST rig_5425 "Unknown DICOM UIDs, Single IDS": a RAD-75 request whose UIDs name no image we hold returns no
 * image, status Failure, and one XDSDocumentUniqueIdError per instance with NIST's "No document matching composite
 * UID [study:series:instance]" wording, located at our homeCommunityId. An instance we hold, asked under another
 * series than its own, is not found either (the composite UID does not match).
 */
class Rig5425UnknownInstancesGiveFailureTest {
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
  void unknownInstancesGiveFailureWithOneErrorEach() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");
    String study = "1.3.6.1.4.1.21367.201599.1.201606021454002";
    String series = "1.3.6.1.4.1.21367.201599.2.201606021454003";
    List<String> unknown = List.of("1.3.6.1.4.1.21367.201599.3.201606021454003.1", "1.2.3.4.5.6.7.8.9");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), List.of(
        new IpfRetriever.Series(study, series, unknown, RetrieveRig.REPOSITORY, RetrieveRig.HOME),
        new IpfRetriever.Series(ct.study(), "1.2.3.999", List.of(ct.sop()), RetrieveRig.REPOSITORY,
            RetrieveRig.HOME))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.FAILURE);
    assertThat(answer.set().getDocuments()).isEmpty();
    List<ErrorInfo> errors = answer.set().getErrors();
    assertThat(errors).hasSize(3).allSatisfy(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
      assertThat(e.getLocation()).isEqualTo(RetrieveRig.HOME);
    });
    assertThat(errors.get(0).getCodeContext()).startsWith("No document matching composite UID [" + study + ":"
        + series + ":" + unknown.get(0) + "]");
    assertThat(errors.get(1).getCodeContext()).contains(unknown.get(1));
    assertThat(errors.get(2).getCodeContext()).contains(ct.sop(), "1.2.3.999", "query again (ITI-38)");
  }
}
