package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The stored form of a frame offset table reads back equal, and anything else (a cut, a flipped
 * byte, another version, counts that do not fit, a well-checksummed table that breaks an invariant)
 * is a {@link PixelDataException} naming the offset — never an array error, never a bad range.
 */
class FrameOffsetTableStoredFormTest {
  private static final String JPEG = TransferSyntax.JPEG_BASELINE.uid();

  static FrameOffsetTable nativeTable() {
    return FrameOffsetTable.ofNative(FrameOffsetTable.Anchor.SOURCE, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), true,
        16, 15, 1234, 6000, 3200);
  }

  static FrameOffsetTable bitTable() {
    return FrameOffsetTable.ofNative(FrameOffsetTable.Anchor.PIXEL_DATA_VALUE, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
        false, 1, 3, 0, 6, 15);
  }

  static FrameOffsetTable encapsulatedTable() {
    return FrameOffsetTable.ofEncapsulated(JPEG, 8, new long[] {1000, 1028, 1056, 1094, 1122, 1150},
        new long[] {20, 20, 30, 20, 20, 20}, new int[] {0, 2, 3});
  }

  @Test
  void roundTrips() {
    for (FrameOffsetTable t : List.of(nativeTable(), bitTable(), encapsulatedTable())) {
      FrameOffsetTable back = FrameOffsetTable.fromBytes(t.toBytes());
      assertThat(back).isEqualTo(t).hasSameHashCodeAs(t);
      assertThat(back.locate(back.numberOfFrames())).isEqualTo(t.locate(t.numberOfFrames()));
    }
    assertThat(encapsulatedTable().toBytes()).hasSize(10 + JPEG.length() + 4 + 4 + 6 * 12 + 3 * 4 + 4);
  }

  @Test
  void everyCutAndEveryFlippedByteIsRefusedThenTheIntactFormReads() {
    for (FrameOffsetTable t : List.of(nativeTable(), bitTable(), encapsulatedTable())) {
      byte[] good = t.toBytes();
      for (int n = 0; n < good.length; n++) {
        byte[] cut = Arrays.copyOf(good, n);
        assertThatThrownBy(() -> FrameOffsetTable.fromBytes(cut)).as("cut at %d", n).isInstanceOf(PixelDataException.class);
      }
      for (int i = 0; i < good.length; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] flipped = good.clone();
          flipped[i] ^= (byte) (1 << bit);
          assertThatThrownBy(() -> FrameOffsetTable.fromBytes(flipped)).as("flip at %d", i)
              .isInstanceOf(PixelDataException.class);
        }
      }
      byte[] longer = Arrays.copyOf(good, good.length + 1);
      assertThatThrownBy(() -> FrameOffsetTable.fromBytes(longer)).isInstanceOf(PixelDataException.class);
      assertThat(FrameOffsetTable.fromBytes(good)).isEqualTo(t);
    }
  }

  @Test
  void otherVersionsAndMagicAreNamed() {
    byte[] b = nativeTable().toBytes();
    b[4] = 2;
    assertThatThrownBy(() -> FrameOffsetTable.fromBytes(b)).isInstanceOfSatisfying(PixelDataException.class,
        e -> assertThat(e.offset()).isEqualTo(4));
    byte[] m = nativeTable().toBytes();
    m[0] = 'X';
    assertThatThrownBy(() -> FrameOffsetTable.fromBytes(m)).hasMessageContaining("magic");
    assertThatThrownBy(() -> FrameOffsetTable.fromBytes(null)).isInstanceOf(PixelDataException.class);
  }

  @Test
  void checksummedButInconsistentTablesAreRefused() {
    // overlapping fragments: the second starts before the first one's end plus the next item header
    assertRefused(encapsulated(new long[] {1000, 1020}, new long[] {20, 20}, new int[] {0, 1}), "out of order");
    // a frame that starts beyond the fragments, and frames that do not rise
    assertRefused(encapsulated(new long[] {1000, 1028}, new long[] {20, 20}, new int[] {0, 2}), "frame 2");
    assertRefused(encapsulated(new long[] {1000, 1028}, new long[] {20, 20}, new int[] {1, 1}), "frame 1");
    // native frames that need more bytes than the pixel data has
    assertRefused(nativeForm(16, 15, 1234, 5998, 3200), "need 6000");
    // counts that claim more entries than the bytes hold are caught before anything is allocated
    byte[] b = encapsulated(new long[] {1000}, new long[] {20}, new int[] {0});
    int countAt = 10 + JPEG.length() + 4;
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, Integer.MAX_VALUE);
    assertRefused(recrc(b), "fragments");
    assertThat(FrameOffsetTable.fromBytes(encapsulated(new long[] {1000, 1028}, new long[] {20, 20}, new int[] {0, 1}))
        .numberOfFrames()).isEqualTo(2);
  }

  @Test
  void frameNumbersOutsideTheTableAreNotFound() {
    FrameOffsetTable t = encapsulatedTable();
    for (int n : new int[] {0, -1, 4, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> t.locate(n)).isInstanceOfSatisfying(FrameNotFoundException.class, e -> {
        assertThat(e.frame()).isEqualTo(n);
        assertThat(e.numberOfFrames()).isEqualTo(3);
      });
    }
    assertThat(t.locate(3).ranges()).hasSize(3);
  }

  @Test
  void extractChecksTheBytesItIsGiven() {
    FrameOffsetTable t = encapsulatedTable();
    FrameOffsetTable.FrameLocation loc = t.locate(2);
    assertThatThrownBy(() -> t.extract(loc, List.of(new byte[29]))).isInstanceOf(PixelDataException.class);
    assertThat(t.extract(loc, List.of(new byte[30]))).hasSize(30);
    // 1-bit: frame 2 of 15-bit frames is bits 15..29; bit 7 of byte 1 must become bit 0, bits past 15 cleared
    FrameOffsetTable bits = bitTable();
    FrameOffsetTable.FrameLocation f2 = bits.locate(2);
    byte[] frame = bits.extract(f2, List.of(new byte[] {(byte) 0x80, (byte) 0xFF, (byte) 0xFF}));
    assertThat(frame).containsExactly(0xFF, 0x7F);
  }

  private static byte[] encapsulated(long[] offsets, long[] lengths, int[] first) {
    ByteBuffer b = header(1, 8, first.length, 4 + 12 * offsets.length + 4 * first.length);
    b.putInt(offsets.length);
    for (int k = 0; k < offsets.length; k++) {
      b.putLong(offsets[k]).putInt((int) lengths[k]);
    }
    for (int f : first) {
      b.putInt(f);
    }
    return recrc(b.array());
  }

  private static byte[] nativeForm(int bitsAllocated, int frames, long offset, long length, long frameBits) {
    ByteBuffer b = header(0, bitsAllocated, frames, 24);
    b.putLong(offset).putLong(length).putLong(frameBits);
    return recrc(b.array());
  }

  private static ByteBuffer header(int kind, int bitsAllocated, int frames, int body) {
    ByteBuffer b = ByteBuffer.allocate(10 + JPEG.length() + 4 + body + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'D', 'F', 'O', 'T', 1, (byte) kind, 0, 0, (byte) bitsAllocated, (byte) JPEG.length()});
    b.put(JPEG.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(frames);
    return b;
  }

  private static byte[] recrc(byte[] b) {
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
    return b;
  }

  private static void assertRefused(byte[] stored, String messagePart) {
    assertThatThrownBy(() -> FrameOffsetTable.fromBytes(stored)).isInstanceOfSatisfying(PixelDataException.class,
        e -> assertThat(e.offset()).isGreaterThanOrEqualTo(0)).hasMessageContaining(messagePart);
  }
}
