package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test against Apache James mime4j: on hand-written bodies (CRLF and LF-only, near misses,
 * padding, folded headers, preamble and epilogue) and on random bodies, both readers find the same parts
 * with the same Content-IDs and the same content bytes.
 */
class MultipartParserAgreesWithMime4jTest {
  private static void assertSameParts(MultipartSamples.Sample s) throws Exception {
    MultipartRecorder ours = MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT);
    List<MimeOracle.Part> theirs = MimeOracle.parse(
        "multipart/related; boundary=\"" + s.boundary() + "\"", s.body());
    assertThat(theirs).hasSize(ours.parts.size());
    for (int i = 0; i < theirs.size(); i++) {
      MultipartRecorder.Part p = ours.parts.get(i);
      String cid = theirs.get(i).headers().get("content-id");
      assertThat(cid == null ? null : MtomReader.stripBrackets(cid)).as("part %d Content-ID", i)
          .isEqualTo(p.header().contentId());
      assertThat(theirs.get(i).body()).as("part %d content", i).isEqualTo(p.body());
    }
  }

  @Test
  void handWrittenCrlfBody() throws Exception {
    assertSameParts(MultipartSamples.handWritten("\r\n"));
  }

  @Test
  void handWrittenLfOnlyBody() throws Exception {
    assertSameParts(MultipartSamples.handWritten("\n"));
  }

  @Test
  void randomBodies() throws Exception {
    Random rnd = new Random(7_2046L);
    for (int round = 0; round < 300; round++) {
      assertSameParts(MultipartSamples.random(rnd, 2000));
    }
  }
}
