package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Read → write → read keeps every element, for every readable file of the shared corpus and of
 * pydicom's test files, in Explicit VR LE (and Implicit VR LE where the pixel data is native); the
 * streaming transcoder writes the same bytes as the in-memory writer; dcmdump reads what we write
 * without a warning.
 */
class RoundTripKeepsEveryElementTest {

  static Stream<Path> corpus() {
    List<Path> all = new ArrayList<>(Fixtures.files(Fixtures.sharedDicom()));
    all.addAll(Fixtures.files(Fixtures.pydicomTestFiles()));
    return all.stream().filter(RoundTripKeepsEveryElementTest::readable);
  }

  /** Files our reader (and so the differential tests) reject are not round-trip material. */
  static boolean readable(Path p) {
    try {
      DicomFile f = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
      return f.fileMeta().string(Tag.MediaStorageSOPInstanceUID) != null && f.dataset().size() > 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requireDcmtk("dcmdump");
  }

  /** dcmdump must read the whole file and say nothing on stderr (no W: or E: lines). */
  private void dcmdumpAccepts(byte[] bytes, String what) throws IOException {
    Path f = Files.write(tmp.resolve("out.dcm"), bytes);
    ExternalTools.Result r = ExternalTools.run(List.of("dcmdump", "+E", f.toString()), null, 60);
    assertThat(r.exitCode()).as("dcmdump exit code for %s: %s", what, r.stderr()).isZero();
    // In Implicit VR a private sequence has no VR on the wire, so dcmtk, lacking a dictionary entry,
    // announces that it reads an undefined-length UN as a sequence (CP-246): information, not a defect.
    String warnings = r.stderr().lines()
        .filter(l -> !(l.startsWith("W: Found element") && l.contains("VR UN and undefined length, reading a sequence")))
        .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(warnings).as("dcmdump warnings for %s", what).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void roundTrip(Path file) throws IOException {
    byte[] source = Files.readAllBytes(file);
    DicomFile original = DicomReader.read(source, ReadOptions.ALL);
    List<TransferSyntax> targets = new ArrayList<>();
    TransferSyntax ts = original.transferSyntax();
    if (ts.encapsulated()) {
      targets.add(ts);
    } else {
      targets.add(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
      targets.add(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    }
    for (TransferSyntax target : targets) {
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      DicomWriter.writeFile(written, original.fileMeta(), original.dataset(), target, null);
      DicomFile again = DicomReader.read(written.toByteArray(), ReadOptions.ALL);
      assertThat(again.transferSyntax().uid()).isEqualTo(target.uid());
      assertThat(DatasetAssert.differences(original.dataset(), again.dataset(), target.explicitVr()))
          .as("%s → %s", file, target.name()).isEmpty();

      dcmdumpAccepts(written.toByteArray(), file + " → " + target.name());

      ByteArrayOutputStream streamed = new ByteArrayOutputStream();
      try {
        DicomWriter.transcode(new ByteArrayInputStream(source), streamed, target);
      } catch (RuntimeException e) {
        throw new AssertionError("transcoding " + file + " to " + target.name() + ": " + e.getMessage(), e);
      }
      assertThat(streamed.toByteArray()).as("streaming transcoder output for %s", target.name())
          .isEqualTo(written.toByteArray());
    }
  }
}
