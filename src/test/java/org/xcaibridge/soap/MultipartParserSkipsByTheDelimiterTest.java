package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The content scan skips ahead by the byte under the delimiter's last position (Horspool), so it must not skip a
 * delimiter nor take a near one for it. Here every position of the delimiter after its CR in turn is changed, to a
 * byte it does not hold (the longest skip) and to one it holds elsewhere (a short one); that near miss sits at every
 * offset up to a delimiter's length from the part's start, among filler bytes that skip far or hardly at all (then
 * the scan goes on to the next LF instead), followed by a real delimiter: whole, and cut at every point, the part's
 * content comes out exactly.
 */
class MultipartParserSkipsByTheDelimiterTest {
  private static final String BOUNDARY = "MIMEBoundary_urn_uuid_5D8F";

  @Test
  void everyOneByteNearMissStaysContentAtEveryOffset() {
    byte[] delimiter = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
    for (int k = 1; k < delimiter.length; k++) { // not the CR: a delimiter without it is still one
      for (byte changed : new byte[] {(byte) 0xF7, delimiter[(k + 5) % delimiter.length]}) {
        if (changed == delimiter[k]) {
          continue;
        }
        byte[] miss = delimiter.clone();
        miss[k] = changed;
        for (int offset = 0; offset <= delimiter.length; offset += offset < 9 ? 1 : 7) {
          byte[] content = new byte[offset + miss.length + 3];
          // fillers with a long skip, and with a short one (then the scan goes on to the next LF instead)
          Arrays.fill(content, offset % 2 == 0 ? (byte) 'o' : delimiter[delimiter.length - 2]);
          System.arraycopy(miss, 0, content, offset, miss.length);
          byte[] body = MultipartSamples.onePart(BOUNDARY, content);
          String what = "byte " + k + " as " + (changed & 0xff) + " at " + offset;
          assertThat(MultipartRecorder.parse(BOUNDARY, body, MtomLimits.DEFAULT).parts.get(0).body()).as(what)
              .isEqualTo(content);
          if (offset == 3 || offset == 4) {
            for (int cut = 0; cut <= body.length; cut++) {
              MultipartRecorder r = MultipartRecorder.parseCut(BOUNDARY, body, cut);
              assertThat(r.parts).as("%s, cut at %d", what, cut).hasSize(1);
              assertThat(r.parts.get(0).body()).as("%s, cut at %d", what, cut).isEqualTo(content);
            }
          }
        }
      }
    }
  }
}
