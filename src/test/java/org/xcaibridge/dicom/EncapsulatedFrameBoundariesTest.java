package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Byte fixtures for how frames are found in encapsulated pixel data (PS3.5 §A.4): offset tables count
 * from the first byte of the item tag of the first fragment after the Basic Offset Table; the Extended
 * Offset Table wins over everything; without tables, counts and start markers decide; and every table
 * entry that does not land on a fragment is refused, naming where it is in the file.
 */
class EncapsulatedFrameBoundariesTest {
  private static final String JPEG_BASELINE = TransferSyntax.JPEG_BASELINE.uid();
  private static final String MPEG2 = "1.2.840.10008.1.2.4.100";

  /** A frame that starts like a JPEG stream (SOI, APP0) and ends with EOI. */
  static byte[] jpeg(int seed, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) ((seed * 31 + i * 7) % 200);
    }
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    b[length - 2] = (byte) 0xFF;
    b[length - 1] = (byte) 0xD9;
    return b;
  }

  /** Bytes that are no codec's start of frame. */
  static byte[] plain(int seed, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) ((seed * 13 + i) % 200 + 1);
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  // frame 1 = two fragments, frame 2 = one, frame 3 = three
  private final byte[] f1 = jpeg(1, 40);
  private final byte[] f2 = jpeg(2, 30);
  private final byte[] f3 = jpeg(3, 60);
  private final List<byte[]> fragments = List.of(
      Arrays.copyOfRange(f1, 0, 20), Arrays.copyOfRange(f1, 20, 40), f2,
      Arrays.copyOfRange(f3, 0, 20), Arrays.copyOfRange(f3, 20, 40), Arrays.copyOfRange(f3, 40, 60));

  private PixelFileBuilder threeFrames(String syntax) {
    PixelFileBuilder b = new PixelFileBuilder().syntax(syntax).image(8, 8, 1, 8, "MONOCHROME2").frames("3");
    fragments.forEach(b::fragment);
    return b;
  }

  @Test
  void basicOffsetTableCountsFromTheFirstFragmentsItemTag() throws IOException {
    // frame 2 starts 2 items after the first: (8 + 20) + (8 + 20) = 56; frame 3 at 56 + 8 + 30 = 94
    PixelFileBuilder b = threeFrames(JPEG_BASELINE).basicOffsetTable(0, 56, 94);
    byte[] file = b.build();
    assertFrames(file, f1, f2, f3);
    FrameOffsetTable t = FrameOffsetTable.of(DicomReader.read(file, ReadOptions.ALL));
    assertThat(t.locate(3).ranges()).extracting(FrameOffsetTable.Range::offset)
        .containsExactlyElementsOf(b.fragmentValueOffsets.subList(3, 6));
    assertThat(t.locate(1).ranges()).extracting(FrameOffsetTable.Range::length).containsExactly(20L, 20L);
  }

  @Test
  void basicOffsetTableEntryBeyondTheDataIsRefusedThenAGoodOneWorks() throws IOException {
    PixelFileBuilder bad = threeFrames(JPEG_BASELINE).basicOffsetTable(0, 56, 5000);
    byte[] badFile = bad.build();
    assertThatThrownBy(() -> Frames.frame(DicomReader.read(badFile, ReadOptions.ALL), 1))
        .isInstanceOfSatisfying(PixelDataException.class, e -> {
          assertThat(e.offset()).isEqualTo(bad.basicOffsetTableValueOffset + 8); // the third entry
          assertThat(e.getMessage()).contains("entry 3", "beyond");
        });
    assertThatThrownBy(() -> FrameOffsetTable.of(headers(badFile), PydicomFrameOracle.reader(badFile)))
        .isInstanceOf(PixelDataException.class);
    assertFrames(threeFrames(JPEG_BASELINE).basicOffsetTable(0, 56, 94).build(), f1, f2, f3);
  }

  @Test
  void basicOffsetTableEntriesMustLandOnItemTags() {
    // 64 is where frame 2's first value byte is (56 + 8): an offset counted to the value, not the tag
    assertRefused(threeFrames(JPEG_BASELINE).basicOffsetTable(0, 64, 94), "entry 2", "not the start");
    assertRefused(threeFrames(JPEG_BASELINE).basicOffsetTable(8, 56, 94), "entry 1");
    assertRefused(threeFrames(JPEG_BASELINE).basicOffsetTable(0, 94, 56), "entry 3", "rise");
    assertRefused(threeFrames(JPEG_BASELINE).basicOffsetTable(0, 56), "Basic Offset Table holds 8 bytes");
  }

  @Test
  void extendedOffsetTableWinsAndItsFramesMaySpanFragments() throws IOException {
    // no markers anywhere and 6 fragments for 3 frames: only the EOT can cut these
    byte[] a = plain(1, 40);
    byte[] b = plain(2, 30);
    byte[] c = plain(3, 60);
    PixelFileBuilder builder = new PixelFileBuilder().syntax(JPEG_BASELINE).image(8, 8, 1, 8, "MONOCHROME2").frames("3")
        .fragment(Arrays.copyOfRange(a, 0, 20)).fragment(Arrays.copyOfRange(a, 20, 40)).fragment(b)
        .fragment(Arrays.copyOfRange(c, 0, 30)).fragment(Arrays.copyOfRange(c, 30, 60)).fragment(new byte[0])
        .extendedOffsetTable(new long[] {0, 56, 94}, new long[] {40, 30, 59});
    assertFrames(builder.build(), a, b, c);
    byte[] tooLong = builder.extendedOffsetTable(new long[] {0, 56, 94}, new long[] {40, 31, 60}).build();
    assertThatThrownBy(() -> Frames.frame(DicomReader.read(tooLong, ReadOptions.ALL), 1))
        .isInstanceOf(PixelDataException.class).hasMessageContaining("Lengths entry 2");
    assertThat(Frames.frame(DicomReader.read(builder.extendedOffsetTable(new long[] {0, 56, 94},
        new long[] {40, 30, 60}).build(), ReadOptions.ALL), 3)).isEqualTo(c);
  }

  @Test
  void withoutTablesOneFragmentPerFrameOrAllFragmentsForOneFrame() throws IOException {
    byte[] a = plain(1, 10);
    byte[] b = plain(2, 12);
    byte[] c = plain(3, 14);
    assertFrames(new PixelFileBuilder().syntax(MPEG2).image(8, 8, 1, 8, "MONOCHROME2").frames("3")
        .fragment(a).fragment(b).fragment(c).build(), a, b, c);
    assertFrames(new PixelFileBuilder().syntax(MPEG2).image(8, 8, 1, 8, "MONOCHROME2")
        .fragment(a).fragment(b).fragment(c).build(), concat(a, b, c));
    assertRefused(new PixelFileBuilder().syntax(MPEG2).image(8, 8, 1, 8, "MONOCHROME2").frames("2")
        .fragment(a).fragment(b).fragment(c), "no start marker");
    assertRefused(new PixelFileBuilder().syntax(MPEG2).image(8, 8, 1, 8, "MONOCHROME2").frames("4")
        .fragment(a).fragment(b).fragment(c), "only 3 fragments");
  }

  @Test
  void jpegStartMarkersMustMatchTheFrameCount() throws IOException {
    assertFrames(threeFrames(JPEG_BASELINE).build(), f1, f2, f3);
    PixelFileBuilder fourDeclared = new PixelFileBuilder().syntax(JPEG_BASELINE).image(8, 8, 1, 8, "MONOCHROME2").frames("4");
    fragments.forEach(fourDeclared::fragment);
    assertRefused(fourDeclared, "begin 3 of 6 fragments");
    PixelFileBuilder headless = new PixelFileBuilder().syntax(JPEG_BASELINE).image(8, 8, 1, 8, "MONOCHROME2").frames("3")
        .fragment(plain(9, 8));
    fragments.forEach(headless::fragment);
    assertRefused(headless, "not the first");
  }

  @Test
  void rleHeadersStartFrames() throws IOException {
    byte[] a = rleFrame(3, 100);
    byte[] b = rleFrame(1, 70);
    PixelFileBuilder builder = new PixelFileBuilder().syntax(TransferSyntax.RLE_LOSSLESS.uid())
        .image(8, 8, 1, 8, "MONOCHROME2").frames("2")
        .fragment(Arrays.copyOfRange(a, 0, 80)).fragment(Arrays.copyOfRange(a, 80, a.length))
        .fragment(Arrays.copyOfRange(b, 0, 64)).fragment(Arrays.copyOfRange(b, 64, b.length));
    assertFrames(builder.build(), a, b);
  }

  @Test
  void missingTablesAndShortSourcesAreTypedErrors() throws IOException {
    byte[] file = threeFrames(JPEG_BASELINE).basicOffsetTable(0, 56, 94).build();
    DicomFile headers = headers(file);
    // fragments were skipped and no reader is given: the Basic Offset Table cannot be read
    assertThatThrownBy(() -> FrameOffsetTable.of(headers)).isInstanceOf(PixelDataException.class)
        .hasMessageContaining("not in memory");
    FrameOffsetTable table = FrameOffsetTable.of(headers, PydicomFrameOracle.reader(file));
    assertThatThrownBy(() -> Frames.frame(headers, 1)).isInstanceOf(PixelDataException.class);
    byte[] cut = Arrays.copyOf(file, file.length - 40);
    assertThatThrownBy(() -> Frames.frame(table, 3, PydicomFrameOracle.reader(cut)))
        .isInstanceOf(PixelDataException.class).hasMessageContaining("truncated");
    assertThat(Frames.frame(table, 3, PydicomFrameOracle.reader(file))).isEqualTo(f3);
    DicomFile noItems = new DicomFile(new Dataset(), pixelModule().put(new DataElement.Fragments(Tag.PixelData, VR.OB,
        List.of())), TransferSyntax.JPEG_BASELINE);
    assertThatThrownBy(() -> Frames.frame(noItems, 1)).isInstanceOf(PixelDataException.class)
        .hasMessageContaining("no Basic Offset Table item");
    DicomFile onlyBot = new DicomFile(new Dataset(), pixelModule().put(new DataElement.Fragments(Tag.PixelData, VR.OB,
        List.of(new DataElement.Fragment(100, 0, new byte[0])))), TransferSyntax.JPEG_BASELINE);
    assertThatThrownBy(() -> Frames.frame(onlyBot, 1)).isInstanceOf(PixelDataException.class)
        .hasMessageContaining("no fragment after");
  }

  private static Dataset pixelModule() {
    return new Dataset().putInt(Tag.Rows, VR.US, 8).putInt(Tag.Columns, VR.US, 8).putInt(Tag.SamplesPerPixel, VR.US, 1)
        .putInt(Tag.BitsAllocated, VR.US, 8).putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
  }

  /** An RLE frame: the 64-byte header (PS3.5 §G.5) with {@code segments} segments, then filler. */
  static byte[] rleFrame(int segments, int length) {
    byte[] b = plain(segments, length);
    Arrays.fill(b, 0, 64, (byte) 0);
    Values.writeLe(b, 0, 4, segments);
    for (int s = 0; s < segments; s++) {
      Values.writeLe(b, 4 + 4 * s, 4, 64 + 8L * s);
    }
    return b;
  }

  static DicomFile headers(byte[] file) {
    return DicomReader.read(file, ReadOptions.HEADERS);
  }

  private static void assertRefused(PixelFileBuilder b, String... messageParts) {
    byte[] file = b.build();
    assertThatThrownBy(() -> Frames.frame(DicomReader.read(file, ReadOptions.ALL), 1))
        .isInstanceOf(PixelDataException.class).message().contains(messageParts);
    assertThatThrownBy(() -> FrameOffsetTable.of(headers(file), PydicomFrameOracle.reader(file)))
        .isInstanceOf(PixelDataException.class).message().contains(messageParts);
  }

  /** In memory, through a table and a reader, and through the stored table, the frames are these. */
  static void assertFrames(byte[] file, byte[]... expected) throws IOException {
    DicomFile all = DicomReader.read(file, ReadOptions.ALL);
    FrameOffsetTable table = FrameOffsetTable.of(headers(file), PydicomFrameOracle.reader(file));
    FrameOffsetTable stored = FrameOffsetTable.fromBytes(table.toBytes());
    assertThat(stored).isEqualTo(table);
    assertThat(table.numberOfFrames()).isEqualTo(expected.length);
    List<byte[]> inMemory = new ArrayList<>();
    List<byte[]> viaTable = new ArrayList<>();
    for (int n = 1; n <= expected.length; n++) {
      inMemory.add(Frames.frame(all, n));
      viaTable.add(Frames.frame(stored, n, PydicomFrameOracle.reader(file)));
    }
    assertThat(inMemory).containsExactly(expected);
    assertThat(viaTable).containsExactly(expected);
    assertThatThrownBy(() -> Frames.frame(all, expected.length + 1)).isInstanceOf(FrameNotFoundException.class);
  }
}
