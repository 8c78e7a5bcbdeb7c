package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.soap.InlineBase64Bodies.base64;
import static org.xcaibridge.soap.InlineBase64Bodies.envelope;
import static org.xcaibridge.soap.InlineBase64Bodies.random;
import static org.xcaibridge.soap.InlineBase64Bodies.read;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;

/**
 * A plain SOAP body whose {@code Document}s hold inline base64 is read like an MTOM message: each document's
 * text is decoded as it arrives and handed on as an attachment (bytes equal to what the JDK's decoder makes of
 * the same text), and the kept envelope, small whatever the documents' size, has an {@code xop:Include} in its
 * place that our IHE codec resolves to that attachment. The same for every chunking and every lexical form
 * XML and base64 allow; malformed content fails naming the document.
 */
class InlineBase64StreamsTest {
  private static final List<byte[]> DOCS = List.of(random(300_001, 1), random(1_000_000, 2), random(2, 3));
  private static final MtomLimits SMALL_ROOT = new MtomLimits(8 << 10, 10, 1024, 4 << 20);

  private static RetrieveDocumentSetResponse model(byte[] envelope) throws Exception {
    IheCodec codec = IheCodec.withDefaults();
    return SoapReader.read(envelope, XmlLimits.DEFAULT, in -> {
      try {
        return codec.read(in, RetrieveDocumentSetResponse.class);
      } catch (IheParseException e) {
        throw new IllegalStateException(e);
      }
    }).body();
  }

  private static void assertStreamed(InlineBase64Bodies.Recorder r, List<byte[]> docs) throws Exception {
    assertThat(r.end).isTrue();
    assertThat(r.open()).isNull();
    assertThat(r.docs).hasSize(docs.size());
    RetrieveDocumentSetResponse m = model(r.root);
    for (int i = 0; i < docs.size(); i++) {
      InlineBase64Bodies.Recorder.Doc d = r.docs.get(i);
      assertThat(d.size()).isEqualTo(docs.get(i).length);
      assertThat(d.sha256()).isEqualTo(MtomTestStreams.hex(MtomTestStreams.newSha256().digest(docs.get(i))));
      assertThat(d.part().index()).isEqualTo(i + 1);
      DocumentResponse response = m.documents().get(i);
      assertThat(response.documentUniqueId()).isEqualTo("1.2.3.4." + (i + 1));
      assertThat(response.content()).isInstanceOfSatisfying(DocumentContent.XopInclude.class,
          x -> assertThat(x.contentId()).isEqualTo(d.part().contentId()));
    }
    assertThat(r.root.length).isLessThan(4096);
  }

  @Test
  void documentsStreamOutOfABodyFarLargerThanTheRootLimit() throws Exception {
    byte[] body = envelope(DOCS, InlineBase64Bodies::base64).getBytes(StandardCharsets.UTF_8);
    assertThat((long) body.length).isGreaterThan(100 * SMALL_ROOT.maxRootPartBytes());
    assertStreamed(read(body, SMALL_ROOT), DOCS);
  }

  @Test
  void oneByteChunksGiveTheSameResult() throws Exception {
    byte[] body = envelope(DOCS, InlineBase64Bodies::base64).getBytes(StandardCharsets.UTF_8);
    InlineBase64Bodies.Recorder whole = read(body, SMALL_ROOT);
    InlineBase64Bodies.Recorder bytewise = read(body, SMALL_ROOT, 1);
    assertStreamed(bytewise, DOCS);
    assertThat(bytewise.root).isEqualTo(whole.root);
    assertThat(bytewise.docs).isEqualTo(whole.docs);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void randomChunksGiveTheSameResult(long seed) throws Exception {
    byte[] body = envelope(DOCS, InlineBase64Bodies::mimeLines).getBytes(StandardCharsets.UTF_8);
    InlineBase64Bodies.Recorder whole = read(body, SMALL_ROOT);
    InlineBase64Bodies.Recorder chunked = read(body, SMALL_ROOT, InlineBase64Bodies.randomSizes(seed, 9000));
    assertStreamed(chunked, DOCS);
    assertThat(chunked.root).isEqualTo(whole.root);
    assertThat(chunked.docs).isEqualTo(whole.docs);
  }

  /** Lexical forms XML and xs:base64Binary allow; each is fed byte by byte too. */
  @ParameterizedTest
  @ValueSource(strings = {"mime", "cdata", "comment", "references", "blanks", "unpadded", "split-cdata"})
  void everyLexicalFormDecodesToTheSameBytes(String form) throws Exception {
    List<byte[]> docs = List.of(random(3000, 7), random(3001, 8), random(3002, 9));
    Function<byte[], String> text = switch (form) {
      case "mime" -> InlineBase64Bodies::mimeLines;
      case "cdata" -> b -> "<![CDATA[" + base64(b) + "]]>";
      case "comment" -> b -> "<!-- before -->" + base64(b).substring(0, 400) + "<!-- in the <middle> -->"
          + "<?pi in the middle?>" + base64(b).substring(400);
      case "references" -> b -> "&#10;" + base64(b).replace("A", "&#65;").replace("/", "&#x2F;") + "&#xD;&#xA;";
      case "blanks" -> b -> "\n\t  " + base64(b).replaceAll("(.{60})", "$1 \t") + "\n  ";
      case "unpadded" -> b -> base64(b).replace("=", "");
      default -> b -> "<![CDATA[" + base64(b).substring(0, 100) + "]]>" + base64(b).substring(100, 200)
          + "<![CDATA[" + base64(b).substring(200) + "]]>";
    };
    byte[] body = envelope(docs, text).getBytes(StandardCharsets.UTF_8);
    assertStreamed(read(body, SMALL_ROOT), docs);
    assertStreamed(read(body, SMALL_ROOT, 1), docs);
  }

  @Test
  void documentsInOtherNamespacesOrWithElementsStayInTheEnvelope() throws Exception {
    String xop = "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:a@x\"/>";
    String body = envelope(List.of(random(30, 1), random(40, 2)), InlineBase64Bodies::base64)
        .replaceFirst("<xdsb:Document>[^<]*</xdsb:Document>", "<xdsb:Document>\n " + xop + " </xdsb:Document>")
        .replaceFirst("<xdsb:Document>([^<]*)</xdsb:Document>",
            "<Document xmlns=\"urn:other\">$1</Document><xdsb:Document/>");
    InlineBase64Bodies.Recorder r = read(body.getBytes(StandardCharsets.UTF_8), MtomLimits.DEFAULT);
    assertThat(r.docs).isEmpty();
    assertThat(r.rootText()).isEqualTo(body);
  }

  @Test
  void malformedBase64FailsNamingTheDocument() {
    String good = envelope(DOCS, InlineBase64Bodies::base64);
    int second = good.indexOf("<xdsb:Document>", good.indexOf("<xdsb:Document>") + 1) + 15;
    String bad = good.substring(0, second + 5000) + "*" + good.substring(second + 5001);
    for (int[] sizes : new int[][] {{}, {1}, InlineBase64Bodies.randomSizes(11, 5000)}) {
      InlineBase64Bodies.Recorder r = new InlineBase64Bodies.Recorder();
      MtomReader reader = MtomReader.create(InlineBase64Bodies.CONTENT_TYPE, SMALL_ROOT,
          java.util.Set.of(InlineBase64Bodies.DOCUMENT), r);
      assertThatThrownBy(() -> InlineBase64Bodies.feed(reader, bad.getBytes(StandardCharsets.UTF_8), sizes))
          .isInstanceOfSatisfying(InlineBase64Exception.class, e -> {
            assertThat(e.partIndex()).isEqualTo(2);
            assertThat(e.contentId()).isEqualTo("inline-2@soap-body");
            assertThat(e.element()).isEqualTo(InlineBase64Bodies.DOCUMENT);
            assertThat(e.offset()).isEqualTo(second + 5000);
            assertThat(e.getMessage()).contains("inline document 2", "0x2a is not base64");
          });
      assertThat(r.docs).hasSize(1);
      assertThat(r.open().contentId()).isEqualTo("inline-2@soap-body");
      assertThat(r.openBytes()).isLessThanOrEqualTo(3750);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"QUJD=REVG", "QUJDR", "QUJDRA=", "QUJDRA==QUJD", "QU<x/>JD", "QUJD&amp;", "QU]]>JD"})
  void badEndingsPaddingAndMixedContentAreMalformed(String text) {
    byte[] body = envelope(List.of(new byte[0]), b -> text).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> read(body, MtomLimits.DEFAULT)).isInstanceOfSatisfying(InlineBase64Exception.class,
        e -> assertThat(e.partIndex()).isEqualTo(1));
  }

  @Test
  void bodyEndingInsideADocumentIsATruncationNamingIt() {
    byte[] body = envelope(DOCS, InlineBase64Bodies::base64).getBytes(StandardCharsets.UTF_8);
    String s = new String(body, StandardCharsets.ISO_8859_1);
    int cut = s.indexOf("<xdsb:Document>", s.indexOf("<xdsb:Document>") + 1) + 15 + 40_000;
    InlineBase64Bodies.Recorder r = new InlineBase64Bodies.Recorder();
    MtomReader reader = MtomReader.create(InlineBase64Bodies.CONTENT_TYPE, SMALL_ROOT,
        java.util.Set.of(InlineBase64Bodies.DOCUMENT), r);
    reader.feed(body, 0, cut);
    assertThatThrownBy(reader::finish).isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
      assertThat(e.partIndex()).isEqualTo(2);
      assertThat(e.contentId()).isEqualTo("inline-2@soap-body");
      assertThat(e.partBytes()).isEqualTo(30_000);
    });
    assertThat(r.docs).hasSize(1);
    assertThat(r.root).isNull();
  }

  @Test
  void eachDocumentIsBoundedByMaxPartBytesAndCountsAsAPart() {
    byte[] body = envelope(DOCS, InlineBase64Bodies::base64).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> read(body, new MtomLimits(8 << 10, 10, 1024, 999_999)))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxPartBytes"));
    assertThatThrownBy(() -> read(body, new MtomLimits(8 << 10, 3, 1024, 4 << 20)))
        .isInstanceOfSatisfying(MtomLimitException.class, e -> assertThat(e.limit()).isEqualTo("maxParts"));
  }

  @Test
  void theRestOfTheEnvelopeIsBoundedByTheRootLimit() {
    byte[] body = envelope(List.of(random(10, 1)), InlineBase64Bodies::base64)
        .replace("urn:oid:1.2.3", "urn:oid:1.2.3." + "9".repeat(9000)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> read(body, SMALL_ROOT)).isInstanceOfSatisfying(MtomLimitException.class,
        e -> assertThat(e.limit()).isEqualTo("maxRootPartBytes"));
  }

  @Test
  void withoutNamedElementsAPlainBodyIsKeptWholeAsBefore() {
    byte[] body = envelope(DOCS, InlineBase64Bodies::base64).getBytes(StandardCharsets.UTF_8);
    InlineBase64Bodies.Recorder r = new InlineBase64Bodies.Recorder();
    MtomReader reader = MtomReader.create(InlineBase64Bodies.CONTENT_TYPE, MtomLimits.DEFAULT, r);
    reader.feed(body, 0, body.length);
    reader.finish();
    assertThat(r.root).isEqualTo(body);
    assertThat(r.docs).isEmpty();
    assertThat(Base64.getDecoder().decode(base64(DOCS.get(2)))).isEqualTo(DOCS.get(2));
  }
}
