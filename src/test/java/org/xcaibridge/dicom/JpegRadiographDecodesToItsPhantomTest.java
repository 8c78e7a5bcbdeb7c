package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated radiograph is JPEG Baseline (SOF0, 8-bit, one component) in encapsulated pixel data with a
 * Basic Offset Table, and independent decoders — pydicom through Pillow, and dcmtk's dcmdjpeg — give back
 * the phantom it was made from, within the loss of JPEG at quality 0.9.
 */
class JpegRadiographDecodesToItsPhantomTest {
  private static final int ROWS = 1075;
  private static final int COLS = 875;

  @TempDir
  Path tmp;

  SyntheticStudies.Study study;
  SyntheticSeries.Cr series;
  byte[] phantom;
  Path file;

  @BeforeEach
  void generate() throws IOException {
    SyntheticStudies g = new SyntheticStudies(new Random(11),
        Clock.fixed(Instant.parse("2025-03-01T09:30:00Z"), ZoneOffset.UTC));
    study = g.crChest(g.patient(), ROWS, COLS);
    series = (SyntheticSeries.Cr) study.series().get(0);
    phantom = Phantom.chestRadiograph("PA", ROWS, COLS, 0.2, SyntheticModalities.seed(series, 0));
    file = tmp.resolve("cr.dcm");
    try (var out = Files.newOutputStream(file)) {
      SyntheticStudies.write(out, study, series, 0);
    }
  }

  @Test
  void pixelDataIsOneBaselineJpegFrameAfterABasicOffsetTable() throws IOException {
    DicomFile f = DicomReader.read(Files.readAllBytes(file), ReadOptions.ALL);
    assertThat(f.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.4.50");
    assertThat(f.dataset().string(0x00282110)).isEqualTo("01");
    assertThat(f.dataset().string(0x00282114)).isEqualTo("ISO_10918_1");
    assertThat(f.dataset().string(Tag.PhotometricInterpretation)).isEqualTo("MONOCHROME2");
    DataElement.Fragments px = (DataElement.Fragments) f.dataset().get(Tag.PixelData);
    List<DataElement.Fragment> fr = px.fragments();
    assertThat(fr).hasSize(2);
    assertThat(fr.get(0).bytes()).containsExactly(0, 0, 0, 0);
    byte[] jpeg = fr.get(1).bytes();
    assertThat(jpeg.length % 2).isZero();
    assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
    assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
    int sof = indexOfMarker(jpeg, 0xC0);
    assertThat(sof).as("SOF0 marker").isPositive();
    assertThat(jpeg[sof + 4] & 0xFF).as("sample precision").isEqualTo(8);
    assertThat(((jpeg[sof + 5] & 0xFF) << 8) | (jpeg[sof + 6] & 0xFF)).as("lines").isEqualTo(ROWS);
    assertThat(((jpeg[sof + 7] & 0xFF) << 8) | (jpeg[sof + 8] & 0xFF)).as("samples per line").isEqualTo(COLS);
    assertThat(jpeg[sof + 9] & 0xFF).as("components").isEqualTo(1);
    for (int other : new int[] {0xC1, 0xC2, 0xC3}) {
      assertThat(indexOfMarker(jpeg, other)).as("no SOF%x", other - 0xC0).isNegative();
    }
  }

  @Test
  void pydicomWithPillowDecodesThePhantom() throws IOException {
    ExternalTools.requirePydicomJpeg();
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c",
        "import sys, pydicom\n"
            + "a = pydicom.dcmread(sys.argv[1]).pixel_array\n"
            + "assert a.dtype.name == 'uint8' and a.shape == (" + ROWS + ", " + COLS + "), (a.dtype, a.shape)\n"
            + "sys.stdout.buffer.write(a.tobytes())\n", file.toString()), null, 120);
    assertThat(r.exitCode()).as("pydicom: %s", r.stderr()).isZero();
    assertCloseToPhantom(r.stdout(), "pydicom");
  }

  @Test
  void dcmdjpegDecodesThePhantom() throws IOException {
    ExternalTools.requireDcmtk("dcmdjpeg");
    Path raw = tmp.resolve("raw.dcm");
    ExternalTools.Result r = ExternalTools.run(List.of("dcmdjpeg", file.toString(), raw.toString()), null, 120);
    assertThat(r.exitCode()).as("dcmdjpeg: %s", r.stderr()).isZero();
    assertThat(r.stderr()).isEmpty();
    DicomFile f = DicomReader.read(Files.readAllBytes(raw), ReadOptions.ALL);
    assertThat(f.transferSyntax().encapsulated()).isFalse();
    assertThat(f.dataset().intValue(Tag.Rows, 0)).isEqualTo(ROWS);
    assertThat(f.dataset().intValue(Tag.Columns, 0)).isEqualTo(COLS);
    byte[] pixels = ((DataElement.Value) f.dataset().get(Tag.PixelData)).bytes();
    assertCloseToPhantom(java.util.Arrays.copyOf(pixels, ROWS * COLS), "dcmdjpeg");
  }

  private void assertCloseToPhantom(byte[] decoded, String decoder) {
    assertThat(decoded).as("%s pixel count", decoder).hasSize(phantom.length);
    long sum = 0;
    int worst = 0;
    for (int i = 0; i < phantom.length; i++) {
      int d = Math.abs((decoded[i] & 0xFF) - (phantom[i] & 0xFF));
      sum += d;
      worst = Math.max(worst, d);
    }
    double mean = (double) sum / phantom.length;
    assertThat(mean).as("%s mean absolute difference from the phantom", decoder).isLessThan(3.0);
    assertThat(worst).as("%s largest difference from the phantom", decoder).isLessThan(64);
    // the image is not flat: a decoder returning a constant could not pass the bound above
    assertThat(stddev(phantom)).isGreaterThan(20);
  }

  private static double stddev(byte[] b) {
    double s = 0;
    double s2 = 0;
    for (byte x : b) {
      s += x & 0xFF;
      s2 += (x & 0xFF) * (x & 0xFF);
    }
    double m = s / b.length;
    return Math.sqrt(s2 / b.length - m * m);
  }

  private static int indexOfMarker(byte[] b, int marker) {
    for (int i = 2; i + 1 < b.length; i++) {
      if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
        return i;
      }
    }
    return -1;
  }
}
