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
 * NIST rig_5423 "Multiple Transfer Syntaxes, Single IDS": asked for JPEG Baseline first and JPEG Lossless SV1
 * second, an image stored in JPEG Lossless arrives in the second, as stored. And a listed stored syntax wins
 * over a preferred one that would need transcoding: an Explicit VR Little Endian image asked for as Implicit or
 * Explicit VR Little Endian arrives unchanged.
 */
class Rig5423FirstServableTransferSyntaxWinsTest {
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "compressed/CT_small_jpeg_lossless_sv1_dcmtk.dcm", "ct/CT_small.dcm");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void secondSyntaxIsUsedWhenTheFirstIsNotAvailable() throws Exception {
    RetrieveRig.Instance jpeg = RetrieveRig.byFile(RetrieveRig.instances(folder),
        "CT_small_jpeg_lossless_sv1_dcmtk.dcm");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(
        List.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70"), List.of(new IpfRetriever.Series(jpeg))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(IpfRetriever.bytes(answer.set().getDocuments().get(0).getDataHandler()))
        .isEqualTo(Files.readAllBytes(jpeg.file()));
  }

  @Test
  void listedStoredSyntaxIsNotTranscoded() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(
        List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1"), List.of(new IpfRetriever.Series(ct))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(IpfRetriever.bytes(answer.set().getDocuments().get(0).getDataHandler()))
        .isEqualTo(Files.readAllBytes(ct.file()));
  }
}
