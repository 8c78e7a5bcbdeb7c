package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chunk that ends in bytes which may begin a delimiter (a CR, an LF, "\r\n--") leaves them with the parser; the
 * next chunk is then still passed on as slices of itself, except for the few bytes that settle the question. (The
 * parser used to copy the whole next chunk behind the carried bytes, so every byte of it was passed on from a copy,
 * which the MTOM reader copied once more.) Content and framing stay exactly those of a one-chunk parse.
 */
class MultipartParserKeepsChunksInPlaceTest {
  private static final String BOUNDARY = "MIMEBoundary_k";

  /** A handler that records the body offset and length of each content slice, and the content itself. */
  private static final class Slices implements MultipartHandler {
    final List<long[]> slices = new ArrayList<>();
    final ByteArrayOutputStream content = new ByteArrayOutputStream();
    MultipartParser parser;
    boolean ended;

    @Override
    public void partStart(MultipartPart part) {}

    @Override
    public void partBody(ByteBuffer slice) {
      slices.add(new long[] {parser.sliceOffset(), slice.remaining()});
      byte[] b = new byte[slice.remaining()];
      slice.get(b);
      content.writeBytes(b);
    }

    @Override
    public void partEnd() {}

    @Override
    public void end() {
      ended = true;
    }
  }

  @Test
  void theChunkAfterCarriedBytesIsPassedOnFromItself() {
    for (String carried : new String[] {"\r", "\n", "\r\n", "\r\n-", "\r\n--MIME"}) {
      byte[] head = ("content that ends in bytes which may start a delimiter" + carried)
          .getBytes(StandardCharsets.US_ASCII);
      byte[] rest = new byte[64 * 1024];
      Arrays.fill(rest, (byte) 'x');
      byte[] content = new byte[head.length + rest.length];
      System.arraycopy(head, 0, content, 0, head.length);
      System.arraycopy(rest, 0, content, head.length, rest.length);
      byte[] body = MultipartSamples.onePart(BOUNDARY, content);
      int cut = body.length - rest.length - ("\r\n--" + BOUNDARY + "--\r\n").length(); // the first 'x'

      Slices h = new Slices();
      h.parser = new MultipartParser(BOUNDARY, h, MtomLimits.DEFAULT);
      h.parser.feed(Arrays.copyOfRange(body, 0, cut));
      h.parser.feed(Arrays.copyOfRange(body, cut, body.length));
      h.parser.finish();

      assertThat(h.ended).isTrue();
      assertThat(h.content.toByteArray()).as("carried %s", carried.replace("\r", "CR").replace("\n", "LF"))
          .isEqualTo(content);
      long[] last = h.slices.get(h.slices.size() - 1);
      assertThat(last[0] + last[1]).isEqualTo(cut + rest.length);
      // the last slice starts within the second chunk, at most a delimiter's length into it: not a copy from the CR
      assertThat(last[0]).as("carried %s", carried).isGreaterThanOrEqualTo(cut)
          .isLessThanOrEqualTo(cut + ("\n--" + BOUNDARY).length() + 1);
    }
  }
}
