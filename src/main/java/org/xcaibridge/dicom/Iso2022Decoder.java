package org.xcaibridge.dicom;

import java.nio.charset.StandardCharsets;

/**
 * Decodes text written with the ISO 2022 code extension technique as DICOM restricts it (PS3.5
 * §6.1.2.5): escape sequences designate a set to G0 (bytes 02/01–07/14) or G1 (08/00–15/15), and the
 * designations return to those of value 1 of (0008,0005) at every value delimiter, at the PN component
 * and group delimiters, and at CR, LF, FF and TAB (§6.1.2.5.3). The same machine, with escapes
 * switched off, decodes the single-byte sets without extensions.
 *
 * <p>Bytes are read one at a time and a delimiter is recognised only while G0 holds a single-byte set,
 * so a byte inside a two-byte character (the 05/12 of a JIS X 0208 kanji, say) never splits a value.
 * Nothing here throws: an invalid byte, an unknown escape sequence or one cut short becomes U+FFFD and
 * decoding goes on with the next byte.
 */
final class Iso2022Decoder {
  private static final int CR = 0x0D;
  private static final int LF = 0x0A;
  private static final int FF = 0x0C;
  private static final int TAB = 0x09;

  private final GraphicSet initialG0;
  private final GraphicSet initialG1;
  /** Read for bytes ≥ 0x80 while nothing is designated to G1; null turns them into U+FFFD. */
  private final GraphicSet fallbackG1;
  private final boolean escapes;

  Iso2022Decoder(GraphicSet initialG0, GraphicSet initialG1, GraphicSet fallbackG1, boolean escapes) {
    this.initialG0 = initialG0;
    this.initialG1 = initialG1;
    this.fallbackG1 = fallbackG1;
    this.escapes = escapes;
  }

  String decode(byte[] b, int off, int len, VR vr) {
    if (isPlainAscii(b, off, len)) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }
    boolean valueDelimiter = vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR;
    boolean personName = vr == VR.PN;
    StringBuilder out = new StringBuilder(len);
    GraphicSet g0 = initialG0;
    GraphicSet g1 = initialG1;
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xFF;
      if (c == GraphicSet.ESC && escapes) {
        int j = i + 1;
        while (j < end && b[j] >= 0x20 && b[j] <= 0x2F) {
          j++; // intermediate bytes
        }
        if (j < end && b[j] >= 0x30 && b[j] <= 0x7E) {
          GraphicSet s = GraphicSet.byEscape(b, i + 1, j + 1);
          if (s == null) {
            out.append(GraphicSet.REPLACEMENT);
          } else if (s.isG1()) {
            g1 = s;
          } else {
            g0 = s;
          }
          i = j + 1; // a set the runtime cannot decode is still designated: its bytes become U+FFFD
        } else {
          // cut short by the end of the value or by a byte that cannot belong to an escape sequence:
          // that byte is read again as text
          out.append(GraphicSet.REPLACEMENT);
          i = j;
        }
        continue;
      }
      if (c < 0x21 || c == 0x7F) {
        out.append((char) c); // SPACE, DEL and C0 controls mean the same in every set
        if (c == CR || c == LF || c == FF || c == TAB) {
          g0 = initialG0;
          g1 = initialG1;
        }
        i++;
      } else if (c < 0x80) {
        if (g0.bytesPerChar() == 1) {
          out.append(g0.decode(c));
          if ((c == '\\' && valueDelimiter) || (personName && (c == '^' || c == '='))) {
            g0 = initialG0;
            g1 = initialG1;
          }
          i++;
        } else {
          i = decodeDoubleByte(g0, b, i, end, out);
        }
      } else {
        GraphicSet s = g1 != null ? g1 : fallbackG1;
        if (s == null) {
          out.append(GraphicSet.REPLACEMENT);
          i++;
        } else if (s.bytesPerChar() == 1) {
          out.append(s.decode(c));
          i++;
        } else {
          i = decodeDoubleByte(s, b, i, end, out);
        }
      }
    }
    return out.toString();
  }

  /** Decodes the run of whole two-byte characters of {@code s} at {@code i}; returns the index after it. */
  private static int decodeDoubleByte(GraphicSet s, byte[] b, int i, int end, StringBuilder out) {
    int j = i;
    while (j + 1 < end && s.isDoubleByte(b[j] & 0xFF) && s.isDoubleByte(b[j + 1] & 0xFF)) {
      j += 2;
    }
    if (j == i) {
      out.append(GraphicSet.REPLACEMENT); // half a character, or a byte outside the set
      return i + 1;
    }
    s.decodePairs(b, i, (j - i) / 2, out);
    return j;
  }

  /** True when the bytes mean the same in the initial state as in ASCII, so the JDK can copy them. */
  private boolean isPlainAscii(byte[] b, int off, int len) {
    if (initialG0 != GraphicSet.IR6) {
      return false;
    }
    for (int i = off, end = off + len; i < end; i++) {
      if (b[i] < 0 || (b[i] == GraphicSet.ESC && escapes)) {
        return false;
      }
    }
    return true;
  }
}
