package org.xcaibridge.dicom;

import java.util.List;

/**
 * Turns the bytes of a frame's ranges into the frame: concatenation for encapsulated frames; for
 * native frames the shift that makes a 1-bit frame start at bit 0 (bits LSB first, PS3.5 §8.1.1, as
 * pydicom packs them) and the byte swap that makes big endian samples little endian.
 */
final class FrameBytes {
  private FrameBytes() {}

  static byte[] extract(FrameOffsetTable t, FrameOffsetTable.FrameLocation loc, List<byte[]> rangeBytes) {
    List<FrameOffsetTable.Range> ranges = loc.ranges();
    if (rangeBytes.size() != ranges.size()) {
      throw new IllegalArgumentException("frame " + loc.frame() + " has " + ranges.size() + " ranges, "
          + rangeBytes.size() + " were given");
    }
    long total = 0;
    for (int i = 0; i < ranges.size(); i++) {
      byte[] b = rangeBytes.get(i);
      FrameOffsetTable.Range r = ranges.get(i);
      if (b == null || b.length != r.length()) {
        throw new PixelDataException("frame " + loc.frame() + ": expected " + r.length() + " bytes at offset "
            + r.offset() + ", got " + (b == null ? "none" : b.length + " (truncated source?)"), r.offset());
      }
      total += b.length;
    }
    if (t.kind == FrameOffsetTable.Kind.ENCAPSULATED) {
      byte[] out = new byte[Math.toIntExact(total)];
      int at = 0;
      for (byte[] b : rangeBytes) {
        System.arraycopy(b, 0, out, at, b.length);
        at += b.length;
      }
      return out;
    }
    byte[] src = rangeBytes.get(0);
    if (t.bitsAllocated == 1) {
      return repackBits(src, loc.bitOffset(), loc.bitLength());
    }
    byte[] out = src.clone();
    if (t.bigEndian && t.bitsAllocated > 8) {
      swap(out, t.bitsAllocated / 8);
    }
    return out;
  }

  /**
   * Moves {@code bits} bits starting at bit {@code bitOffset} of {@code src} to bit 0 of a new array;
   * bits past the frame in the last byte are cleared, as they belong to the next frame or are padding.
   */
  static byte[] repackBits(byte[] src, int bitOffset, long bits) {
    byte[] out = new byte[Math.toIntExact((bits + 7) / 8)];
    for (int i = 0; i < out.length; i++) {
      int lo = (src[i] & 0xFF) >>> bitOffset;
      int hi = bitOffset != 0 && i + 1 < src.length ? (src[i + 1] & 0xFF) << (8 - bitOffset) : 0;
      out[i] = (byte) (lo | hi);
    }
    int tail = (int) (bits % 8);
    if (tail != 0) {
      out[out.length - 1] &= (byte) ((1 << tail) - 1);
    }
    return out;
  }

  /** Reverses the bytes of each {@code unit}-byte sample in place. */
  static void swap(byte[] b, int unit) {
    for (int i = 0; i + unit <= b.length; i += unit) {
      for (int a = i, z = i + unit - 1; a < z; a++, z--) {
        byte x = b[a];
        b[a] = b[z];
        b[z] = x;
      }
    }
  }
}
