package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.soap.MultipartSamples.bytes;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 2046 §5.1.1 framing: the CRLF before a delimiter belongs to it, preamble and epilogue are skipped,
 * transport padding may follow a boundary, the first delimiter may open the body, headers may be folded
 * and named in any case; bare LF line ends are read like CRLF.
 */
class MultipartParserFollowsRfc2046FramingTest {
  private static MultipartRecorder parse(String body) {
    return MultipartRecorder.parse("b", bytes(body, StandardCharsets.ISO_8859_1), MtomLimits.DEFAULT);
  }

  @Test
  void handWrittenCrlfBodyGivesItsParts() {
    MultipartSamples.Sample s = MultipartSamples.handWritten("\r\n");
    MultipartRecorder r = MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT);
    assertThat(r.parts).containsExactlyElementsOf(s.parts());
    assertThat(r.ended).isTrue();
  }

  @Test
  void handWrittenLfOnlyBodyGivesItsParts() {
    MultipartSamples.Sample s = MultipartSamples.handWritten("\n");
    MultipartRecorder r = MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT);
    assertThat(r.parts).containsExactlyElementsOf(s.parts());
    assertThat(r.ended).isTrue();
  }

  @Test
  void crlfBeforeTheDelimiterIsNotContentButOneBeforeItIs() {
    MultipartRecorder r = parse("--b\r\n\r\nline\r\n\r\n--b\r\n\r\nx\r\r\n--b--");
    assertThat(r.parts.get(0).body()).isEqualTo(bytes("line\r\n", StandardCharsets.US_ASCII));
    assertThat(r.parts.get(1).body()).isEqualTo(bytes("x\r", StandardCharsets.US_ASCII));
  }

  @Test
  void partWithoutHeadersHasDefaults() {
    MultipartRecorder r = parse("--b\r\n\r\nabc\r\n--b--\r\n");
    assertThat(r.parts).containsExactly(new MultipartRecorder.Part(new MultipartPart(0, null, null, "7bit"),
        bytes("abc", StandardCharsets.US_ASCII)));
  }

  @Test
  void paddingAfterBoundaryAndAfterClosingDelimiterIsSkipped() {
    MultipartRecorder r = parse("--b \t \r\nContent-ID: c@x\r\n\r\nabc\r\n--b--\t\r\nepilogue");
    assertThat(r.parts).hasSize(1);
    assertThat(r.parts.get(0).header().contentId()).isEqualTo("c@x");
    assertThat(r.ended).isTrue();
  }

  @Test
  void preambleEndingInTheDelimiterLineEndIsSkipped() {
    MultipartRecorder r = parse("preamble line\r\n- -b\r\n--b\r\n\r\none\r\n--b--");
    assertThat(r.parts).hasSize(1);
    assertThat(r.parts.get(0).body()).isEqualTo(bytes("one", StandardCharsets.US_ASCII));
  }

  @Test
  void emptyContentAndEmptyBodyBetweenDelimiters() {
    MultipartRecorder r = parse("--b\r\n\r\n\r\n--b\r\n\r\n\r\n--b--");
    assertThat(r.parts).hasSize(2);
    assertThat(r.parts.get(0).body()).isEmpty();
    assertThat(r.parts.get(1).body()).isEmpty();
  }

  @Test
  void contentIdKeepsItsValueWithoutBrackets() {
    MultipartRecorder r = parse("--b\r\nContent-Id:   < 1.urn:uuid:X@apache.org >  \r\n\r\n\r\n--b--");
    assertThat(r.parts.get(0).header().contentId()).isEqualTo("1.urn:uuid:X@apache.org");
  }

  @Test
  void delimiterSplitFromItsCarriageReturnStillEndsThePart() {
    MultipartRecorder r = MultipartRecorder.parse("b",
        bytes("--b\r\n\r\nabc\r\n--b--", StandardCharsets.US_ASCII), MtomLimits.DEFAULT, 10, 1, 100);
    assertThat(r.parts.get(0).body()).isEqualTo(bytes("abc", StandardCharsets.US_ASCII));
  }
}
