package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our streaming transcoder against dcmtk's dcmconv: Explicit VR Big Endian (byte-swapping OW/OF/US/…
 * and native pixel data), Deflated and Implicit VR sources converted to Explicit and Implicit VR Little
 * Endian give the same dataset as dcmconv gives.
 */
class TranscodingMatchesDcmconvTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requireDcmtk("dcmconv");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ExplVR_BigEnd.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm", "liver_expb_1frame.dcm",
      "rtdose_expb.dcm", "image_dfl.dcm", "MR_small_implicit.dcm", "rtdose.dcm", "CT_small.dcm"})
  void sameDatasetAsDcmconv(String name) throws IOException {
    Path source = Fixtures.pydicomTestFiles().resolve(name);
    byte[] bytes = Files.readAllBytes(source);
    for (TransferSyntax target : List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)) {
      ByteArrayOutputStream ours = new ByteArrayOutputStream();
      DicomWriter.transcode(new ByteArrayInputStream(bytes), ours, target);

      Path theirs = tmp.resolve("dcmconv.dcm");
      String flag = target.explicitVr() ? "+te" : "+ti";
      ExternalTools.Result r = ExternalTools.run(List.of("dcmconv", flag, source.toString(), theirs.toString()), null, 60);
      assertThat(r.exitCode()).as("dcmconv: %s", r.stderr()).isZero();

      DicomFile a = DicomReader.read(ours.toByteArray(), ReadOptions.ALL);
      DicomFile b = DicomReader.read(Files.readAllBytes(theirs), ReadOptions.ALL);
      assertThat(a.transferSyntax().uid()).isEqualTo(target.uid());
      assertThat(DatasetAssert.differences(a.dataset(), b.dataset(), target.explicitVr()))
          .as("%s → %s", name, target.name()).isEmpty();
    }
  }

  @Test
  void bigEndianPixelDataEqualsTheLittleEndianOriginal() throws IOException {
    // pydicom ships MR_small in several syntaxes with the same SOP Instance UID and the same pixels
    DicomFile le = DicomReader.read(Files.readAllBytes(Fixtures.pydicomTestFiles().resolve("MR_small.dcm")), ReadOptions.ALL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomWriter.transcode(Files.newInputStream(Fixtures.pydicomTestFiles().resolve("MR_small_bigendian.dcm")), out,
        TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    DicomFile converted = DicomReader.read(out.toByteArray(), ReadOptions.ALL);
    assertThat(((DataElement.Value) converted.pixelData()).bytes()).isEqualTo(((DataElement.Value) le.pixelData()).bytes());
  }

  @Test
  void compressedToNativeIsRefusedBeforeAnythingIsWritten() throws IOException {
    byte[] jpeg = Files.readAllBytes(Fixtures.pydicomTestFiles().resolve("SC_rgb_jpeg_dcmtk.dcm"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> DicomWriter.transcode(new ByteArrayInputStream(jpeg), out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
        .isInstanceOf(UnsupportedTranscodingException.class)
        .hasMessageContaining("JPEG Baseline");
    assertThat(out.size()).isZero();
    // and the same stream, asked for its own syntax, passes through
    DicomWriter.transcode(new ByteArrayInputStream(jpeg), out, TransferSyntax.JPEG_BASELINE);
    assertThat(DicomReader.read(out.toByteArray(), ReadOptions.ALL).transferSyntax()).isEqualTo(TransferSyntax.JPEG_BASELINE);
  }
}
