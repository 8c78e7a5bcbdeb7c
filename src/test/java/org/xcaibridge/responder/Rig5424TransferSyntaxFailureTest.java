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
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;

/**
 * NIST rig_5424 "Transfer Syntax Failure, Single IDS" (expected response: fixture 05): an uncompressed image asked
 * for in JPEG Baseline only cannot be sent — this gateway never compresses — so the answer is Failure with an
 * XDSRepositoryError whose codeContext starts with NIST's sentence and says which syntaxes to add, located at our
 * homeCommunityId (RAD75-004). A JPEG image asked for uncompressed fails the same way (it is never decoded); with
 * both in one request, the JPEG image asked for in its own syntax arrives and the status is PartialSuccess.
 */
class Rig5424TransferSyntaxFailureTest {
  private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  @TempDir
  static Path folder;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm", "compressed/SC_8bit_jpeg_baseline_dcmtk.dcm");
    rig = RetrieveRig.start(folder);
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    rig.close();
  }

  @Test
  void uncompressedImageAskedInJpegBaselineFails() throws Exception {
    RetrieveRig.Instance ct = RetrieveRig.byFile(RetrieveRig.instances(folder), "CT_small.dcm");

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of(JPEG_BASELINE),
        List.of(new IpfRetriever.Series(ct))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.FAILURE);
    assertThat(answer.set().getDocuments()).isEmpty();
    ErrorInfo e = answer.set().getErrors().get(0);
    assertThat(answer.set().getErrors()).hasSize(1);
    assertThat(e.getErrorCode()).isEqualTo(ErrorCode.REPOSITORY_ERROR);
    assertThat(e.getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(e.getLocation()).isEqualTo(RetrieveRig.HOME);
    assertThat(e.getCodeContext())
        .startsWith("IDS cannot encode the pixel data using any of the requested transfer syntaxes")
        .contains(ct.sop(), "Explicit VR Little Endian (1.2.840.10008.1.2.1)", JPEG_BASELINE,
            "add 1.2.840.10008.1.2.1");
  }

  @Test
  void jpegImageAskedUncompressedFailsAndTheOtherArrives() throws Exception {
    List<RetrieveRig.Instance> all = RetrieveRig.instances(folder);
    RetrieveRig.Instance jpeg = RetrieveRig.byFile(all, "SC_8bit_jpeg_baseline_dcmtk.dcm");
    RetrieveRig.Instance ct = RetrieveRig.byFile(all, "CT_small.dcm");

    IpfRetriever.Answer failed = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"),
        List.of(new IpfRetriever.Series(jpeg))));
    IpfRetriever.Answer partial = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of(JPEG_BASELINE),
        List.of(new IpfRetriever.Series(ct), new IpfRetriever.Series(jpeg))));

    assertThat(failed.set().getStatus()).isEqualTo(Status.FAILURE);
    assertThat(failed.set().getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.REPOSITORY_ERROR);
      assertThat(e.getCodeContext()).contains("stored as JPEG Baseline", "add " + JPEG_BASELINE);
    });
    assertThat(partial.set().getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(partial.set().getErrors()).singleElement()
        .satisfies(e -> assertThat(e.getCodeContext()).contains(ct.sop()));
    assertThat(partial.set().getDocuments()).singleElement().satisfies(d -> {
      assertThat(d.getRequestData().getDocumentUniqueId()).isEqualTo(jpeg.sop());
      assertThat(IpfRetriever.bytes(d.getDataHandler())).isEqualTo(Files.readAllBytes(jpeg.file()));
    });
  }
}
