package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.responder.ImageArchive.KosDocument;

/**
 * ITI-39 requests for a manifest we hold, but addressed to another repository or another community, fail one by
 * one with XDSUnknownRepositoryId and XDSUnknownCommunity, each naming the document and what this gateway is,
 * located at our homeCommunityId (ITI39-012); with nothing returned the status is Failure.
 */
class Iti39MisaddressedDocumentsFailOneByOneTest {
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
  void otherRepositoryAndOtherCommunityFail() throws Exception {
    KosDocument manifest = await(rig.archive.manifest(RetrieveRig.instances(folder).get(0).study()));
    String otherCommunity = "urn:oid:1.3.6.1.4.1.21367.13.70.202";

    IpfRetriever.Answer wrongRepository = ipf.iti39(rig, List.of(manifest.documentUniqueId()),
        RetrieveRig.UNKNOWN_REPOSITORY, RetrieveRig.HOME);
    IpfRetriever.Answer wrongCommunity = ipf.iti39(rig, List.of(manifest.documentUniqueId()),
        RetrieveRig.REPOSITORY, otherCommunity);

    assertThat(wrongRepository.set().getStatus()).isEqualTo(Status.FAILURE);
    assertThat(wrongRepository.set().getDocuments()).isEmpty();
    ErrorInfo repository = wrongRepository.set().getErrors().get(0);
    assertThat(repository.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_REPOSITORY_ID);
    assertThat(repository.getLocation()).isEqualTo(RetrieveRig.HOME);
    assertThat(repository.getCodeContext()).contains(manifest.documentUniqueId(), RetrieveRig.UNKNOWN_REPOSITORY, RetrieveRig.REPOSITORY);
    assertThat(wrongCommunity.set().getStatus()).isEqualTo(Status.FAILURE);
    ErrorInfo community = wrongCommunity.set().getErrors().get(0);
    assertThat(community.getErrorCode()).isEqualTo(ErrorCode.UNKNOWN_COMMUNITY);
    assertThat(community.getLocation()).isEqualTo(RetrieveRig.HOME);
    assertThat(community.getCodeContext()).contains(manifest.documentUniqueId(), otherCommunity, RetrieveRig.HOME);
  }
}
