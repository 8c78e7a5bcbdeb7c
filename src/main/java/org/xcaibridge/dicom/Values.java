package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decoding and encoding of element values (PS3.5 §6.2), little endian. */
public final class Values {
  private Values() {}

  /** Splits an ASCII multi-valued string on backslashes, trimming each value. */
  public static List<String> asciiStrings(byte[] bytes) {
    return split(new String(bytes, StandardCharsets.ISO_8859_1), VR.CS);
  }

  /**
   * The values of a string element. Text VRs of value multiplicity 1 (LT, ST, UT, UR) are not split:
   * a backslash is an ordinary character there. Leading spaces are kept where PS3.5 calls them significant.
   */
  public static List<String> strings(VR vr, byte[] bytes, SpecificCharacterSet cs) {
    String s = vr.usesCharacterSet() ? cs.decode(bytes, 0, bytes.length, vr) : new String(bytes, StandardCharsets.ISO_8859_1);
    return split(s, vr);
  }

  static List<String> split(String s, VR vr) {
    List<String> out = new ArrayList<>(1);
    if (s.isEmpty()) {
      return out;
    }
    if (vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR) {
      out.add(trim(s, vr));
      return out;
    }
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '\\') {
        out.add(trim(s.substring(start, i), vr));
        start = i + 1;
      }
    }
    return out;
  }

  /** Removes padding: NUL and trailing spaces always; leading spaces too except for LT, ST, UT, UR. */
  static String trim(String s, VR vr) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    int start = 0;
    boolean keepLeading = vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR;
    while (!keepLeading && start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\0')) {
      start++;
    }
    return s.substring(start, end);
  }

  /** Integers of a binary integer VR, an IS string or a US/SS AT pair list; empty if none parse. */
  public static long[] integers(VR vr, byte[] b) {
    switch (vr) {
      case US: return read(b, 2, false);
      case SS: return read(b, 2, true);
      case UL: return read(b, 4, false);
      case SL: return read(b, 4, true);
      case SV: case UV: return read(b, 8, true);
      case IS: case DS: {
        List<String> s = asciiStrings(b);
        long[] out = new long[s.size()];
        int n = 0;
        for (String v : s) {
          try {
            out[n++] = vr == VR.IS ? Long.parseLong(v.startsWith("+") ? v.substring(1) : v) : (long) Double.parseDouble(v);
          } catch (NumberFormatException e) {
            n--;
          }
        }
        return java.util.Arrays.copyOf(out, n);
      }
      default: return new long[0];
    }
  }

  private static long[] read(byte[] b, int size, boolean signed) {
    long[] out = new long[b.length / size];
    for (int i = 0; i < out.length; i++) {
      out[i] = readLe(b, i * size, size, signed);
    }
    return out;
  }

  /** A little-endian integer of 1, 2, 4 or 8 bytes. */
  public static long readLe(byte[] b, int off, int size, boolean signed) {
    long v = 0;
    for (int i = size - 1; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    if (signed && size < 8) {
      int shift = 64 - size * 8;
      v = (v << shift) >> shift;
    }
    return v;
  }

  public static void writeLe(byte[] b, int off, int size, long v) {
    for (int i = 0; i < size; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Encodes string values joined by backslashes, padded to even length with the VR's padding byte. */
  public static byte[] encodeStrings(VR vr, SpecificCharacterSet cs, String... values) {
    String joined = String.join("\\", values);
    byte[] raw = vr.usesCharacterSet() ? cs.encode(joined) : joined.getBytes(StandardCharsets.ISO_8859_1);
    return pad(raw, vr);
  }

  static byte[] pad(byte[] raw, VR vr) {
    if ((raw.length & 1) == 0) {
      return raw;
    }
    byte[] p = java.util.Arrays.copyOf(raw, raw.length + 1);
    p[raw.length] = (byte) vr.padding();
    return p;
  }

  public static byte[] encodeIntegers(VR vr, long... values) {
    int size;
    switch (vr) {
      case US: case SS: size = 2; break;
      case UL: case SL: size = 4; break;
      case SV: case UV: size = 8; break;
      case IS: {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
          sb.append(sb.length() == 0 ? "" : "\\").append(v);
        }
        return pad(sb.toString().getBytes(StandardCharsets.US_ASCII), vr);
      }
      default: throw new IllegalArgumentException(vr + " is not an integer VR");
    }
    byte[] b = new byte[values.length * size];
    for (int i = 0; i < values.length; i++) {
      writeLe(b, i * size, size, values[i]);
    }
    return b;
  }

  /** Concatenates byte arrays; for building values of known small size. */
  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
