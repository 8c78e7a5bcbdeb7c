package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A body cut in the middle of an attachment (the connection fails, or ends early) fails that attachment's
 * stream with an error naming the part, fails {@link MtomStreamReader#end()} with the same error, and nothing
 * is emitted after it; a bad frame after a complete attachment leaves that attachment whole.
 */
class MtomStreamReaderFailsCutAttachmentTest {
  private final MtomVertxSupport vx = new MtomVertxSupport();

  @AfterEach
  void close() throws Exception {
    vx.close();
  }


  /** Reads the source, logging every event the consumer sees; returns the error that failed {@code end()}. */
  private Throwable readLogging(MtomTestStreams.Source source, List<String> log) throws Exception {
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, MtomVertxSupport.CONTENT_TYPE, MtomLimits.DEFAULT, a -> {
      log.add("start " + a.contentId());
      long[] n = {0};
      a.body().handler(b -> n[0] += b.length());
      a.body().endHandler(v -> log.add("end " + a.contentId() + " " + n[0]));
      a.body().exceptionHandler(t -> log.add("error " + a.contentId() + " " + n[0] + " " + t.getClass().getSimpleName()));
    }));
    ExecutionException e = Assertions.assertThrows(ExecutionException.class, () -> vx.await(() -> reader[0].end()));
    int before = log.size();
    vx.turns(20);
    assertThat(log).hasSize(before); // nothing after the failure
    assertThat(vx.await(() -> reader[0].root().map(Buffer::length))).isEqualTo(11);
    return e.getCause();
  }

  private static byte[] upToMiddleOfSecondAttachment(byte[] body) {
    String s = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
    int secondContent = s.indexOf("\r\n\r\n", s.indexOf("<a1@x>")) + 4;
    return Arrays.copyOf(body, secondContent + 50_000);
  }

  @Test
  void connectionFailureMidAttachmentFailsThatAttachmentOnly() throws Exception {
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", new byte[100_000], new byte[100_000], new byte[10]);
    List<String> log = new ArrayList<>();
    IOException reset = new IOException("connection reset");
    MtomTestStreams.Producer cut = MtomTestStreams.cutAfter(upToMiddleOfSecondAttachment(body), reset);
    Throwable t = readLogging(new MtomTestStreams.Source(vx.context, cut), log);
    assertThat(log).containsExactly("start a0@x", "end a0@x 100000", "start a1@x",
        "error a1@x 50000 MultipartTruncatedException");
    assertThat(t).isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
      assertThat(e.partIndex()).isEqualTo(2);
      assertThat(e.contentId()).isEqualTo("a1@x");
      assertThat(e.partBytes()).isEqualTo(50_000);
      assertThat(e.getMessage()).contains("part 2 <a1@x>", "50000 content bytes");
    }).hasCause(reset);
  }

  @Test
  void bodyEndingMidAttachmentFailsThatAttachment() throws Exception {
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", new byte[100_000], new byte[100_000], new byte[10]);
    List<String> log = new ArrayList<>();
    MtomTestStreams.Producer cut = MtomTestStreams.cutAfter(upToMiddleOfSecondAttachment(body), null);
    Throwable t = readLogging(new MtomTestStreams.Source(vx.context, cut), log);
    assertThat(log).containsExactly("start a0@x", "end a0@x 100000", "start a1@x",
        "error a1@x 50000 MultipartTruncatedException");
    assertThat(t).isInstanceOfSatisfying(MultipartTruncatedException.class,
        e -> assertThat(e.contentId()).isEqualTo("a1@x"));
  }

  @Test
  void badFrameAfterACompleteAttachmentLeavesItWhole() throws Exception {
    byte[] good = MtomVertxSupport.mtomBody("<Envelope/>", new byte[70_000]);
    String tail = "\r\n--b\r\nthis is no header\r\n\r\nxyz\r\n--b--\r\n";
    byte[] body = Arrays.copyOf(good, good.length - "\r\n--b--\r\n".length() + tail.length());
    System.arraycopy(tail.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, body,
        good.length - "\r\n--b--\r\n".length(), tail.length());
    List<String> log = new ArrayList<>();
    Throwable t = readLogging(new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(body, 4096)), log);
    assertThat(log).containsExactly("start a0@x", "end a0@x 70000");
    assertThat(t).isExactlyInstanceOf(MultipartException.class).hasMessageContaining("malformed header line in part 2");
  }

  @Test
  void contentTypeThatIsNeitherMtomNorSoapFailsBothFutures() throws Exception {
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(new byte[10], 5));
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, "text/html", MtomLimits.DEFAULT, a -> {}));
    ExecutionException root = Assertions.assertThrows(ExecutionException.class, () -> vx.await(() -> reader[0].root()));
    assertThat(root.getCause()).isExactlyInstanceOf(MultipartException.class).hasMessageContaining("text/html");
    Assertions.assertThrows(ExecutionException.class, () -> vx.await(() -> reader[0].end()));
    assertThat(source.emittedChunks).isZero();
  }
}
