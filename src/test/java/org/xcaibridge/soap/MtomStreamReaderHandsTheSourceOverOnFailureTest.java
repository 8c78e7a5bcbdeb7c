package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the body breaks a limit, the reader pauses its source before it reports the failure, so whoever hears
 * of the failure may take the source over — here, drain the rest of the body to its end, as an HTTP responder
 * does to answer with a fault on a connection it keeps — and the reader does not pause it again afterwards.
 */
class MtomStreamReaderHandsTheSourceOverOnFailureTest {
  private final MtomVertxSupport vx = new MtomVertxSupport();

  @AfterEach
  void close() throws Exception {
    vx.close();
  }

  @Test
  void failureHandlerDrainsTheRestOfTheBody() throws Exception {
    byte[][] parts = new byte[50][];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = ("part " + i).getBytes(StandardCharsets.US_ASCII);
    }
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", parts);
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(body, 64));
    MtomLimits tenParts = new MtomLimits(1 << 20, 10, 1024, 1 << 20);
    long[] drained = {0};
    boolean[] pausedWhenTold = {false};
    vx.run(() -> MtomStreamReader.read(source, MtomVertxSupport.CONTENT_TYPE, tenParts,
        a -> a.body().handler(b -> { })).end().onFailure(e -> {
          pausedWhenTold[0] = source.isPaused();
          source.handler(b -> drained[0] += b.length());
          source.resume();
        }));

    vx.until(source::isDone);

    assertThat(pausedWhenTold[0]).isTrue();
    assertThat(drained[0]).isPositive();
    assertThat(source.emittedBytes).isEqualTo(body.length);
  }

  @Test
  void recoveryAWellFormedBodyStillReads() throws Exception {
    byte[] body = MtomVertxSupport.mtomBody("<Envelope/>", "a".getBytes(StandardCharsets.US_ASCII));
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(body, 7));
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, MtomVertxSupport.CONTENT_TYPE, MtomLimits.DEFAULT,
        a -> a.body().handler(b -> { })));
    vx.await(() -> reader[0].end());
    String root = vx.await(() -> reader[0].root().map(Buffer::toString));
    assertThat(root).isEqualTo("<Envelope/>");
  }
}
