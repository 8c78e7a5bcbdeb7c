package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@link MtomStreamReader} over a plain SOAP body with inline base64 documents: each document is its own
 * stream, with back-pressure to the source, and the envelope comes last; a body cut inside a document (the
 * connection fails, or the body ends) or malformed there fails that document's stream, then the root and the
 * end, and nothing follows.
 */
class InlineBase64StreamReaderTest {
  private static final List<byte[]> DOCS = List.of(InlineBase64Bodies.random(200_000, 21),
      InlineBase64Bodies.random(300_000, 22));
  private static final byte[] BODY = InlineBase64Bodies.envelope(DOCS, InlineBase64Bodies::mimeLines)
      .getBytes(StandardCharsets.UTF_8);
  private static final MtomLimits LIMITS = new MtomLimits(8 << 10, 10, 1024, 1 << 20);
  private final MtomVertxSupport vx = new MtomVertxSupport();

  @AfterEach
  void close() throws Exception {
    vx.close();
  }

  private MtomStreamReader read(ReadStream<Buffer> source, List<String> log) throws Exception {
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> {
      reader[0] = MtomStreamReader.read(source, InlineBase64Bodies.CONTENT_TYPE, LIMITS,
          Set.of(InlineBase64Bodies.DOCUMENT), a -> {
            log.add("start " + a.contentId());
            MessageDigest sha = MtomTestStreams.newSha256();
            long[] n = {0};
            a.body().handler(b -> {
              n[0] += b.length();
              sha.update(b.getBytes());
            });
            a.body().endHandler(v -> log.add("end " + a.contentId() + " " + n[0] + " "
                + MtomTestStreams.hex(sha.digest())));
            a.body().exceptionHandler(t -> log.add("error " + a.contentId() + " " + n[0] + " "
                + t.getClass().getSimpleName()));
          });
      reader[0].root().onComplete(ar -> log.add("root " + (ar.succeeded() ? "ok" : "failed")));
    });
    return reader[0];
  }

  private static String sha(byte[] b) {
    return MtomTestStreams.hex(MtomTestStreams.newSha256().digest(b));
  }

  @Test
  void documentsStreamInOrderAndTheEnvelopeComesLast() throws Exception {
    List<String> log = new ArrayList<>();
    MtomStreamReader reader = read(new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(BODY, 4096, 1, 777)),
        log);
    vx.await(reader::end);
    assertThat(log).containsExactly("start inline-1@soap-body", "end inline-1@soap-body 200000 " + sha(DOCS.get(0)),
        "start inline-2@soap-body", "end inline-2@soap-body 300000 " + sha(DOCS.get(1)), "root ok");
    String root = vx.await(reader::root).toString(StandardCharsets.UTF_8);
    assertThat(root).contains("<xdsb:Document><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" "
        + "href=\"cid:inline-2@soap-body\"/></xdsb:Document>").hasSizeLessThan(4096);
  }

  @Test
  void aDocumentNobodyReadsYetHoldsTheSource() throws Exception {
    MtomTestStreams.Source source = new MtomTestStreams.Source(vx.context, MtomTestStreams.bytes(BODY, 4096));
    List<ReadStream<Buffer>> kept = new ArrayList<>();
    MtomStreamReader[] reader = new MtomStreamReader[1];
    vx.run(() -> reader[0] = MtomStreamReader.read(source, InlineBase64Bodies.CONTENT_TYPE, LIMITS,
        Set.of(InlineBase64Bodies.DOCUMENT), a -> kept.add(a.body())));
    vx.until(() -> !kept.isEmpty() && source.isPaused());
    vx.turns(20);
    long held = source.emittedBytes;
    assertThat(held).isLessThan(16 * 1024);
    long[] n = {0};
    vx.run(() -> kept.get(0).handler(b -> n[0] += b.length()));
    vx.until(() -> kept.size() == 2 && source.isPaused());
    assertThat(n[0]).isEqualTo(200_000);
    vx.run(() -> kept.get(1).handler(b -> n[0] += b.length()));
    vx.await(() -> reader[0].end());
    assertThat(n[0]).isEqualTo(500_000);
  }

  private static byte[] upToMiddleOfSecondDocument() {
    String s = new String(BODY, StandardCharsets.ISO_8859_1);
    int second = s.indexOf("<xdsb:Document>", s.indexOf("<xdsb:Document>") + 1) + 15;
    return Arrays.copyOf(BODY, second + 100_000);
  }


  private Throwable failure(MtomTestStreams.Producer producer, List<String> log) throws Exception {
    MtomStreamReader reader = read(new MtomTestStreams.Source(vx.context, producer), log);
    ExecutionException e = Assertions.assertThrows(ExecutionException.class, () -> vx.await(reader::end));
    int before = log.size();
    vx.turns(20);
    assertThat(log).hasSize(before);
    return e.getCause();
  }

  @Test
  void connectionFailureInsideADocumentFailsThatDocument() throws Exception {
    List<String> log = new ArrayList<>();
    IOException reset = new IOException("connection reset");
    Throwable t = failure(MtomTestStreams.cutAfter(upToMiddleOfSecondDocument(), reset), log);
    assertThat(log).hasSize(5).startsWith("start inline-1@soap-body").contains("start inline-2@soap-body")
        .endsWith("root failed");
    assertThat(log.get(3)).startsWith("error inline-2@soap-body ").endsWith(" MultipartTruncatedException");
    assertThat(t).isInstanceOfSatisfying(MultipartTruncatedException.class, e -> {
      assertThat(e.partIndex()).isEqualTo(2);
      assertThat(e.contentId()).isEqualTo("inline-2@soap-body");
      assertThat(e.partBytes()).isBetween(70_000L, 75_000L);
    }).hasCause(reset);
  }

  @Test
  void bodyEndingInsideADocumentFailsThatDocument() throws Exception {
    List<String> log = new ArrayList<>();
    Throwable t = failure(MtomTestStreams.cutAfter(upToMiddleOfSecondDocument(), null), log);
    assertThat(log.get(3)).startsWith("error inline-2@soap-body ").endsWith(" MultipartTruncatedException");
    assertThat(t).isInstanceOfSatisfying(MultipartTruncatedException.class,
        e -> assertThat(e.contentId()).isEqualTo("inline-2@soap-body"));
  }

  @Test
  void malformedBase64FailsThatDocumentNamingIt() throws Exception {
    byte[] bad = BODY.clone();
    int at = upToMiddleOfSecondDocument().length;
    bad[at] = '%';
    List<String> log = new ArrayList<>();
    Throwable t = failure(MtomTestStreams.bytes(bad, 4096), log);
    assertThat(log.get(3)).startsWith("error inline-2@soap-body ").endsWith(" InlineBase64Exception");
    assertThat(t).isInstanceOfSatisfying(InlineBase64Exception.class, e -> {
      assertThat(e.contentId()).isEqualTo("inline-2@soap-body");
      assertThat(e.offset()).isEqualTo(at);
    });
    assertThat(FaultAnswer.of(t).httpStatus()).isEqualTo(400);
  }
}
