package org.xcaibridge.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The stored form of a {@link FrameOffsetTable}, little endian:
 * <pre>
 *   "DFOT"  version=1  kind(0 native, 1 encapsulated)  anchor(0 source, 1 pixel data value)  flags(bit 0: big endian)
 *   bitsAllocated  uidLength  transferSyntaxUid (ASCII)  numberOfFrames:u32
 *   native:        dataOffset:i64  dataLength:i64  frameBits:i64
 *   encapsulated:  fragmentCount:u32  { valueOffset:i64  length:u32 } × fragmentCount  firstFragment:u32 × numberOfFrames
 *   crc32 of everything before it:u32
 * </pre>
 * Reading checks the magic, version, checksum and exact length before trusting any count, and then
 * the same invariants as a freshly built table, so a damaged cache file is an error, never a bad seek.
 */
final class FrameTableCodec {
  private FrameTableCodec() {}

  static final int VERSION = 1;
  private static final byte[] MAGIC = {'D', 'F', 'O', 'T'};
  private static final int FRAGMENT_ENTRY = 12;

  static byte[] encode(FrameOffsetTable t) {
    byte[] uid = t.transferSyntaxUid.getBytes(StandardCharsets.US_ASCII);
    int body = t.kind == FrameOffsetTable.Kind.NATIVE ? 24
        : 4 + FRAGMENT_ENTRY * t.fragmentOffsets.length + 4 * t.firstFragment.length;
    ByteBuffer b = ByteBuffer.allocate(10 + uid.length + 4 + body + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) VERSION).put((byte) t.kind.ordinal()).put((byte) t.anchor.ordinal())
        .put((byte) (t.bigEndian ? 1 : 0)).put((byte) t.bitsAllocated).put((byte) uid.length).put(uid)
        .putInt(t.numberOfFrames);
    if (t.kind == FrameOffsetTable.Kind.NATIVE) {
      b.putLong(t.dataOffset).putLong(t.dataLength).putLong(t.frameBits);
    } else {
      b.putInt(t.fragmentOffsets.length);
      for (int k = 0; k < t.fragmentOffsets.length; k++) {
        b.putLong(t.fragmentOffsets[k]).putInt((int) t.fragmentLengths[k]);
      }
      for (int f : t.firstFragment) {
        b.putInt(f);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  static FrameOffsetTable decode(byte[] bytes) {
    if (bytes == null || bytes.length < 10 + 1 + 4 + 4) {
      throw new PixelDataException("stored frame table is too short: " + (bytes == null ? 0 : bytes.length) + " bytes", 0);
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new PixelDataException("not a stored frame table (bad magic)", i);
      }
    }
    if (bytes[4] != VERSION) {
      throw new PixelDataException("stored frame table version " + (bytes[4] & 0xFF) + " is not " + VERSION, 4);
    }
    int end = bytes.length - 4;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, end);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(end) != (int) crc.getValue()) {
      throw new PixelDataException("stored frame table checksum does not match", end);
    }
    b.limit(end).position(5);
    FrameOffsetTable.Kind kind = pick(FrameOffsetTable.Kind.values(), b.get(), 5);
    FrameOffsetTable.Anchor anchor = pick(FrameOffsetTable.Anchor.values(), b.get(), 6);
    int flags = b.get() & 0xFF;
    if ((flags & ~1) != 0) {
      throw new PixelDataException("stored frame table has unknown flags " + flags, 7);
    }
    int bitsAllocated = b.get() & 0xFF;
    int uidLength = b.get() & 0xFF;
    need(b, uidLength + 4);
    byte[] uid = new byte[uidLength];
    b.get(uid);
    int framesAt = b.position();
    long frames = Integer.toUnsignedLong(b.getInt());
    if (frames < 1 || frames > Integer.MAX_VALUE) {
      throw new PixelDataException("stored frame table has " + frames + " frames", framesAt);
    }
    int sectionAt = b.position();
    long dataOffset = 0;
    long dataLength = 0;
    long frameBits = 0;
    long[] offsets = new long[0];
    long[] lengths = new long[0];
    int[] first = new int[0];
    if (kind == FrameOffsetTable.Kind.NATIVE) {
      need(b, 24);
      dataOffset = b.getLong();
      dataLength = b.getLong();
      frameBits = b.getLong();
    } else {
      need(b, 4);
      long count = Integer.toUnsignedLong(b.getInt());
      // the counts must account for exactly the bytes present before anything is allocated
      if (count * FRAGMENT_ENTRY + 4 * frames != b.remaining()) {
        throw new PixelDataException("stored frame table lists " + count + " fragments and " + frames
            + " frames but holds " + b.remaining() + " bytes for them", sectionAt);
      }
      offsets = new long[(int) count];
      lengths = new long[(int) count];
      for (int k = 0; k < count; k++) {
        offsets[k] = b.getLong();
        lengths[k] = Integer.toUnsignedLong(b.getInt());
      }
      first = new int[(int) frames];
      for (int f = 0; f < frames; f++) {
        first[f] = b.getInt();
      }
    }
    if (b.hasRemaining()) {
      throw new PixelDataException("stored frame table has " + b.remaining() + " bytes too many", b.position());
    }
    try {
      return FrameOffsetTable.decoded(kind, anchor, new String(uid, StandardCharsets.US_ASCII), flags == 1,
          bitsAllocated, (int) frames, dataOffset, dataLength, frameBits, offsets, lengths, first);
    } catch (PixelDataException | DicomLimitException e) {
      throw new PixelDataException("stored frame table is inconsistent: " + e.getMessage(), sectionAt);
    }
  }

  private static <E> E pick(E[] values, byte b, int at) {
    int i = b & 0xFF;
    if (i >= values.length) {
      throw new PixelDataException("stored frame table has an unknown code " + i, at);
    }
    return values[i];
  }

  private static void need(ByteBuffer b, long n) {
    if (b.remaining() < n) {
      throw new PixelDataException("stored frame table ends early", b.limit());
    }
  }
}
