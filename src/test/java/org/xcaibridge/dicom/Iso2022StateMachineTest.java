package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ISO 2022 decoding state machine byte by byte (PS3.5 §6.1.2.5.3): where designations return to
 * the initial ones, that a delimiter byte inside a two-byte character is not a delimiter, and that
 * broken escape sequences and bytes turn into U+FFFD with decoding going on correctly after them.
 */
class Iso2022StateMachineTest {
  static final String ESC = "\u001B";
  static final char FFFD = '\uFFFD';

  /** Latin-1 initially in G1, Greek designable: Ä is 0xC4 in Latin-1 and Δ is 0xC4 in Greek. */
  static final SpecificCharacterSet LATIN1_GREEK = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 126");
  static final SpecificCharacterSet JAPANESE = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
  static final SpecificCharacterSet KOREAN = SpecificCharacterSet.of("", "ISO 2022 IR 149");

  /** Bytes from a mix of ASCII text (chars below 0x100 are taken as bytes) and int byte values. */
  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        for (char c : s.toCharArray()) {
          o.write(c);
        }
      } else {
        o.write((Integer) p);
      }
    }
    return o.toByteArray();
  }

  static String decode(SpecificCharacterSet cs, VR vr, byte[] b) {
    return cs.decode(b, 0, b.length, vr);
  }

  @Test
  void theGreekDesignationLastsUntilTheNextPersonNameDelimiter() {
    byte[] b = bytes(ESC + "-F", 0xC4, "^", 0xC4, "=", ESC + "-F", 0xC4, "=", 0xC4);
    assertThat(decode(LATIN1_GREEK, VR.PN, b)).isEqualTo("Δ^Ä=Δ=Ä");
  }

  @Test
  void caretAndEqualsDoNotResetOutsidePersonNames() {
    byte[] b = bytes(ESC + "-F", 0xC4, "^", 0xC4, "=", 0xC4);
    assertThat(decode(LATIN1_GREEK, VR.LO, b)).isEqualTo("Δ^Δ=Δ");
  }

  @Test
  void backslashResetsInMultiValuedVrsButIsTextInLt() {
    byte[] b = bytes(ESC + "-F", 0xC4, "\\", 0xC4);
    assertThat(decode(LATIN1_GREEK, VR.SH, b)).isEqualTo("Δ\\Ä");
    assertThat(Values.strings(VR.SH, b, LATIN1_GREEK)).containsExactly("Δ", "Ä");
    assertThat(decode(LATIN1_GREEK, VR.LT, b)).isEqualTo("Δ\\Δ");
  }

  @Test
  void crLfFfAndTabResetInText() {
    for (int control : new int[] {'\r', '\n', '\f', '\t'}) {
      byte[] b = bytes(ESC + "-F", 0xC4, control, 0xC4);
      assertThat(decode(LATIN1_GREEK, VR.LT, b)).as("control %02X", control).isEqualTo("Δ" + (char) control + "Ä");
    }
  }

  @Test
  void aControlCharacterEndsAKanjiRunAndReturnsToRomaji() {
    // ;3 is 山 in JIS X 0208; after CR, G0 is JIS X 0201 Romaji again, so "A" is a letter, not half a kanji
    byte[] b = bytes(ESC + "$B;3\rA");
    assertThat(decode(JAPANESE, VR.LT, b)).isEqualTo("山\rA");
  }

  @Test
  void aDelimiterByteInsideAKanjiSplitsNothing() {
    // 0x5C 0x21 and 0x5E 0x21 are kanji of JIS X 0208 rows 60 and 62
    String row60 = new String(new byte[] {(byte) 0xDC, (byte) 0xA1}, Charset.forName("EUC-JP"));
    String row62 = new String(new byte[] {(byte) 0xDE, (byte) 0xA1}, Charset.forName("EUC-JP"));
    assertThat(row60).hasSize(1).isNotEqualTo("\uFFFD");
    byte[] lo = bytes(ESC + "$B\\!" + ESC + "(J");
    assertThat(Values.strings(VR.LO, lo, JAPANESE)).containsExactly(row60);
    byte[] pn = bytes(ESC + "$B^!" + ESC + "(J^A");
    assertThat(decode(JAPANESE, VR.PN, pn)).isEqualTo(row62 + "^A");
  }

  @Test
  void anEscapeSequenceInTheMiddleOfAValueSwitchesFromThere() {
    byte[] b = bytes("abc", 0xC4, ESC + "-F", 0xC4, "def", ESC + "-A", 0xC4);
    assertThat(decode(LATIN1_GREEK, VR.LO, b)).isEqualTo("abcÄΔdefÄ");
  }

  @Test
  void aTruncatedEscapeAtTheEndBecomesOneReplacement() {
    assertThat(decode(JAPANESE, VR.LO, bytes("ab" + ESC + "$"))).isEqualTo("ab" + FFFD);
    assertThat(decode(JAPANESE, VR.LO, bytes("ab" + ESC))).isEqualTo("ab" + FFFD);
  }

  @Test
  void anEscapeCutShortByAnotherByteRereadsThatByte() {
    // ESC $ then LF: LF cannot be part of an escape sequence, so it is read as text (and resets)
    assertThat(decode(JAPANESE, VR.LT, bytes("a" + ESC + "$\nb"))).isEqualTo("a" + FFFD + "\nb");
    // ESC then 0xB1 (a katakana byte of the initial G1 set)
    assertThat(decode(JAPANESE, VR.LO, bytes(ESC, 0xB1))).isEqualTo(FFFD + "ｱ");
  }

  @Test
  void anUnknownEscapeIsReplacedAndTheStateIsKept() {
    // ESC $ ) Z designates nothing we know: one U+FFFD, G1 stays KS X 1001
    byte[] b = bytes(ESC + "$)C", 0xC8, 0xAB, ESC + "$)Z", 0xC8, 0xAB, "abc");
    assertThat(decode(KOREAN, VR.LO, b)).isEqualTo("홍" + FFFD + "홍abc");
    // a complete two-byte escape (ESC N, single shift 2) is not used in DICOM
    assertThat(decode(KOREAN, VR.LO, bytes("x" + ESC + "Ny"))).isEqualTo("x" + FFFD + "y");
  }

  @Test
  void halfADoubleByteCharacterIsReplacedAndTheNextCharacterIsRead() {
    assertThat(decode(JAPANESE, VR.LO, bytes(ESC + "$B;"))).isEqualTo(String.valueOf(FFFD));
    // 0xC8 then 0x41 is no KS X 1001 character: the lead byte is replaced and "A" is read as ASCII
    assertThat(decode(KOREAN, VR.LO, bytes(ESC + "$)C", 0xC8, "A", 0xC8, 0xAB))).isEqualTo(FFFD + "A홍");
    assertThat(decode(KOREAN, VR.LO, bytes(ESC + "$)C", 0xFF, 0xC8, 0xAB))).isEqualTo(FFFD + "홍");
  }

  @Test
  void bytesOutsideTheTableOfASingleByteSetAreReplaced() {
    // 0xA5 has no character in ISO 8859-3
    SpecificCharacterSet latin3 = SpecificCharacterSet.of("ISO_IR 109");
    assertThat(decode(latin3, VR.LO, bytes("a", 0xA5, 0xA1, "b"))).isEqualTo("a" + FFFD + "Ħb");
    // 0xE0 is no JIS X 0201 katakana
    assertThat(decode(SpecificCharacterSet.of("ISO_IR 13"), VR.LO, bytes(0xE0, 0xB1))).isEqualTo(FFFD + "ｱ");
  }

  @Test
  void withoutCodeExtensionsEscIsAnOrdinaryControlCharacter() {
    SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
    assertThat(decode(latin1, VR.LO, bytes(ESC + "-F", 0xC4))).isEqualTo(ESC + "-FÄ");
  }

  @Test
  void koreanTextWithoutItsEscapeSequenceIsReadInTheDeclaredG1Set() {
    // many writers omit ESC $ ) C; the bytes are invalid otherwise, so the declared G1 set is used
    assertThat(decode(KOREAN, VR.PN, bytes(0xC8, 0xAB, "^", 0xB1, 0xE6, 0xB5, 0xBF))).isEqualTo("홍^길동");
  }

  @Test
  void highBytesWithoutAnyDeclaredG1SetAreReadAsLatin1() {
    assertThat(decode(SpecificCharacterSet.DEFAULT, VR.LO, bytes("J", 0xE9, "r", 0xF4, "me"))).isEqualTo("Jérôme");
    assertThat(decode(SpecificCharacterSet.of("", "ISO 2022 IR 87"), VR.LO, bytes(0xE9))).isEqualTo("é");
  }

  @Test
  void romajiKeepsTheBackslashAsDelimiterAndHasAnOverline() {
    SpecificCharacterSet ir13 = SpecificCharacterSet.of("ISO_IR 13");
    assertThat(Values.strings(VR.LO, bytes("a\\b~"), ir13)).containsExactly("a", "b\u203E");
  }

  @Test
  void invalidUtf8BecomesReplacement() {
    assertThat(decode(SpecificCharacterSet.UTF_8, VR.LO, bytes("a", 0xC3, "b", 0xE7, 0x8E, 0x8B))).isEqualTo("a" + FFFD + "b王");
  }

  @Test
  void unknownTermsReadAsTheDefaultRepertoireAndAreReported() {
    SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
    assertThat(cs.warnings()).singleElement().asString().contains("ISO_IR 999");
    assertThat(decode(cs, VR.LO, bytes("abc"))).isEqualTo("abc");
    assertThat(cs.terms()).containsExactly("ISO_IR 999");
    SpecificCharacterSet mixed = SpecificCharacterSet.of("", "ISO 2022 IR 999", "ISO 2022 IR 149");
    assertThat(mixed.warnings()).hasSize(1);
    assertThat(decode(mixed, VR.LO, bytes(ESC + "$)C", 0xC8, 0xAB))).isEqualTo("홍");
  }

  @Test
  void misspelledTermsAreUnderstoodWithAWarning() {
    SpecificCharacterSet cs = SpecificCharacterSet.of("ISO-IR 144");
    assertThat(cs.warnings()).singleElement().asString().contains("ISO_IR 144");
    assertThat(decode(cs, VR.LO, bytes(0xBB))).isEqualTo("Л");
    SpecificCharacterSet multi = SpecificCharacterSet.of("ISO_IR 100", "ISO 2022 IR 126");
    assertThat(multi.warnings()).singleElement().asString().contains("ISO 2022 IR 100");
    assertThat(decode(multi, VR.LO, bytes(0xC4, ESC + "-F", 0xC4))).isEqualTo("ÄΔ");
  }

  @Test
  void unicodeSetsTakeNoCodeExtensions() {
    SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
    assertThat(cs.warnings()).hasSize(1);
    assertThat(cs.usesCodeExtensions()).isFalse();
    assertThat(decode(cs, VR.LO, bytes(0xE7, 0x8E, 0x8B))).isEqualTo("王");
    SpecificCharacterSet later = SpecificCharacterSet.of("", "ISO_IR 192");
    assertThat(later.warnings()).hasSize(1);
  }

  @Test
  void definedTermsAreNotWarnedAbout() {
    for (String t : List.of("", "ISO_IR 6", "ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144",
        "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 203", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192",
        "GB18030", "GBK", "ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159", "ISO 2022 IR 149", "ISO 2022 IR 58")) {
      assertThat(SpecificCharacterSet.of(t).warnings()).as(t).isEmpty();
    }
  }

  @Test
  void decodingHonoursOffsetAndLength() {
    byte[] b = bytes("xx" + ESC + "$)C", 0xC8, 0xAB, "yy");
    assertThat(KOREAN.decode(b, 2, b.length - 4, VR.LO)).isEqualTo("홍");
  }
}
