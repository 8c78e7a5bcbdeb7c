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
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.responder.ImageArchive.KosDocument;

/**
 * ITI-39 (protocol.md §3): IPF's {@code xca-iti39} producer asks for the imaging manifests of two studies and one
 * id we never handed out; the two arrive as MTOM attachments of type application/dicom, byte for byte the
 * archive's manifests, echoing the requested ids; the unknown one is an XDSDocumentUniqueIdError naming it, located
 * at our homeCommunityId (ITI39-012; IPF's validator insists); the status is PartialSuccess and the answer carries the ITI-39 response action.
 */
class Iti39ReturnsManifestsByteForByteTest {
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
  void manifestsArriveAndTheUnknownIdIsAnError() throws Exception {
    List<String> studies = RetrieveRig.instances(folder).stream().map(RetrieveRig.Instance::study).distinct()
        .limit(2).toList();
    KosDocument first = await(rig.archive.manifest(studies.get(0)));
    KosDocument second = await(rig.archive.manifest(studies.get(1)));
    String unknown = "2.25.1234567890";

    IpfRetriever.Answer answer = ipf.iti39(rig, List.of(first.documentUniqueId(), unknown,
        second.documentUniqueId()), RetrieveRig.REPOSITORY, RetrieveRig.HOME);

    assertThat(answer.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    List<RetrievedDocument> docs = answer.set().getDocuments();
    assertThat(docs).extracting(d -> d.getRequestData().getDocumentUniqueId())
        .containsExactly(first.documentUniqueId(), second.documentUniqueId());
    assertThat(docs).allSatisfy(d -> {
      assertThat(d.getMimeType()).isEqualTo("application/dicom");
      assertThat(d.getRequestData().getHomeCommunityId()).isEqualTo(RetrieveRig.HOME);
      assertThat(d.getRequestData().getRepositoryUniqueId()).isEqualTo(RetrieveRig.REPOSITORY);
    });
    assertThat(IpfRetriever.bytes(docs.get(0).getDataHandler())).isEqualTo(first.bytes().getBytes());
    assertThat(IpfRetriever.bytes(docs.get(1).getDataHandler())).isEqualTo(second.bytes().getBytes());
    assertThat(answer.set().getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
      assertThat(e.getLocation()).isEqualTo(RetrieveRig.HOME);
      assertThat(e.getCodeContext()).contains(unknown, "query again (ITI-38)");
    });
    assertThat(answer.wsa("Action")).isEqualTo(IheTransaction.ITI_39.responseAction());
  }
}
