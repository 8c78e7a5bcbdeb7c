package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.soap.MultipartSamples.bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The root part is the one {@code start} names (else the first) and is handed over whole; the others pass on
 * in wire order; {@code cid:} hrefs decode to Content-IDs per RFC 2392; plain SOAP is one root part.
 */
class MtomReaderMapsRootAndCidsTest {
  /** Records listener calls as short strings. */
  private static final class Log implements MtomReader.Listener {
    final List<String> events = new ArrayList<>();

    @Override
    public void root(MultipartPart part, byte[] envelope) {
      events.add("root " + part.contentId() + " " + new String(envelope, StandardCharsets.UTF_8));
    }

    @Override
    public void attachmentStart(MultipartPart part) {
      events.add("start " + part.contentId() + " " + part.contentType());
    }

    @Override
    public void attachmentBody(ByteBuffer slice) {
      byte[] b = new byte[slice.remaining()];
      slice.get(b);
      events.add("body " + new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public void attachmentEnd() {
      events.add("end-attachment");
    }

    @Override
    public void end() {
      events.add("end");
    }
  }

  private static List<String> read(String contentType, String body) {
    Log log = new Log();
    MtomReader r = MtomReader.create(contentType, MtomLimits.DEFAULT, log);
    byte[] b = bytes(body, StandardCharsets.UTF_8);
    r.feed(b, 0, b.length);
    r.finish();
    return log.events;
  }

  @Test
  void rootNamedByStartMayFollowAnAttachment() {
    assertThat(read("multipart/related; boundary=b; start=\"<r@x>\"; type=\"application/xop+xml\"",
        "--b\r\nContent-ID: <a@x>\r\nContent-Type: application/dicom\r\n\r\nDICM\r\n"
            + "--b\r\nContent-ID: <r@x>\r\n\r\n<Envelope/>\r\n--b--\r\n"))
        .containsExactly("start a@x application/dicom", "body DICM", "end-attachment", "root r@x <Envelope/>", "end");
  }

  @Test
  void withoutStartTheFirstPartIsTheRoot() {
    assertThat(read("multipart/related; boundary=b",
        "--b\r\n\r\n<Envelope/>\r\n--b\r\nContent-ID: <a@x>\r\n\r\n\r\n--b--"))
        .containsExactly("root null <Envelope/>", "start a@x null", "end-attachment", "end");
  }

  @Test
  void plainSoapIsOneRootPart() {
    assertThat(read("application/soap+xml; charset=UTF-8", "<Envelope>\r\n--b\r\n</Envelope>"))
        .containsExactly("root null <Envelope>\r\n--b\r\n</Envelope>", "end");
  }

  @Test
  void missingRootDuplicateIdsAndOtherTypesAreRefused() {
    assertThatThrownBy(() -> read("multipart/related; boundary=b; start=<r@x>",
        "--b\r\nContent-ID: <a@x>\r\n\r\nA\r\n--b--")).isExactlyInstanceOf(MultipartException.class)
        .hasMessageContaining("<r@x>");
    assertThatThrownBy(() -> read("multipart/related; boundary=b",
        "--b\r\n\r\nR\r\n--b\r\nContent-ID: <a@x>\r\n\r\nA\r\n--b\r\nContent-ID: <a@x>\r\n\r\nB\r\n--b--"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("more than one part");
    assertThatThrownBy(() -> read("multipart/mixed; boundary=b", "")).isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> read("text/plain", "")).isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> read("multipart/related", "")).hasMessageContaining("without a boundary");
  }

  @Test
  void cidUrlsDecodeToContentIds() {
    assertThat(MtomReader.contentIdOf("cid:1.urn:uuid:3D4B@apache.org")).isEqualTo("1.urn:uuid:3D4B@apache.org");
    assertThat(MtomReader.contentIdOf("cid:foo4*foo1%40bar.net")).isEqualTo("foo4*foo1@bar.net");
    assertThat(MtomReader.contentIdOf("CID:a%2fb%25c")).isEqualTo("a/b%c");
    assertThat(MtomReader.contentIdOf("cid:%E2%82%AC+x@y")).isEqualTo("€+x@y");
    assertThat(MtomReader.contentIdOf("cid:%3Cbracketed@x%3E")).isEqualTo("bracketed@x");
    assertThat(MtomReader.contentIdOf("cid:bad%zz%4")).isEqualTo("bad%zz%4");
    assertThatThrownBy(() -> MtomReader.contentIdOf("http://x/a")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hrefsFromTheWriterDecodeBack() {
    for (String id : List.of("1.urn:uuid:3D4B161591CD1DEC0C1286850962319@apache.org", "a/b%c?d#e@x",
        "urn:oid:1.2.3@x", "doc'1&2=3@x")) {
      String href = MtomWriter.hrefOf(id);
      assertThat(href).startsWith("cid:").doesNotContain("/", "?", "#", "\"", "<");
      assertThat(MtomReader.contentIdOf(href)).isEqualTo(id);
    }
    assertThat(MtomWriter.hrefOf("a/b%c@x")).isEqualTo("cid:a%2Fb%25c@x");
  }
}
