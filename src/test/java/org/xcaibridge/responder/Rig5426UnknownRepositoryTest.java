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
 * NIST rig_5426 "Unknown Imaging Document Source, Single IDS": an image asked at repository
 * 1.3.6.1.4.1.21367.13.71.201.2.999 (NIST's unknown source) is not looked for: Failure with XDSUnknownRepositoryId
 * naming our repository instead. Likewise an image asked of another homeCommunityId gives XDSUnknownCommunity.
 * Mixed with a well-addressed image, the latter still arrives (PartialSuccess). Repository ids written with a
 * {@code urn:oid:} prefix (seen in Carequality traffic) are ours all the same.
 */
class Rig5426UnknownRepositoryTest {
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
  void unknownRepositoryFails() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), List.of(
        new IpfRetriever.Series(ct.study(), ct.series(), List.of(ct.sop()), RetrieveRig.UNKNOWN_REPOSITORY,
            RetrieveRig.HOME))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.FAILURE);
    assertThat(answer.set().getDocuments()).isEmpty();
    assertThat(answer.set().getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_REPOSITORY_ID);
      assertThat(e.getLocation()).isEqualTo(RetrieveRig.HOME);
      assertThat(e.getCodeContext()).contains(RetrieveRig.UNKNOWN_REPOSITORY, RetrieveRig.REPOSITORY);
    });
  }

  @Test
  void otherCommunityFailsAndTheWellAddressedImageArrives() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");
    String other = "urn:oid:1.3.6.1.4.1.21367.13.70.202";

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"), List.of(
        new IpfRetriever.Series(ct.study(), ct.series(), List.of(ct.sop()), RetrieveRig.REPOSITORY, other),
        new IpfRetriever.Series(ct.study(), ct.series(), List.of(ct.sop()), "urn:oid:" + RetrieveRig.REPOSITORY,
            RetrieveRig.HOME))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(answer.set().getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_COMMUNITY);
      assertThat(e.getCodeContext()).contains(other, RetrieveRig.HOME);
    });
    assertThat(answer.set().getDocuments()).singleElement().satisfies(d -> {
      assertThat(d.getRequestData().getRepositoryUniqueId()).isEqualTo("urn:oid:" + RetrieveRig.REPOSITORY);
      assertThat(IpfRetriever.bytes(d.getDataHandler())).isEqualTo(Files.readAllBytes(ct.file()));
    });
  }
}
