package org.xcaibridge.dicom;

/**
 * The invariants every {@link FrameOffsetTable} keeps, checked whether it was just built from an
 * instance or read back from stored bytes, so that {@link FrameOffsetTable#locate} can never hand out a
 * range that overlaps another frame, runs backwards, or exceeds {@link FrameOffsetTable#MAX_FRAME_BYTES}.
 */
final class FrameTableChecks {
  private FrameTableChecks() {}

  /** Item lengths are 32-bit and 0xFFFFFFFF means "undefined", which a fragment may not have (PS3.5 §A.4). */
  static final long MAX_FRAGMENT_LENGTH = 0xFFFFFFFEL;
  /** PS3.5 §9.1: a UID is at most 64 characters. */
  static final int MAX_UID_LENGTH = 64;

  static void check(FrameOffsetTable t) {
    require(t.kind != null && t.anchor != null, "kind and anchor must be set");
    require(isUid(t.transferSyntaxUid), "transfer syntax UID is not a UID: " + t.transferSyntaxUid);
    require(t.bitsAllocated == 1 || (t.bitsAllocated >= 8 && t.bitsAllocated <= 64 && t.bitsAllocated % 8 == 0),
        "BitsAllocated must be 1 or a multiple of 8 up to 64, was " + t.bitsAllocated);
    require(t.numberOfFrames >= 1, "number of frames must be ≥ 1, was " + t.numberOfFrames);
    if (t.kind == FrameOffsetTable.Kind.NATIVE) {
      checkNative(t);
    } else {
      checkEncapsulated(t);
    }
  }

  private static void checkNative(FrameOffsetTable t) {
    require(t.fragmentOffsets.length == 0 && t.fragmentLengths.length == 0 && t.firstFragment.length == 0,
        "a native table has no fragments");
    require(t.dataOffset >= 0 && t.dataLength >= 0 && t.dataLength <= Long.MAX_VALUE / 8
        && t.dataOffset <= Long.MAX_VALUE - t.dataLength, "pixel data range is invalid: " + t.dataOffset + "+" + t.dataLength);
    require(t.frameBits >= 1 && t.frameBits % t.bitsAllocated == 0,
        "frame size of " + t.frameBits + " bits is not a whole number of " + t.bitsAllocated + "-bit samples");
    if ((t.frameBits + 7) / 8 > FrameOffsetTable.MAX_FRAME_BYTES) {
      throw new DicomLimitException("MAX_FRAME_BYTES", FrameOffsetTable.MAX_FRAME_BYTES, (t.frameBits + 7) / 8, t.dataOffset);
    }
    long needed;
    try {
      needed = Math.addExact(Math.multiplyExact(t.numberOfFrames, t.frameBits), 7) / 8;
    } catch (ArithmeticException e) {
      needed = Long.MAX_VALUE;
    }
    if (needed > t.dataLength) {
      throw new PixelDataException("pixel data holds " + t.dataLength + " bytes but " + t.numberOfFrames + " frames of "
          + t.frameBits + " bits need " + (needed == Long.MAX_VALUE ? "more than 2^63" : needed), t.dataOffset);
    }
  }

  private static void checkEncapsulated(FrameOffsetTable t) {
    require(t.anchor == FrameOffsetTable.Anchor.SOURCE, "fragment positions are always positions in the source");
    require(!t.bigEndian && t.dataOffset == 0 && t.dataLength == 0 && t.frameBits == 0,
        "an encapsulated table has no native layout");
    long[] off = t.fragmentOffsets;
    long[] len = t.fragmentLengths;
    int[] first = t.firstFragment;
    require(off.length >= 1 && len.length == off.length, "fragment offsets and lengths must be as many, and ≥ 1");
    require(first.length == t.numberOfFrames && t.numberOfFrames <= off.length,
        t.numberOfFrames + " frames cannot start in " + off.length + " fragments");
    for (int k = 0; k < off.length; k++) {
      // each fragment's value follows its 8-byte item header, after the end of the previous fragment
      long min = k == 0 ? 8 : off[k - 1] + len[k - 1] + 8;
      if (len[k] < 0 || len[k] > MAX_FRAGMENT_LENGTH || off[k] < min || off[k] > Long.MAX_VALUE - len[k]) {
        throw new PixelDataException("fragment " + (k + 1) + " at " + off[k] + " with length " + len[k]
            + " is out of order or out of range", Math.max(off[k], 0));
      }
    }
    for (int f = 0; f < first.length; f++) {
      int lo = f == 0 ? 0 : first[f - 1] + 1;
      require(first[f] >= lo && first[f] < off.length && (f > 0 || first[0] == 0),
          "frame " + (f + 1) + " cannot start at fragment " + (first[f] + 1));
    }
    for (int f = 0; f < first.length; f++) {
      int to = f + 1 < first.length ? first[f + 1] : off.length;
      long total = 0;
      for (int k = first[f]; k < to; k++) {
        total += len[k];
      }
      if (total > FrameOffsetTable.MAX_FRAME_BYTES) {
        throw new DicomLimitException("MAX_FRAME_BYTES", FrameOffsetTable.MAX_FRAME_BYTES, total, off[first[f]]);
      }
    }
  }

  static boolean isUid(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_UID_LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new PixelDataException(message);
    }
  }
}
