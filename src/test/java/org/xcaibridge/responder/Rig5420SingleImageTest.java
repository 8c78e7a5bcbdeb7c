package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.ihe.IheTransaction;

/**
 * NIST rig_5420 "Single Image, Single IDS": IPF's RAD-75 producer asks our Responding Imaging Gateway for one
 * image in Explicit VR Little Endian, stored so; the answer is Success with one DocumentResponse echoing the
 * requested ids, mimeType application/dicom, the file's bytes exactly, and the RAD-75 response action with a
 * RelatesTo naming IPF's MessageID.
 */
class Rig5420SingleImageTest {
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
  void oneImageArrivesAsStored() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"),
        List.of(new IpfRetriever.Series(ct))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(answer.set().getErrors()).isEmpty();
    assertThat(answer.set().getDocuments()).hasSize(1);
    RetrievedDocument d = answer.set().getDocuments().get(0);
    assertThat(d.getMimeType()).isEqualTo("application/dicom");
    assertThat(d.getRequestData().getDocumentUniqueId()).isEqualTo(ct.sop());
    assertThat(d.getRequestData().getRepositoryUniqueId()).isEqualTo(RetrieveRig.REPOSITORY);
    assertThat(d.getRequestData().getHomeCommunityId()).isEqualTo(RetrieveRig.HOME);
    assertThat(IpfRetriever.bytes(d.getDataHandler())).isEqualTo(Files.readAllBytes(ct.file()));
    assertThat(answer.wsa("Action")).isEqualTo(IheTransaction.RAD_75.responseAction());
    assertThat(answer.wsa("RelatesTo")).startsWith("urn:uuid:");
  }
}
