package org.xcaibridge.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The graphic character sets DICOM designates to the G0 and G1 code elements, named by their ISO-IR
 * registration number as in PS3.3 Tables C.12-2 to C.12-4, with the escape sequence that designates
 * each one (PS3.5 §6.1.2.5 and Annexes H, I, J, K).
 *
 * <p>A G0 set occupies bytes 02/01–07/14, a G1 set bytes 08/00–15/15. Single-byte sets decode through
 * a table built once from the JDK charset; double-byte sets are shifted into the EUC form the JDK
 * decodes (JIS X 0208/0212 through EUC-JP, KS X 1001 through EUC-KR, GB 2312 through EUC-CN).
 */
enum GraphicSet {
  /** ISO 646 IRV, the default repertoire (ASCII). */
  IR6(false, 1, "(B", null),
  /** JIS X 0201 Romaji. */
  IR14(false, 1, "(J", null),
  /** JIS X 0208 kanji, two bytes per character. */
  IR87(false, 2, "$B", "EUC-JP"),
  /** JIS X 0212 supplementary kanji, two bytes per character. */
  IR159(false, 2, "$(D", "EUC-JP"),
  IR100(true, 1, "-A", "ISO-8859-1"),
  IR101(true, 1, "-B", "ISO-8859-2"),
  IR109(true, 1, "-C", "ISO-8859-3"),
  IR110(true, 1, "-D", "ISO-8859-4"),
  IR144(true, 1, "-L", "ISO-8859-5"),
  IR127(true, 1, "-G", "ISO-8859-6"),
  IR126(true, 1, "-F", "ISO-8859-7"),
  IR138(true, 1, "-H", "ISO-8859-8"),
  IR148(true, 1, "-M", "ISO-8859-9"),
  IR203(true, 1, "-b", "ISO-8859-15"),
  /** TIS 620, Thai. */
  IR166(true, 1, "-T", "TIS-620"),
  /** JIS X 0201 Katakana (half-width). */
  IR13(true, 1, ")I", null),
  /** KS X 1001, Hangul and Hanja, two bytes per character. */
  IR149(true, 2, "$)C", "EUC-KR"),
  /** GB 2312, simplified Chinese, two bytes per character. */
  IR58(true, 2, "$)A", "GB2312");

  static final char REPLACEMENT = '\uFFFD';
  static final int ESC = 0x1B;

  private final boolean g1;
  private final int bytesPerChar;
  private final byte[] escape;
  private final String charsetName;
  private final Charset charset;
  /** For single-byte sets: the character of each byte of this set's half (index byte & 0x7F). */
  private final char[] table;

  GraphicSet(boolean g1, int bytesPerChar, String escape, String charsetName) {
    this.g1 = g1;
    this.bytesPerChar = bytesPerChar;
    this.escape = ("\u001B" + escape).getBytes(StandardCharsets.US_ASCII);
    this.charsetName = charsetName;
    this.charset = charsetName != null && Charset.isSupported(charsetName) ? Charset.forName(charsetName) : null;
    this.table = bytesPerChar == 1 ? buildTable() : null;
  }

  private char[] buildTable() {
    char[] t = new char[128];
    Arrays.fill(t, REPLACEMENT);
    if (!g1) {
      for (int b = 0; b < 128; b++) {
        t[b] = (char) b;
      }
      if (name().equals("IR14")) {
        // JIS X 0201 Romaji has OVERLINE at 07/14. Its YEN SIGN at 05/12 is not taken: DICOM uses
        // 05/12 as the value delimiter in every repertoire, so it stays a backslash.
        t[0x7E] = '\u203E';
      }
    } else if (name().equals("IR13")) {
      for (int b = 0xA1; b <= 0xDF; b++) {
        t[b & 0x7F] = (char) (0xFF61 + b - 0xA1);
      }
    } else if (charset != null) {
      byte[] all = new byte[128];
      for (int i = 0; i < 128; i++) {
        all[i] = (byte) (0x80 + i);
      }
      // one char per byte for these single-byte charsets; unmapped bytes come back as U+FFFD
      String s = new String(all, charset);
      if (s.length() == 128) {
        s.getChars(0, 128, t, 0);
      }
    }
    return t;
  }

  /** True when this set is designated to G1 (bytes ≥ 0x80), false for G0. */
  boolean isG1() {
    return g1;
  }

  int bytesPerChar() {
    return bytesPerChar;
  }

  /** ESC and the bytes that designate this set, e.g. ESC $ B for JIS X 0208. */
  byte[] escape() {
    return escape;
  }

  /** False when the Java runtime lacks the charset this set is decoded with. */
  boolean available() {
    return charsetName == null || charset != null;
  }

  String charsetName() {
    return charsetName;
  }

  /** The set that {@code b[from..to)} (the bytes after ESC) designates, or null if none is known. */
  static GraphicSet byEscape(byte[] b, int from, int to) {
    for (GraphicSet s : values()) {
      if (s.escape.length - 1 == to - from && Arrays.equals(s.escape, 1, s.escape.length, b, from, to)) {
        return s;
      }
    }
    return null;
  }

  /** The character of one byte of a single-byte set. */
  char decode(int b) {
    return table[b & 0x7F];
  }

  /** True when {@code b} is a valid byte of a double-byte character of this set. */
  boolean isDoubleByte(int b) {
    return g1 ? b >= 0xA1 && b <= 0xFE : b >= 0x21 && b <= 0x7E;
  }

  /** Decodes {@code pairs} two-byte characters starting at {@code b[off]} and appends them to {@code out}. */
  void decodePairs(byte[] b, int off, int pairs, StringBuilder out) {
    if (charset == null) {
      out.append(String.valueOf(REPLACEMENT).repeat(pairs));
      return;
    }
    boolean supplementary = this == IR159;
    byte[] euc = new byte[pairs * (supplementary ? 3 : 2)];
    int j = 0;
    for (int i = 0; i < pairs; i++) {
      if (supplementary) {
        euc[j++] = (byte) 0x8F; // EUC-JP single shift 3 selects the JIS X 0212 plane
      }
      euc[j++] = (byte) (b[off + 2 * i] | 0x80);
      euc[j++] = (byte) (b[off + 2 * i + 1] | 0x80);
    }
    out.append(new String(euc, charset));
  }

  /**
   * Writes the bytes of {@code c} in this set to {@code out} and returns true, or returns false when
   * the set has no such character. {@code enc} is an encoder of {@link #charsetName()} (null for the
   * table-driven sets), owned by the caller because encoders are not thread-safe.
   */
  boolean encode(char c, CharsetEncoder enc, ByteBuffer scratch, ByteArrayOutputStream out) {
    if (bytesPerChar == 1) {
      if (!g1 && c >= 0x21 && c < 0x7F && table[c] == c) {
        out.write(c);
        return true;
      }
      int half = g1 ? 0x80 : 0;
      int from = g1 ? 0 : 0x21;
      int to = g1 ? 128 : 0x7F;
      for (int i = from; i < to; i++) {
        if (table[i] == c && c != REPLACEMENT) {
          out.write(half + i);
          return true;
        }
      }
      return false;
    }
    if (enc == null || c == REPLACEMENT) {
      return false;
    }
    scratch.clear();
    enc.reset();
    if (enc.encode(CharBuffer.wrap(new char[] {c}), scratch, true).isError()) {
      return false;
    }
    enc.flush(scratch);
    scratch.flip();
    int expected = this == IR159 ? 3 : 2;
    if (scratch.remaining() != expected || (this == IR159 && scratch.get() != (byte) 0x8F)) {
      return false;
    }
    int b0 = scratch.get() & 0xFF;
    int b1 = scratch.get() & 0xFF;
    if (b0 < 0xA1 || b0 > 0xFE || b1 < 0xA1 || b1 > 0xFE) {
      return false; // a single-byte or vendor code of the EUC form, not this set
    }
    out.write(g1 ? b0 : b0 & 0x7F);
    out.write(g1 ? b1 : b1 & 0x7F);
    return true;
  }

  /** A fresh encoder for a double-byte set, or null when the set is table-driven or unavailable. */
  CharsetEncoder newEncoder() {
    if (bytesPerChar == 1 || charset == null) {
      return null;
    }
    return charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
