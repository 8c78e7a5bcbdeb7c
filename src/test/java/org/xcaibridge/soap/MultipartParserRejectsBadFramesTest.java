package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.soap.MultipartSamples.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Broken framing gives a typed error naming the body offset, and the parser refuses further input; a fresh
 * parser then reads a good body (recovery after each failure).
 */
class MultipartParserRejectsBadFramesTest {
  private static void parse(String body) {
    MultipartRecorder.parse("b", bytes(body, StandardCharsets.ISO_8859_1), MtomLimits.DEFAULT);
  }

  private static void freshParserReadsAGoodBody() {
    MultipartSamples.Sample s = MultipartSamples.handWritten("\r\n");
    assertThat(MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT).parts)
        .containsExactlyElementsOf(s.parts());
  }

  @Test
  void headerLineWithoutColonIsMalformed() {
    assertThatThrownBy(() -> parse("--b\r\nContent-Type: text/plain\r\nno colon here\r\n\r\nx\r\n--b--"))
        .isExactlyInstanceOf(MultipartException.class)
        .hasMessageContaining("malformed header line in part 0")
        .extracting(e -> ((MultipartException) e).offset()).isEqualTo(31L); // where the bad line starts
    freshParserReadsAGoodBody();
  }

  @Test
  void headerStartingWithAContinuationLineIsMalformed() {
    assertThatThrownBy(() -> parse("--b\r\n folded: x\r\n\r\nx\r\n--b--"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("continuation");
    freshParserReadsAGoodBody();
  }

  @Test
  void base64PartIsRefusedWithItsEncoding() {
    assertThatThrownBy(() -> parse("--b\r\n\r\nroot\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n--b--"))
        .isInstanceOfSatisfying(MultipartEncodingException.class, e -> {
          assertThat(e.encoding()).isEqualTo("base64");
          assertThat(e.getMessage()).contains("part 1");
        });
    assertThatThrownBy(() -> parse("--b\r\nContent-Transfer-Encoding: Quoted-Printable\r\n\r\n=41\r\n--b--"))
        .isInstanceOfSatisfying(MultipartEncodingException.class,
            e -> assertThat(e.encoding()).isEqualTo("quoted-printable"));
    freshParserReadsAGoodBody();
  }

  @Test
  void lineStartingWithTheDelimiterButContinuingIsRefused() {
    assertThatThrownBy(() -> parse("--b\r\n\r\nx\r\n--bx\r\n--b--"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("continues with 'x'")
        .extracting(e -> ((MultipartException) e).offset()).isEqualTo(13L); // the byte after the boundary
    assertThatThrownBy(() -> parse("--b\r\n\r\nx\r\n--b-x"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("'-' and 'x'");
    assertThatThrownBy(() -> parse("--b\r\rX"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("CR after a delimiter");
    freshParserReadsAGoodBody();
  }

  @Test
  void bodyWithoutDelimiterIsRefusedAtItsEnd() {
    assertThatThrownBy(() -> parse("just text, no parts\r\n-- b\r\n"))
        .isExactlyInstanceOf(MultipartException.class).hasMessageContaining("no delimiter line");
    freshParserReadsAGoodBody();
  }

  @Test
  void bodyCutInsideAPartNamesThatPart() {
    assertThatThrownBy(() -> parse("--b\r\n\r\nroot\r\n--b\r\nContent-ID: <doc@x>\r\n\r\n0123456789\r\n--"))
        .isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
          assertThat(e.partIndex()).isEqualTo(1);
          assertThat(e.contentId()).isEqualTo("doc@x");
          assertThat(e.partBytes()).isEqualTo(10);
          assertThat(e.offset()).isEqualTo(55); // the end of the body
        });
    assertThatThrownBy(() -> parse("--b\r\n\r\nroot\r\n--b\r\nContent-ID: <doc"))
        .isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
          assertThat(e.partIndex()).isEqualTo(1);
          assertThat(e.contentId()).isNull();
        });
    assertThatThrownBy(() -> parse("--b\r\n\r\nroot\r\n--b  "))
        .isInstanceOfSatisfying(MultipartTruncatedException.class, e -> assertThat(e.partIndex()).isEqualTo(1));
    freshParserReadsAGoodBody();
  }

  @Test
  void failedParserRefusesMoreInput() {
    MultipartParser p = new MultipartParser("b", new MultipartRecorder(), MtomLimits.DEFAULT);
    byte[] bad = bytes("--b\r\nbad header\r\n\r\n", StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> p.feed(bad)).isInstanceOf(MultipartException.class);
    assertThatThrownBy(() -> p.feed(bad)).isExactlyInstanceOf(IllegalStateException.class);
    assertThatThrownBy(p::finish).isExactlyInstanceOf(IllegalStateException.class);
  }

  @Test
  void handlerSeesNothingAfterTheBadFrame() {
    MultipartRecorder r = new MultipartRecorder();
    MultipartParser p = new MultipartParser("b", r, MtomLimits.DEFAULT);
    assertThatThrownBy(() -> p.feed(bytes("--b\r\n\r\nfirst\r\n--b\r\n:\r\n\r\nsecond\r\n--b--",
        StandardCharsets.US_ASCII))).isInstanceOf(MultipartException.class);
    assertThat(r.parts).extracting(x -> new String(x.body(), StandardCharsets.US_ASCII)).containsExactly("first");
    assertThat(r.ended).isFalse();
  }
}
