package org.xcaibridge.dicom;

/**
 * How the first bytes of a frame look in each family of encapsulated syntaxes, for finding frame
 * boundaries when neither offset table is there and frames span several fragments (PS3.5 §A.4: a
 * fragment never holds data of two frames, so a frame starts exactly where a fragment starts with one
 * of these).
 */
enum CodecMarkers {
  /** JPEG (ISO 10918-1) and JPEG-LS (ISO 14495-1): SOI followed by the next marker's 0xFF. */
  JPEG(3) {
    @Override
    boolean startsFrame(byte[] h) {
      return h.length >= 3 && u8(h, 0) == 0xFF && u8(h, 1) == 0xD8 && u8(h, 2) == 0xFF;
    }
  },
  /** JPEG 2000 (ISO 15444-1): a codestream's SOC + SIZ markers, or a JP2 file's signature box. */
  JPEG_2000(12) {
    private final int[] jp2Signature = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};

    @Override
    boolean startsFrame(byte[] h) {
      if (h.length >= 4 && u8(h, 0) == 0xFF && u8(h, 1) == 0x4F && u8(h, 2) == 0xFF && u8(h, 3) == 0x51) {
        return true;
      }
      if (h.length < jp2Signature.length) {
        return false;
      }
      for (int i = 0; i < jp2Signature.length; i++) {
        if (u8(h, i) != jp2Signature[i]) {
          return false;
        }
      }
      return true;
    }
  },
  /**
   * RLE Lossless (PS3.5 §G.5): a 64-byte header of 16 little endian UL: the number of segments (1 to
   * 15), then the segment offsets, the first of which is 64, rising, with unused entries 0.
   */
  RLE(64) {
    @Override
    boolean startsFrame(byte[] h) {
      if (h.length < 64) {
        return false;
      }
      long segments = u32(h, 0);
      if (segments < 1 || segments > 15 || u32(h, 4) != 64) {
        return false;
      }
      for (int i = 2; i <= 15; i++) {
        long o = u32(h, 4 * i);
        boolean used = i <= segments;
        if (used ? o <= u32(h, 4 * (i - 1)) : o != 0) {
          return false;
        }
      }
      return true;
    }
  };

  private static final String JPEG_FAMILY = "1.2.840.10008.1.2.4.";
  private static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

  /** How many leading bytes of a fragment {@link #startsFrame} needs to look at. */
  final int headLength;

  CodecMarkers(int headLength) {
    this.headLength = headLength;
  }

  /** True when a fragment beginning with these bytes begins a frame. */
  abstract boolean startsFrame(byte[] head);

  /** The marker family of a transfer syntax, or null when its frames have no recognisable start. */
  static CodecMarkers forSyntax(String uid) {
    if (RLE_LOSSLESS.equals(uid)) {
      return RLE;
    }
    if (uid == null || !uid.startsWith(JPEG_FAMILY) || uid.length() > JPEG_FAMILY.length() + 3) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(uid.substring(JPEG_FAMILY.length()));
    } catch (NumberFormatException e) {
      return null;
    }
    if ((n >= 50 && n <= 66) || n == 70 || n == 80 || n == 81) {
      return JPEG; // JPEG processes 1-29 (.50-.66, most retired), lossless SV1, JPEG-LS
    }
    if ((n >= 90 && n <= 93) || (n >= 201 && n <= 203)) {
      return JPEG_2000; // JPEG 2000 Part 1 and 2, High-Throughput JPEG 2000
    }
    return null;
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  private static long u32(byte[] b, int i) {
    return Values.readLe(b, i, 4, false);
  }
}
