package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * NIST rig_5422 "Transfer Syntax JPEG Lossless, Single IDS": an image stored in JPEG Lossless SV1
 * (1.2.840.10008.1.2.4.70), asked for in that syntax only, arrives as stored, byte for byte, with Success.
 */
class Rig5422JpegLosslessIsServedAsStoredTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "compressed/CT_small_jpeg_lossless_sv1_dcmtk.dcm");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void jpegLosslessImageArrivesAsStored() throws Exception {
    RetrieveRig.Instance jpeg = RetrieveRig.byFile(RetrieveRig.instances(folder),
        "CT_small_jpeg_lossless_sv1_dcmtk.dcm");
    assertThat(jpeg.transferSyntax()).isEqualTo("1.2.840.10008.1.2.4.70");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.4.70"),
        List.of(new IpfRetriever.Series(jpeg))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(answer.set().getDocuments()).hasSize(1);
    assertThat(IpfRetriever.bytes(answer.set().getDocuments().get(0).getDataHandler()))
        .isEqualTo(Files.readAllBytes(jpeg.file()));
  }
}
