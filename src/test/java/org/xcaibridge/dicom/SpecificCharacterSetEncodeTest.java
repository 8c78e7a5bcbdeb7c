package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Encoding: every character set reads back what it wrote, pydicom reads our bytes as the same text,
 * and for the names of the standard's examples (PS3.5 Annexes H, I, J, as written in pydicom's corpus)
 * we produce exactly the bytes of the example.
 */
class SpecificCharacterSetEncodeTest {
  record Sample(List<String> terms, String text) {
    SpecificCharacterSet charset() {
      return SpecificCharacterSet.of(terms);
    }

    @Override
    public String toString() {
      return terms + " " + text;
    }
  }

  static List<Sample> samples() {
    return List.of(
        new Sample(List.of(), "Smith^John=~{}|"),
        new Sample(List.of("ISO_IR 100"), "Buc^Jérôme"),
        new Sample(List.of("ISO_IR 101"), "Dvořák^Antonín"),
        new Sample(List.of("ISO_IR 109"), "Ħamrun^Ġużè"),
        new Sample(List.of("ISO_IR 110"), "Ķīsis^Ēriks"),
        new Sample(List.of("ISO_IR 144"), "Люкceмбypг"),
        new Sample(List.of("ISO_IR 127"), "قباني^لنزار"),
        new Sample(List.of("ISO_IR 126"), "Διονυσιος"),
        new Sample(List.of("ISO_IR 138"), "שרון^דבורה"),
        new Sample(List.of("ISO_IR 148"), "Çağlar^Işık"),
        new Sample(List.of("ISO_IR 203"), "Œuvre^Zoë=€"),
        new Sample(List.of("ISO_IR 166"), "สมชาย^ใจดี"),
        new Sample(List.of("ISO_IR 13"), "ﾔﾏﾀﾞ^ﾀﾛｳ"),
        new Sample(List.of("ISO_IR 192"), "Wang^XiaoDong=王^小東=ʕ😀"),
        new Sample(List.of("GB18030"), "Wang^XiaoDong=王^小东=😀"),
        new Sample(List.of("GBK"), "Wang^XiaoDong=王^小东="),
        new Sample(List.of("ISO 2022 IR 6", "ISO 2022 IR 100"), "Buc^Jérôme"),
        new Sample(List.of("ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 144"), "Jérôme Δ^Люк=Ä"),
        new Sample(List.of("", "ISO 2022 IR 87"), "Yamada^Tarou=山田^太郎=やまだ^たろう"),
        new Sample(List.of("ISO 2022 IR 13", "ISO 2022 IR 87"), "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
        new Sample(List.of("", "ISO 2022 IR 87", "ISO 2022 IR 159"), "Yamada^丂=山田^丂"),
        new Sample(List.of("", "ISO 2022 IR 149"), "Hong^Gildong=洪^吉洞=홍^길동"),
        new Sample(List.of("", "ISO 2022 IR 58"), "Zhang^XiaoDong=张^小东="),
        new Sample(List.of("ISO 2022 IR 149"), "홍^길동"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void whatIsEncodedDecodesBack(Sample s) {
    SpecificCharacterSet cs = s.charset();
    assertThat(cs.warnings()).isEmpty();
    assertThat(cs.canEncode(s.text())).isTrue();
    byte[] b = cs.encode(s.text());
    for (VR vr : List.of(VR.PN, VR.LO, VR.LT, VR.UC)) {
      assertThat(cs.decode(b, 0, b.length, vr)).as("%s", vr).isEqualTo(s.text());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void multipleValuesEncodeAndSplitBack(Sample s) {
    SpecificCharacterSet cs = s.charset();
    String[] values = {s.text(), "x", s.text()};
    byte[] b = Values.encodeStrings(VR.PN, cs, values);
    assertThat(b.length % 2).isZero();
    assertThat(Values.strings(VR.PN, b, cs)).containsExactly(values);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void aCharacterNoDeclaredSetHasBecomesAQuestionMark(Sample s) {
    SpecificCharacterSet cs = s.charset();
    if (cs.terms().contains("ISO_IR 192") || cs.terms().contains("GB18030")) {
      String loneSurrogate = "a\uD800b";
      assertThat(cs.canEncode(loneSurrogate)).isFalse();
      assertThat(cs.decode(cs.encode(loneSurrogate), 0, 3, VR.LO)).isEqualTo("a?b");
      return;
    }
    String text = s.text() + "ᚠ😀z"; // a rune and an emoji: in none of the other sets
    assertThat(cs.canEncode(text)).isFalse();
    byte[] b = cs.encode(text);
    assertThat(cs.decode(b, 0, b.length, VR.LO)).isEqualTo(s.text() + "??z");
  }

  @Test
  void theDefaultRepertoireEncodesAsciiOnly() {
    assertThat(SpecificCharacterSet.DEFAULT.canEncode("Jérôme")).isFalse();
    assertThat(SpecificCharacterSet.DEFAULT.encode("Jérôme")).isEqualTo("J?r?me".getBytes(StandardCharsets.US_ASCII));
    assertThat(SpecificCharacterSet.UTF_8.canEncode("Jérôme")).isTrue();
  }

  @Test
  void romajiTextOnlyUsesTheSetsDeclared() {
    // with JIS X 0201 as value 1, ASCII is not declared: 0x7E is OVERLINE and a tilde has no code
    SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
    assertThat(cs.encode("a\u203E")).isEqualTo(new byte[] {'a', 0x7E});
    assertThat(cs.canEncode("~")).isFalse();
  }

  /** The Patient's Name of each corpus file, as written by the standard's examples. */
  @ParameterizedTest
  @ValueSource(strings = {"chrArab.dcm", "chrFren.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrH31.dcm", "chrH32.dcm",
      "chrHbrw.dcm", "chrI2.dcm", "chrRuss.dcm", "chrX1.dcm", "chrX2.dcm"})
  void encodingReproducesTheExampleBytes(String name) throws IOException {
    Path file = SpecificCharacterSetMatchesPydicomTest.CHARSET_FILES.resolve(name);
    Dataset ds = DicomReader.read(Files.readAllBytes(file), ReadOptions.HEADERS).dataset();
    byte[] raw = ((DataElement.Value) ds.get(Tag.PatientName)).bytes();
    int end = raw.length;
    while (end > 0 && raw[end - 1] == ' ') {
      end--;
    }
    byte[] written = Arrays.copyOf(raw, end);
    String text = ds.charset().decode(written, 0, written.length, VR.PN);
    assertThat(text).doesNotContain("\uFFFD");
    assertThat(HexFormat.of().formatHex(ds.charset().encode(text))).isEqualTo(HexFormat.of().formatHex(written));
  }

  /**
   * pydicom 2.3.1 (its {@code charset.decode_bytes}, with the PN delimiters) decodes our bytes to the
   * text we encoded. Accepted differences, pinned below: pydicom does not know ISO_IR 203 (it falls
   * back to Latin-1), leaves the escape sequence ESC $ ) A of ISO 2022 IR 58 in its output (it hands
   * it to Python's GB 2312 codec, which passes ESC through), and reads JIS X 0201 Romaji with Shift-JIS,
   * so 07/14 is a tilde there and an overline (as JIS X 0201 has it) here.
   */
  @Test
  void pydicomDecodesWhatWeEncode() throws IOException {
    ExternalTools.requirePydicom();
    String script = """
        import json, sys, warnings
        from pydicom.charset import decode_bytes, convert_encodings
        warnings.simplefilter('ignore')
        out = []
        for case in json.load(sys.stdin):
            encodings = convert_encodings(case['terms'])
            out.append(decode_bytes(bytes.fromhex(case['hex']), encodings, {0x5E, 0x3D, 0x0D, 0x0A, 0x09, 0x0C}))
        print(json.dumps(out))
        """;
    JsonArray cases = new JsonArray();
    List<Sample> samples = samples();
    for (Sample s : samples) {
      cases.add(new JsonObject().put("terms", new JsonArray(s.terms())).put("hex", HexFormat.of().formatHex(s.charset().encode(s.text()))));
    }
    // JIS X 0201 Romaji 07/14 is OVERLINE; pydicom's Shift-JIS codec reads it as a tilde
    cases.add(new JsonObject().put("terms", new JsonArray(List.of("ISO_IR 13"))).put("hex", "7e"));
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", script),
        cases.encode().getBytes(StandardCharsets.UTF_8), 60);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonArray decoded = new JsonArray(r.out());
    List<String> checked = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      String theirs = decoded.getString(i);
      if (s.terms().equals(List.of("ISO_IR 203"))) {
        byte[] ours = s.charset().encode(s.text());
        assertThat(theirs).as("pydicom reads ISO_IR 203 as Latin-1").isEqualTo(new String(ours, StandardCharsets.ISO_8859_1))
            .isNotEqualTo(s.text());
      } else if (s.terms().contains("ISO 2022 IR 58")) {
        assertThat(theirs).as("pydicom keeps ESC $ ) A").contains("\u001B$)A");
        assertThat(theirs.replace("\u001B$)A", "")).isEqualTo(s.text());
      } else {
        assertThat(theirs).as("%s", s).isEqualTo(s.text());
      }
      checked.add(s.toString());
    }
    assertThat(checked).hasSize(samples.size());
    assertThat(SpecificCharacterSet.of("ISO_IR 13").decode(new byte[] {0x7E}, 0, 1, VR.LO)).isEqualTo("\u203E");
    assertThat(decoded.getString(samples.size())).as("pydicom reads Romaji 07/14 as ASCII").isEqualTo("~");
  }
}
