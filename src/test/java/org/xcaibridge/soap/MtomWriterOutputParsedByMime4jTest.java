package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link MtomWriter} produces is read by Apache James mime4j as the root envelope and the attachments,
 * byte for byte, with the MTOM headers; its Content-Type carries type, start, start-info and action; a slow
 * output gets back-pressure; a failing attachment fails the write and leaves the output open.
 */
class MtomWriterOutputParsedByMime4jTest {
  private static final String ACTION = "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSetResponse";

  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private <T> T onContext(Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(60, TimeUnit.SECONDS);
  }

  /** Collects what is written, optionally reporting a full queue after every few writes. */
  private static final class Collector extends MtomTestStreams.HashingSink {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean ended;

    Collector(Context context, int slowEvery) {
      super(context, slowEvery);
    }

    @Override
    public Future<Void> write(Buffer data) {
      out.writeBytes(data.getBytes());
      return super.write(data);
    }

    @Override
    public Future<Void> end() {
      ended = true;
      return super.end();
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void mime4jReadsRootAndAttachmentsWithTheirHeaders() throws Exception {
    MtomWriter writer = MtomWriter.create(ACTION, new SplittableRandom(42));
    byte[] dicom = random(1 << 20, 1);
    byte[] tricky = "line\r\n--MIMEBoundary_\r\n\r\n--\r\n".getBytes(StandardCharsets.US_ASCII);
    String envelope = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><Document>"
        + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\""
        + MtomWriter.hrefOf("1.2.3/4@x") + "\"/></Document></s:Body></s:Envelope>";
    Collector sink = new Collector(context, 3);
    onContext(() -> writer.write(Buffer.buffer(envelope), List.of(
        new MtomAttachment("1.2.3/4@x", "application/dicom",
            new MtomTestStreams.Source(context, MtomTestStreams.bytes(dicom, 8192, 100, 65536))),
        new MtomAttachment("empty@x", null, new MtomTestStreams.Source(context, MtomTestStreams.bytes(new byte[0], 1))),
        new MtomAttachment("tricky@x", "text/plain", new MtomTestStreams.Source(context, MtomTestStreams.bytes(tricky, 3)))),
        sink).map(v -> null));
    assertThat(sink.ended).isTrue();
    assertThat(sink.writesWhileFull).isZero();

    List<MimeOracle.Part> parts = MimeOracle.parse(writer.contentType(), sink.out.toByteArray());
    assertThat(parts).hasSize(4);
    assertThat(parts.get(0).headers()).containsEntry("content-type",
            "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"; action=\"" + ACTION + "\"")
        .containsEntry("content-transfer-encoding", "binary")
        .containsEntry("content-id", "<" + writer.rootContentId() + ">");
    assertThat(new String(parts.get(0).body(), StandardCharsets.UTF_8)).isEqualTo(envelope);
    assertThat(parts.get(1).headers()).containsEntry("content-type", "application/dicom")
        .containsEntry("content-transfer-encoding", "binary").containsEntry("content-id", "<1.2.3/4@x>");
    assertThat(parts.get(1).body()).isEqualTo(dicom);
    assertThat(parts.get(2).headers()).containsEntry("content-type", "application/octet-stream");
    assertThat(parts.get(2).body()).isEmpty();
    assertThat(parts.get(3).body()).isEqualTo(tricky);

    MultipartContentType ct = MultipartContentType.parse(writer.contentType());
    assertThat(ct.mediaType()).isEqualTo("multipart/related");
    assertThat(ct.parameter("type")).isEqualTo("application/xop+xml");
    assertThat(ct.parameter("start")).isEqualTo("<" + writer.rootContentId() + ">");
    assertThat(ct.parameter("start-info")).isEqualTo("application/soap+xml");
    assertThat(ct.parameter("action")).isEqualTo(ACTION);
    assertThat(ct.boundary()).isEqualTo(writer.boundary());
  }

  @Test
  void boundaryComesFromTheRandomSourceGiven() {
    assertThat(MtomWriter.create(null, new SplittableRandom(7)).boundary())
        .isEqualTo(MtomWriter.create(null, new SplittableRandom(7)).boundary())
        .isNotEqualTo(MtomWriter.create(null, new SplittableRandom(8)).boundary())
        .matches("MIMEBoundary_[0-9a-f]{32}");
    assertThat(MtomWriter.create(null, new SplittableRandom(7)).contentType()).doesNotContain("action");
  }

  @Test
  void failingAttachmentFailsTheWriteAndLeavesTheOutputOpen() {
    MtomWriter writer = MtomWriter.create(ACTION, new SplittableRandom(1));
    Collector sink = new Collector(context, 0);
    MtomTestStreams.Producer failing = new MtomTestStreams.Producer() {
      int calls;

      @Override
      public Buffer next() throws IOException {
        if (calls++ < 3) {
          return Buffer.buffer("abc");
        }
        throw new IOException("disk gone");
      }
    };
    MtomTestStreams.Source never = new MtomTestStreams.Source(context, MtomTestStreams.bytes(new byte[10], 1));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> onContext(() -> writer.write(Buffer.buffer("<e/>"), List.of(
            new MtomAttachment("a@x", "application/dicom", new MtomTestStreams.Source(context, failing)),
            new MtomAttachment("b@x", "application/dicom", never)), sink)));
    assertThat(e.getCause()).isInstanceOf(IOException.class).hasMessage("disk gone");
    assertThat(sink.ended).isFalse();
    assertThat(never.emittedChunks).isZero();
    assertThat(never.isPaused()).isTrue();
    assertThat(sink.out.toString(StandardCharsets.ISO_8859_1)).endsWith("abcabcabc").doesNotContain("b@x");
  }
}
