package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's bytes, exactly (dicomweb.md §1.3: first line {@code --boundary}, CRLF before each
 * delimiter, closing delimiter last); a slow reader pauses the source instead of filling memory; and a
 * part that breaks its promise aborts without the closing delimiter.
 */
class MultipartWriterFramingAndBackPressureTest {
  private static final String B = "Boundary0123456789Boundary0123456789ABCD";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void framingIsExact() throws Exception {
    SlowWriteStream out = new SlowWriteStream(vertx, 1 << 20, 1 << 20);
    AtomicInteger aborts = new AtomicInteger();
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      MultipartRelatedWriter w = new MultipartRelatedWriter(out, B, aborts::incrementAndGet);
      Iterator<MultipartRelatedWriter.Part> parts = List.of(
          new MultipartRelatedWriter.Part("application/dicom", "/a", 5, source(ctx, "hello", -1)),
          new MultipartRelatedWriter.Part("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", null, -1,
              source(ctx, "x\r\n--y", -1))).iterator();
      w.writeAll(() -> Future.succeededFuture(parts.hasNext() ? parts.next() : null))
          .onComplete(ar -> done.complete(null));
      assertThat(w.contentType("application/dicom", null))
          .isEqualTo("multipart/related; type=\"application/dicom\"; boundary=" + B);
    });
    done.get(10, TimeUnit.SECONDS);
    assertThat(out.written.toString(StandardCharsets.ISO_8859_1)).isEqualTo("--" + B + "\r\n"
        + "Content-Type: application/dicom\r\nContent-Location: /a\r\nContent-Length: 5\r\n\r\nhello"
        + "\r\n--" + B + "\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1\r\n\r\n"
        + "x\r\n--y\r\n--" + B + "--\r\n");
    assertThat(out.ended).isTrue();
    assertThat(aborts).hasValue(0);
  }

  @Test
  void aSlowReaderPausesTheSource() throws Exception {
    SlowWriteStream out = new SlowWriteStream(vertx, 64 * 1024, 16 * 1024);
    Context ctx = vertx.getOrCreateContext();
    byte[] big = new byte[4 * 1024 * 1024];
    new Random(1).nextBytes(big);
    ChunkedSource src = new ChunkedSource(ctx, big, 8192, -1);
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.runOnContext(v -> new MultipartRelatedWriter(out, B, () -> { })
        .write(new MultipartRelatedWriter.Part("application/octet-stream", null, big.length, src))
        .onComplete(ar -> done.complete(null)));
    done.get(60, TimeUnit.SECONDS);
    assertThat(src.pauses).isPositive();
    assertThat(out.maxQueued).as("most bytes queued at once").isLessThanOrEqualTo(64 * 1024 + 8192 + 200);
    assertThat(out.written.length()).isGreaterThan(big.length);
  }

  @Test
  void aShortPartAbortsWithoutClosingDelimiter() throws Exception {
    SlowWriteStream out = new SlowWriteStream(vertx, 1 << 20, 1 << 20);
    AtomicInteger aborts = new AtomicInteger();
    Context ctx = vertx.getOrCreateContext();
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      MultipartRelatedWriter w = new MultipartRelatedWriter(out, B, aborts::incrementAndGet);
      Iterator<MultipartRelatedWriter.Part> parts = List.of(
          new MultipartRelatedWriter.Part("application/dicom", null, 10, source(ctx, "only7by", -1)),
          new MultipartRelatedWriter.Part("application/dicom", null, -1, source(ctx, "never", -1))).iterator();
      w.writeAll(() -> Future.succeededFuture(parts.hasNext() ? parts.next() : null))
          .onComplete(ar -> failed.complete(ar.cause()));
    });
    assertThat(failed.get(10, TimeUnit.SECONDS)).hasMessageContaining("declared 10 bytes but its source gave 7");
    assertThat(aborts).hasValue(1);
    assertThat(out.ended).isFalse();
    assertThat(out.written.toString(StandardCharsets.ISO_8859_1)).doesNotContain(B + "--").doesNotContain("never");
  }

  @Test
  void headerInjectionAndBadBoundariesAreRefused() {
    assertThatThrownBy(() -> new MultipartRelatedWriter.Part("application/dicom\r\nX-Evil: 1", null, -1,
        new ChunkedSource(vertx.getOrCreateContext(), new byte[0], 1, -1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultipartRelatedWriter(new SlowWriteStream(vertx, 1, 1), "has space", () -> { }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MultipartRelatedWriter.newBoundary(new Random(3))).hasSize(40).matches("[A-Za-z0-9]+");
  }

  private static ChunkedSource source(Context ctx, String s, long failAt) {
    return new ChunkedSource(ctx, s.getBytes(StandardCharsets.ISO_8859_1), 3, failAt);
  }
}
