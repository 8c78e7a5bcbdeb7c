package org.xcaibridge.dicom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@link DicomJsonReader}: JSON to dataset and back to the same JSON; bad input gives typed exceptions. */
class DicomJsonReaderTest {
  private final DicomJsonReader reader = new DicomJsonReader(DicomJsonLimits.DEFAULT);

  /** Every kind of value our writer produces, as it produces it. */
  private static final String RICH = "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
      + "\"00080060\":{\"vr\":\"CS\",\"Value\":[\"A\",null,\"B\"]},\"00080090\":{\"vr\":\"PN\"},"
      + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBA==\"},"
      + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\"},null,{\"Phonetic\":\"x\"}]},"
      + "\"00180050\":{\"vr\":\"DS\",\"Value\":[1.5,0.5,1e05,\"abc\",-0]},\"00181150\":{\"vr\":\"IS\",\"Value\":[12,\"2147483648\"]},"
      + "\"00189087\":{\"vr\":\"FD\",\"Value\":[3,0.1,\"NaN\",\"-Infinity\",1.0E300]},\"00189089\":{\"vr\":\"FL\",\"Value\":[0.1,1.0E30]},"
      + "\"00204000\":{\"vr\":\"LT\",\"Value\":[\"  C:\\\\dir\\r\\n\\u0001\"]},"
      + "\"00209165\":{\"vr\":\"AT\",\"Value\":[\"00100020\",\"7FE00010\"]},"
      + "\"00281052\":{\"vr\":\"SS\",\"Value\":[-5]},\"00289001\":{\"vr\":\"UL\",\"Value\":[4294967295]},"
      + "\"00540016\":{\"vr\":\"SQ\",\"Value\":[{},{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
      + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller\"}]},"
      + "\"00281201\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://x/bulk/1\"},\"00082218\":{\"vr\":\"SQ\"}}]},"
      + "\"00720082\":{\"vr\":\"SV\",\"Value\":[-9007199254740991,\"-9223372036854775808\"]},"
      + "\"00720083\":{\"vr\":\"UV\",\"Value\":[\"18446744073709551615\"]},"
      + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://x/pixels\"}}";

  private static String write(DicomJsonReader.Result r) throws IOException {
    StringWriter w = new StringWriter();
    new DicomJsonWriter(DicomJsonOptions.inline(r.uris())).write(r.dataset(), w);
    return w.toString();
  }

  @Test
  void readsEveryKindOfValueAndWritesTheSameJsonAgain() throws IOException {
    DicomJsonReader.Result r = reader.read(RICH);
    // the writer puts members in tag order; the item above lists 00082218 last on purpose
    String expected = RICH.replace(",\"00082218\":{\"vr\":\"SQ\"}}]}", "}]}")
        .replace("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},", "{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},\"00082218\":{\"vr\":\"SQ\"},");
    assertThat(write(r)).isEqualTo(expected);
    Dataset item = r.dataset().items(0x00540016).get(1);
    assertThat(item.string(Tag.PatientName)).isEqualTo("Müller");
    assertThat(((DataElement.Value) item.get(Tag.PatientName)).bytes()).containsExactly("Müller".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThat(r.dataset().strings(Tag.PatientName)).containsExactly("Yamada^Tarou=山田^太郎", "", "==x");
    assertThat(r.bulkDataUris()).containsEntry(BulkDataUriBuilder.Path.of(Tag.PixelData), "http://x/pixels")
        .containsEntry(BulkDataUriBuilder.Path.of(0x00540016).child(1, 0x00281201), "http://x/bulk/1");
    assertThat(r.dataset().get(Tag.PixelData)).isEqualTo(new DataElement.BulkData(Tag.PixelData, VR.OW, -1, -1, false));
  }

  @Test
  void badJsonGivesATypedExceptionWithTheOffsetThenAGoodDocumentParses() throws IOException {
    assertThatThrownBy(() -> reader.read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[01]}}"))
        .isInstanceOf(DicomJsonException.class).hasMessageContaining("found '1' (at byte offset 33)");
    assertThatThrownBy(() -> reader.read("{\"00100010\":{\"vr\":\"PN\"}")).isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("the end of the input");
    assertThatThrownBy(() -> reader.read("{\"0010\":1}")).isInstanceOf(DicomJsonException.class);
    assertThatThrownBy(() -> reader.read("{} x")).isInstanceOf(DicomJsonException.class);
    assertThatThrownBy(() -> reader.read("{\"a\":\"\u0001\"}")).isInstanceOf(DicomJsonException.class);
    assertThatThrownBy(() -> reader.read("{\"00100020\":{\"vr\":\"LO\"},\"00100020\":{\"vr\":\"LO\"}}"))
        .isInstanceOf(DicomJsonException.class).hasMessageContaining("duplicate");
    assertThat(write(reader.read("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"ok\"]}}")))
        .isEqualTo("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"ok\"]}}");
  }

  @Test
  void badDicomJsonModelsAreRejected() {
    assertThatThrownBy(() -> reader.read("{\"00100020\":{\"Value\":[\"x\"]}}")).isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("\"vr\"");
    assertThatThrownBy(() -> reader.read("{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}}")).isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("(0028,0010)");
    assertThatThrownBy(() -> reader.read("{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}")).isInstanceOf(DicomJsonException.class);
    assertThatThrownBy(() -> reader.read("{\"00091010\":{\"vr\":\"OB\",\"Value\":[1],\"InlineBinary\":\"AA==\"}}"))
        .isInstanceOf(DicomJsonException.class).hasMessageContaining("more than one");
    assertThatThrownBy(() -> reader.read("{\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"%%\"}}"))
        .isInstanceOf(DicomJsonException.class).hasMessageContaining("base64");
    assertThatThrownBy(() -> reader.read("{\"00540016\":{\"vr\":\"SQ\",\"Value\":[1]}}")).isInstanceOf(DicomJsonException.class);
    assertThatThrownBy(() -> reader.read("[]")).isInstanceOf(DicomJsonException.class);
  }

  @Test
  void limitsOnDepthAndSizeAreTypedAndNamed() {
    DicomJsonReader small = new DicomJsonReader(new DicomJsonLimits(64, 4));
    String deep = "{\"00540016\":{\"vr\":\"SQ\",\"Value\":[{\"00540016\":{\"vr\":\"SQ\",\"Value\":[{}]}}]}}";
    assertThatThrownBy(() -> small.read(deep)).isInstanceOfSatisfying(DicomLimitException.class,
        e -> assertThat(e.limit()).isEqualTo("maxDepth"));
    assertThatThrownBy(() -> small.read("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"" + "x".repeat(100) + "\"]}}"))
        .isInstanceOfSatisfying(DicomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxDocumentBytes"));
    // a million nested arrays end in the typed exception, not a StackOverflowError
    assertThatThrownBy(() -> reader.read("[".repeat(1_000_000))).isInstanceOf(DicomLimitException.class);
    assertThatThrownBy(() -> new DicomJsonLimits(1, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DicomJsonLimits(64, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsUtf8BytesAndRejectsMalformedOnes() throws IOException {
    byte[] good = "[{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Émile\"}]}},{}]".getBytes(UTF_8);
    assertThat(reader.readArray(new ByteArrayInputStream(good))).hasSize(2)
        .first().satisfies(r -> assertThat(r.dataset().string(Tag.PatientName)).isEqualTo("Émile"));
    byte[] bad = good.clone();
    bad[good.length - 20] = (byte) 0xC3;
    bad[good.length - 19] = (byte) 0x28;
    assertThatThrownBy(() -> reader.readArray(new ByteArrayInputStream(bad))).isInstanceOf(DicomJsonException.class)
        .hasMessageContaining("UTF-8");
  }
}
