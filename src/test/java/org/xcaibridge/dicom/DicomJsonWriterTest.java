package org.xcaibridge.dicom;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge cases of {@link DicomJsonWriter}, each against the exact JSON PS3.18 Annex F asks for. */
class DicomJsonWriterTest {
  private static final BulkDataUriBuilder URIS = (e, path) -> "bulk/" + path;

  private static String json(Dataset ds, DicomJsonOptions options) throws IOException {
    StringWriter w = new StringWriter();
    new DicomJsonWriter(options).write(ds, w);
    return w.toString();
  }

  private static String json(Dataset ds) throws IOException {
    return json(ds, DicomJsonOptions.inline(URIS));
  }

  private static Dataset of(int tag, VR vr, String rawValue) {
    return new Dataset().put(new DataElement.Value(tag, vr, rawValue.getBytes(ISO_8859_1)));
  }

  private static byte[] le(int size, long... values) {
    byte[] b = new byte[size * values.length];
    for (int i = 0; i < values.length; i++) {
      Values.writeLe(b, i * size, size, values[i]);
    }
    return b;
  }

  @Test
  void personNameGroupsBecomeMembersDecodedWithTheCharset() throws IOException {
    Dataset ds = new Dataset().putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    ds.putString(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "=Ideo", "", "Doe^John^^", "^^^^");
    assertThat(json(ds)).isEqualTo("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
        + "\"Phonetic\":\"やまだ^たろう\"},{\"Ideographic\":\"Ideo\"},null,{\"Alphabetic\":\"Doe^John\"},null]}}");
  }

  @Test
  void emptyValuesHaveOnlyTheVrAndEmptyComponentsAreNull() throws IOException {
    Dataset ds = of(Tag.AccessionNumber, VR.SH, "")
        .put(new DataElement.Value(Tag.Modality, VR.CS, "A\\\\B ".getBytes(ISO_8859_1)))
        .put(new DataElement.Value(Tag.PatientID, VR.LO, "\\\\".getBytes(ISO_8859_1)))
        .put(new DataElement.Value(Tag.PatientName, VR.PN, "^^^^".getBytes(ISO_8859_1)))
        .put(new DataElement.Value(Tag.Rows, VR.US, new byte[0]))
        .put(new DataElement.Value(Tag.PixelData, VR.OW, new byte[0]));
    assertThat(json(ds)).isEqualTo("{\"00080050\":{\"vr\":\"SH\"},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"A\",null,\"B\"]},"
        + "\"00100010\":{\"vr\":\"PN\"},\"00100020\":{\"vr\":\"LO\"},\"00280010\":{\"vr\":\"US\"},\"7FE00010\":{\"vr\":\"OW\"}}");
  }

  @Test
  void decimalAndIntegerStringsAreNumbersOnlyWhenValid() throws IOException {
    Dataset ds = of(0x00181150, VR.IS, "+12\\0012\\-0\\2147483648\\1.5")
        .put(new DataElement.Value(0x00180050, VR.DS, "+1.5\\.5\\1.\\00012\\1E+05\\12345678901234567\\abc\\NaN ".getBytes(ISO_8859_1)));
    assertThat(json(ds)).isEqualTo("{\"00180050\":{\"vr\":\"DS\",\"Value\":[1.5,0.5,1,12,1e05,\"12345678901234567\",\"abc\",\"NaN\"]},"
        + "\"00181150\":{\"vr\":\"IS\",\"Value\":[12,12,-0,\"2147483648\",\"1.5\"]}}");
  }

  @Test
  void binaryNumbersTagsAndSixtyFourBitIntegers() throws IOException {
    long safe = (1L << 53) - 1;
    Dataset ds = new Dataset()
        .put(new DataElement.Value(0x00209165, VR.AT, le(2, 0x0010, 0x0020, 0x7FE0, 0x0010)))
        .put(new DataElement.Value(0x00281052, VR.SS, le(2, -5)))
        .put(new DataElement.Value(0x00289001, VR.UL, le(4, 0xFFFFFFFFL)))
        .put(new DataElement.Value(0x00720082, VR.SV, le(8, -safe, -safe - 1, safe, Long.MIN_VALUE)))
        .put(new DataElement.Value(0x00720083, VR.UV, le(8, safe, safe + 1, -1L)))
        .put(new DataElement.Value(0x00189087, VR.FD, le(8, Double.doubleToLongBits(3.0), Double.doubleToLongBits(0.1),
            Double.doubleToLongBits(Double.NaN), Double.doubleToLongBits(Double.NEGATIVE_INFINITY))))
        .put(new DataElement.Value(0x00189089, VR.FL, le(4, Float.floatToIntBits(0.1f), Float.floatToIntBits(1e30f))));
    assertThat(json(ds)).isEqualTo("{\"00189087\":{\"vr\":\"FD\",\"Value\":[3,0.1,\"NaN\",\"-Infinity\"]},"
        + "\"00189089\":{\"vr\":\"FL\",\"Value\":[0.1,1.0E30]},"
        + "\"00209165\":{\"vr\":\"AT\",\"Value\":[\"00100020\",\"7FE00010\"]},"
        + "\"00281052\":{\"vr\":\"SS\",\"Value\":[-5]},\"00289001\":{\"vr\":\"UL\",\"Value\":[4294967295]},"
        + "\"00720082\":{\"vr\":\"SV\",\"Value\":[-9007199254740991,\"-9007199254740992\",9007199254740991,\"-9223372036854775808\"]},"
        + "\"00720083\":{\"vr\":\"UV\",\"Value\":[9007199254740991,\"9007199254740992\",\"18446744073709551615\"]}}");
  }

  @Test
  void nestedSequencesEmptyItemsAndPathsOfBulkData() throws IOException {
    Dataset inner = new Dataset().put(new DataElement.Value(0x00281201, VR.OW, new byte[] {1, 2, 3, 4}));
    Dataset item0 = new Dataset();
    Dataset item1 = new Dataset().putSequence(0x00082112, List.of(inner)).putSequence(0x00082218, List.of());
    Dataset ds = new Dataset().putSequence(0x00540016, List.of(item0, item1));
    List<String> paths = new ArrayList<>();
    String out = json(ds, DicomJsonOptions.metadata(3, (e, path) -> {
      paths.add(path.toString());
      return "bulk/" + path;
    }));
    assertThat(out).isEqualTo("{\"00540016\":{\"vr\":\"SQ\",\"Value\":[{},{\"00082112\":{\"vr\":\"SQ\",\"Value\":["
        + "{\"00281201\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulk/00540016/1/00082112/0/00281201\"}}]},"
        + "\"00082218\":{\"vr\":\"SQ\"}}]}}");
    assertThat(paths).containsExactly("00540016/1/00082112/0/00281201");
  }

  @Test
  void bulkDataUriThresholdsAndPixelData() throws IOException {
    Dataset ds = new Dataset()
        .put(new DataElement.Value(0x00091010, VR.OB, new byte[] {1, 2, 3, 4}))
        .put(new DataElement.Value(0x00283006, VR.OW, new byte[] {5, 6}))
        .put(new DataElement.BulkData(0x00420011, VR.OB, 100, 2, false))
        .put(new DataElement.Value(Tag.PixelData, VR.OW, new byte[] {7, 8}));
    assertThat(json(ds, DicomJsonOptions.metadata(4, URIS))).isEqualTo("{"
        + "\"00091010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBA==\"},\"00283006\":{\"vr\":\"OW\",\"InlineBinary\":\"BQY=\"},"
        + "\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/00420011\"},\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"bulk/7FE00010\"}}");
    assertThat(json(ds, DicomJsonOptions.metadata(3, URIS))).startsWith("{\"00091010\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/00091010\"}");
    // everything in memory inline; a value left in the source still by URI
    assertThat(json(ds)).contains("\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/00420011\"}",
        "\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"Bwg=\"}");
  }

  @Test
  void encapsulatedPixelDataInlineAsItemsOrByUriWhenSkipped() throws IOException {
    List<DataElement.Fragment> kept = List.of(new DataElement.Fragment(0, 0, new byte[0]),
        new DataElement.Fragment(8, 2, new byte[] {(byte) 0xFF, (byte) 0xD8}));
    Dataset ds = new Dataset().put(new DataElement.Fragments(Tag.PixelData, VR.OB, kept));
    // FE FF 00 E0 00 00 00 00  FE FF 00 E0 02 00 00 00 FF D8: items with headers, no sequence delimiter
    assertThat(json(ds)).isEqualTo("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"/v8A4AAAAAD+/wDgAgAAAP/Y\"}}");
    assertThat(json(ds, DicomJsonOptions.metadata(1 << 20, URIS))).contains("\"BulkDataURI\":\"bulk/7FE00010\"");
    Dataset skipped = new Dataset().put(new DataElement.Fragments(Tag.PixelData, VR.OB,
        List.of(new DataElement.Fragment(0, 0, null), new DataElement.Fragment(8, 2, null))));
    assertThat(json(skipped)).isEqualTo("{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"bulk/7FE00010\"}}");
  }

  @Test
  void leavesOutFileMetaAndGroupLengthsAndKeepsTagOrder() throws IOException {
    Dataset ds = new Dataset()
        .put(new DataElement.Value(0xFFFCFFFC, VR.OB, new byte[] {0, 0}))
        .put(new DataElement.Value(0x00090010, VR.LO, "X ".getBytes(ISO_8859_1)))
        .put(new DataElement.Value(0x00080000, VR.UL, le(4, 10)))
        .put(new DataElement.Value(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1\0".getBytes(ISO_8859_1)));
    assertThat(json(ds)).isEqualTo("{\"00090010\":{\"vr\":\"LO\",\"Value\":[\"X\"]},\"FFFCFFFC\":{\"vr\":\"OB\",\"InlineBinary\":\"AAA=\"}}");
  }

  @Test
  void escapesTextAndKeepsBackslashesOfSingleValuedText() throws IOException {
    Dataset ds = of(0x00081030, VR.LO, "say \"hi\"\t").put(new DataElement.Value(0x00204000, VR.LT,
        "  C:\\dir\r\nend\u0001 ".getBytes(ISO_8859_1)));
    assertThat(json(ds)).isEqualTo("{\"00081030\":{\"vr\":\"LO\",\"Value\":[\"say \\\"hi\\\"\\t\"]},"
        + "\"00204000\":{\"vr\":\"LT\",\"Value\":[\"  C:\\\\dir\\r\\nend\\u0001\"]}}");
  }

  @Test
  void writesUtf8ToAStreamAndReadsBytesThroughTheParser() throws IOException {
    // explicit VR little endian bare dataset: (0008,0005) CS "ISO_IR 100", (0010,0010) PN "Müller^Jörg"
    byte[] bytes = concat(header(0x0008, 0x0005, "CS", 10), "ISO_IR 100".getBytes(ISO_8859_1),
        header(0x0010, 0x0010, "PN", 12), "Müller^Jörg ".getBytes(ISO_8859_1));
    DicomFile f = DicomReader.read(bytes, ReadOptions.ALL);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DicomJsonWriter(DicomJsonOptions.inline(URIS)).write(f.dataset(), out);
    assertThat(out.toString(UTF_8)).isEqualTo("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
        + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Jörg\"}]}}");
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new DicomJsonOptions(true, -1, URIS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInlineBinaryBytes");
    assertThatThrownBy(() -> new DicomJsonOptions(true, 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> json(new Dataset().put(new DataElement.BulkData(Tag.PixelData, VR.OW, 0, 2, false)),
        DicomJsonOptions.inline((e, p) -> null))).isInstanceOf(IllegalStateException.class);
  }

  private static byte[] header(int group, int element, String vr, int length) {
    byte[] h = new byte[8];
    Values.writeLe(h, 0, 2, group);
    Values.writeLe(h, 2, 2, element);
    h[4] = (byte) vr.charAt(0);
    h[5] = (byte) vr.charAt(1);
    Values.writeLe(h, 6, 2, length);
    return h;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
