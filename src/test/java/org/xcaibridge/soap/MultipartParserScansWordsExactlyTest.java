package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The content scan tests eight bytes at a time for the LF that may start a delimiter; these fixtures put LFs, bytes
 * that differ from LF in one bit, delimiter near misses and a whole delimiter at every position of an eight-byte
 * word and on both sides of every chunk cut, and check that nothing is found early, late or not at all.
 */
class MultipartParserScansWordsExactlyTest {
  private static final byte[] NOT_LF = {0x0B, 0x08, 0x0E, 0x1A, 0x2A, 0x4A, (byte) 0x8A, (byte) 0x8B, 0x00,
      (byte) 0xFF, 0x09, 0x0D, (byte) 0xF5};

  private static int naive(byte[] w, int from, int to) {
    for (int k = from; k < to; k++) {
      if (w[k] == '\n') {
        return k;
      }
    }
    return -1;
  }

  @Test
  void theFirstLfIsFoundAtEveryPositionAndRangeAmongLookalikes() {
    for (byte filler : NOT_LF) {
      for (int len = 0; len <= 40; len++) {
        for (int lf = -1; lf < len; lf++) {
          byte[] w = new byte[len];
          Arrays.fill(w, filler);
          if (lf >= 0) {
            w[lf] = '\n';
            if (lf + 3 < len) {
              w[lf + 3] = '\n'; // a second LF after it must not win
            }
          }
          for (int from = 0; from <= len; from++) {
            for (int to = from; to <= len; to++) {
              assertThat(MultipartParser.indexOfLf(w, from, to)).as("filler %02x len %d lf %d [%d, %d)", filler,
                  len, lf, from, to).isEqualTo(naive(w, from, to));
            }
          }
        }
      }
    }
  }

  @Test
  void randomArraysAgreeWithAByteByByteScan() {
    Random rnd = new Random(77L);
    for (int round = 0; round < 20_000; round++) {
      byte[] w = new byte[rnd.nextInt(200)];
      for (int i = 0; i < w.length; i++) {
        int r = rnd.nextInt(10);
        w[i] = r == 0 ? (byte) '\n' : r < 4 ? NOT_LF[rnd.nextInt(NOT_LF.length)] : (byte) rnd.nextInt(256);
      }
      int from = w.length == 0 ? 0 : rnd.nextInt(w.length);
      int to = from + rnd.nextInt(w.length - from + 1);
      assertThat(MultipartParser.indexOfLf(w, from, to)).isEqualTo(naive(w, from, to));
    }
  }

  /**
   * Content made of delimiter near misses (a boundary cut short, one with a byte changed, CR without LF, LF-like
   * bytes before "--b0undary") shifted to every offset in a word, in a part ended by a real delimiter: parsed
   * whole, cut at every single point, and cut into 7-, 8- and 9-byte chunks, the part's content comes out intact.
   */
  @Test
  void nearMissesAtEveryWordOffsetStayContent() {
    String b = MultipartSamples.BOUNDARY;
    byte[] misses = ("\n--b0undar\n-\n--\r--" + b + "\r\r\n--b0undarY\u008a--" + b + "\u000b--" + b
        + "\n-" + b + "\n\n\n").getBytes(StandardCharsets.ISO_8859_1);
    for (int shift = 0; shift < 16; shift++) {
      byte[] content = new byte[shift + misses.length + shift];
      Arrays.fill(content, (byte) 0x8A);
      System.arraycopy(misses, 0, content, shift, misses.length);
      byte[] body = MultipartSamples.onePart(b, content);
      MultipartRecorder whole = MultipartRecorder.parse(b, body, MtomLimits.DEFAULT);
      assertThat(whole.parts).as("shift %d", shift).hasSize(1);
      assertThat(whole.parts.get(0).body()).as("shift %d", shift).isEqualTo(content);
      List<MultipartRecorder.Part> expected = whole.parts;
      for (int cut = 0; cut <= body.length; cut++) {
        assertThat(MultipartRecorder.parseCut(b, body, cut).parts).as("shift %d cut %d", shift, cut).isEqualTo(expected);
      }
      for (int size : new int[] {7, 8, 9}) {
        assertThat(MultipartRecorder.parse(b, body, MtomLimits.DEFAULT, size).parts).as("shift %d, %d-byte chunks",
            shift, size).isEqualTo(expected);
      }
    }
  }

  /** A delimiter whose LF sits at each offset of a word, inside a larger chunk, ends the part exactly there. */
  @Test
  void aDelimiterAtEveryWordOffsetEndsThePartThere() {
    String b = MultipartSamples.BOUNDARY;
    for (int len = 0; len < 24; len++) {
      byte[] content = new byte[len];
      for (int i = 0; i < len; i++) {
        content[i] = NOT_LF[i % NOT_LF.length] == 0x0D ? 0x0B : NOT_LF[i % NOT_LF.length];
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(("--" + b + "\nContent-ID: <a@x>\n\n").getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(content);
      out.writeBytes(("\n--" + b + "\nContent-ID: <b@x>\n\nz\n--" + b + "--").getBytes(StandardCharsets.ISO_8859_1));
      MultipartRecorder r = MultipartRecorder.parse(b, out.toByteArray(), MtomLimits.DEFAULT);
      assertThat(r.parts).as("content of %d bytes", len).hasSize(2);
      assertThat(r.parts.get(0).body()).as("content of %d bytes", len).isEqualTo(content);
      assertThat(r.parts.get(1).body()).isEqualTo(new byte[] {'z'});
      assertThat(r.ended).isTrue();
    }
  }
}
