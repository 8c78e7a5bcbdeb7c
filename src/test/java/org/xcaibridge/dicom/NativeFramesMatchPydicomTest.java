package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.dicom.PydicomFrameOracle.digest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native layouts the corpus has only as single frames, here multi-frame: 1-bit frames that do not
 * start on a byte boundary, odd frame sizes, big endian 8/16/32-bit samples (in memory, where the
 * reader has already swapped per VR, and from the file, where nothing is swapped yet), colour-by-plane
 * and YBR_FULL_422. pydicom's frames (cross-checked against its pixel_array) are the reference.
 */
class NativeFramesMatchPydicomTest {
  private static final String LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
  private static final String BE = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();

  @TempDir
  static Path dir;
  private static final Map<String, Path> files = new LinkedHashMap<>();
  private static Map<String, PydicomFrameOracle.Answer> oracle;

  private static void write(String name, PixelFileBuilder b) throws IOException {
    Path p = dir.resolve(name + ".dcm");
    Files.write(p, b.build());
    files.put(name, p);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @BeforeAll
  static void writeFilesAndAskPydicom() throws IOException {
    ExternalTools.requirePydicom();
    write("bits_5x3_3frames", new PixelFileBuilder().syntax(LE).image(5, 3, 1, 1, "MONOCHROME2").frames("3")
        .nativeData(VR.OB, random(6, 1)));
    write("bits_3x3_7frames", new PixelFileBuilder().syntax(LE).image(3, 3, 1, 1, "MONOCHROME2").frames("7")
        .nativeData(VR.OB, random(8, 2)));
    write("be_bits_5x3_3frames", new PixelFileBuilder().syntax(BE).image(5, 3, 1, 1, "MONOCHROME2").frames("3")
        .nativeData(VR.OB, random(6, 3)));
    write("be_ow8_rgb_3x3_3frames", new PixelFileBuilder().syntax(BE).image(3, 3, 3, 8, "RGB").frames("3")
        .nativeData(VR.OW, random(82, 4)));
    write("be_ow16_3x3_2frames", new PixelFileBuilder().syntax(BE).image(3, 3, 1, 16, "MONOCHROME2").frames("2")
        .nativeData(VR.OW, random(36, 5)));
    write("be_ow32_3x2_3frames", new PixelFileBuilder().syntax(BE).image(3, 2, 1, 32, "MONOCHROME2").frames("3")
        .nativeData(VR.OW, random(72, 6)));
    write("le_ob8_rgb_planar_2x3_2frames", new PixelFileBuilder().syntax(LE).image(2, 3, 3, 8, "RGB").planar(1)
        .frames("2").nativeData(VR.OB, random(36, 7)));
    write("be_ow16_rgb_planar_2x3_2frames", new PixelFileBuilder().syntax(BE).image(2, 3, 3, 16, "RGB").planar(1)
        .frames("2").nativeData(VR.OW, random(72, 8)));
    write("le_ybr422_4x2_2frames", new PixelFileBuilder().syntax(LE).image(4, 2, 3, 8, "YBR_FULL_422").frames("2")
        .nativeData(VR.OB, random(32, 9)));
    write("le_ow8_odd_3x3_3frames", new PixelFileBuilder().syntax(LE).image(3, 3, 1, 8, "MONOCHROME2").frames("3")
        .nativeData(VR.OW, random(28, 10)));
    oracle = PydicomFrameOracle.run(new ArrayList<>(files.values()));
  }

  private static void matches(String name, boolean crossChecked) throws IOException {
    Path p = files.get(name);
    PydicomFrameOracle.Answer a = oracle.get(p.toString());
    assertThat(a.status()).as(a.error()).isEqualTo("ok");
    assertThat(a.crossChecked()).as("pydicom's pixel_array agrees with its frames").isEqualTo(crossChecked);
    DicomFile file = DicomReader.read(Files.readAllBytes(p), ReadOptions.ALL);
    List<String> inMemory = new ArrayList<>();
    for (int n = 1; n <= a.frames().size(); n++) {
      inMemory.add(digest(Frames.frame(file, n)));
    }
    assertThat(inMemory).as("in memory").isEqualTo(a.frames());
    try (FileChannel ch = FileChannel.open(p); RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r")) {
      DicomFile headers = DicomReader.read(ch, ReadOptions.HEADERS);
      RangeReader source = PydicomFrameOracle.reader(raf);
      FrameOffsetTable stored = FrameOffsetTable.fromBytes(FrameOffsetTable.of(headers, source).toBytes());
      List<String> fromFile = new ArrayList<>();
      for (int n = 1; n <= a.frames().size(); n++) {
        fromFile.add(digest(Frames.frame(stored, n, source)));
      }
      assertThat(fromFile).as("stored table and file").isEqualTo(a.frames());
    }
  }

  @Test
  void oneBitFramesThatDoNotStartOnAByte() throws IOException {
    matches("bits_5x3_3frames", true);
    matches("bits_3x3_7frames", true);
    matches("be_bits_5x3_3frames", true);
    FrameOffsetTable t = FrameOffsetTable.of(DicomReader.read(Files.readAllBytes(files.get("bits_5x3_3frames")),
        ReadOptions.ALL));
    // 15 bits a frame: frame 2 is bits 15-29 (bytes 1-3, from bit 7), frame 3 bits 30-44 (bytes 3-5, from bit 6)
    assertThat(List.of(t.locate(1), t.locate(2), t.locate(3)))
        .extracting(l -> l.ranges().get(0).offset() + ":" + l.bitOffset() + ":" + l.ranges().get(0).length())
        .containsExactly("0:0:2", "1:7:3", "3:6:3");
  }

  @Test
  void bigEndianSamplesComeBackLittleEndianFromMemoryAndFromTheFile() throws IOException {
    matches("be_ow8_rgb_3x3_3frames", true);
    matches("be_ow16_3x3_2frames", true);
    matches("be_ow32_3x2_3frames", true);
  }

  @Test
  void colourByPlaneAndOddSizedFrames() throws IOException {
    matches("le_ob8_rgb_planar_2x3_2frames", true);
    matches("be_ow16_rgb_planar_2x3_2frames", true);
    matches("le_ow8_odd_3x3_3frames", true);
  }

  @Test
  void ybrFull422FramesAreTwoThirdsTheSize() throws IOException {
    matches("le_ybr422_4x2_2frames", false); // pydicom resamples 4:2:2 in pixel_array, so only the cut is compared
    assertThat(Frames.frame(DicomReader.read(Files.readAllBytes(files.get("le_ybr422_4x2_2frames")), ReadOptions.ALL), 2))
        .hasSize(16);
  }

  @Test
  void pixelDataShorterThanItsFramesIsRefusedThenACompleteOneWorks() throws IOException {
    byte[] shortFile = new PixelFileBuilder().syntax(LE).image(3, 3, 1, 16, "MONOCHROME2").frames("3")
        .nativeData(VR.OW, random(36, 11)).build();
    assertThatThrownBy(() -> Frames.frame(DicomReader.read(shortFile, ReadOptions.ALL), 1))
        .isInstanceOf(PixelDataException.class).hasMessageContaining("need 54");
    DicomFile headers = DicomReader.read(shortFile, ReadOptions.HEADERS);
    long valueOffset = ((DataElement.BulkData) headers.pixelData()).offset();
    assertThatThrownBy(() -> FrameOffsetTable.of(headers, PydicomFrameOracle.reader(shortFile)))
        .isInstanceOfSatisfying(PixelDataException.class, e -> assertThat(e.offset()).isEqualTo(valueOffset));
    byte[] data = random(54, 11);
    byte[] good = new PixelFileBuilder().syntax(LE).image(3, 3, 1, 16, "MONOCHROME2").frames("3")
        .nativeData(VR.OW, data).build();
    assertThat(Frames.frame(DicomReader.read(good, ReadOptions.ALL), 3)).containsExactly(java.util.Arrays.copyOfRange(data, 36, 54));
  }
}
