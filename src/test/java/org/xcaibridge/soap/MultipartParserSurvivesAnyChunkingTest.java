package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How the body is cut into chunks never changes what the parser reports: every single cut point, every pair
 * of nearby cut points on a small body, 1-byte chunks, and random chunk sizes on random bodies (fixed seed) all give
 * the parts of a one-chunk parse.
 */
class MultipartParserSurvivesAnyChunkingTest {
  private static MultipartRecorder parseCutAt(MultipartSamples.Sample s, int... cuts) {
    MultipartRecorder r = new MultipartRecorder();
    MultipartParser p = new MultipartParser(s.boundary(), r, MtomLimits.DEFAULT);
    int from = 0;
    for (int cut : cuts) {
      p.feed(java.util.Arrays.copyOfRange(s.body(), from, cut));
      from = cut;
    }
    p.feed(java.util.Arrays.copyOfRange(s.body(), from, s.body().length));
    p.finish();
    return r;
  }

  @Test
  void everySingleCutOfTheHandWrittenBodies() {
    for (String eol : new String[] {"\r\n", "\n"}) {
      MultipartSamples.Sample s = MultipartSamples.handWritten(eol);
      for (int cut = 0; cut <= s.body().length; cut++) {
        MultipartRecorder r = parseCutAt(s, cut);
        assertThat(r.parts).as("cut at %d, eol %s", cut, eol.length()).containsExactlyElementsOf(s.parts());
        assertThat(r.ended).isTrue();
      }
    }
  }

  /** Two cuts up to 16 bytes apart split a delimiter (12 bytes with its CRLF) into three chunks in every way. */
  @Test
  void everyClosePairOfCutsOfTheHandWrittenBody() {
    MultipartSamples.Sample s = MultipartSamples.handWritten("\r\n");
    int n = s.body().length;
    for (int a = 0; a <= n; a++) {
      for (int b = a; b <= Math.min(n, a + 16); b++) {
        if (!parseCutAt(s, a, b).parts.equals(s.parts())) { // plain check: 40,000 assertj calls are slow
          fail("cuts at " + a + " and " + b + " give other parts");
        }
      }
    }
  }

  @Test
  void everySingleCutOfTheNistCapture() {
    MtomFixtures.WireCapture c = MtomFixtures.nistMtomCapture();
    MultipartSamples.Sample s = new MultipartSamples.Sample(MultipartContentType.parse(c.contentType()).boundary(),
        c.body(), MultipartRecorder.parse(MultipartContentType.parse(c.contentType()).boundary(), c.body(),
            MtomLimits.DEFAULT).parts);
    assertThat(s.parts()).hasSize(2);
    for (int cut = 0; cut <= s.body().length; cut++) {
      assertThat(parseCutAt(s, cut).parts).as("cut at %d", cut).containsExactlyElementsOf(s.parts());
    }
  }

  @Test
  void oneByteChunksGiveTheSameParts() {
    MtomFixtures.WireCapture c = MtomFixtures.nistMtomCapture();
    String boundary = MultipartContentType.parse(c.contentType()).boundary();
    MultipartRecorder whole = MultipartRecorder.parse(boundary, c.body(), MtomLimits.DEFAULT);
    MultipartRecorder bytewise = MultipartRecorder.parse(boundary, c.body(), MtomLimits.DEFAULT, 1);
    assertThat(bytewise.parts).containsExactlyElementsOf(whole.parts);
    assertThat(bytewise.ended).isTrue();
  }

  @Test
  void randomBodiesInRandomChunksGiveTheirParts() {
    Random rnd = new Random(20240611L);
    for (int round = 0; round < 400; round++) {
      MultipartSamples.Sample s = MultipartSamples.random(rnd, 600);
      int[] sizes = new int[1 + rnd.nextInt(8)];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 300);
      }
      MultipartRecorder whole = MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT);
      MultipartRecorder chunked = MultipartRecorder.parse(s.boundary(), s.body(), MtomLimits.DEFAULT, sizes);
      assertThat(whole.parts).as("round %d, one chunk", round).containsExactlyElementsOf(s.parts());
      assertThat(chunked.parts).as("round %d, chunks %s", round, java.util.Arrays.toString(sizes))
          .containsExactlyElementsOf(s.parts());
      assertThat(chunked.ended).isTrue();
    }
  }
}
