package org.xcaibridge.soap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A Vert.x instance with one context for stream tests, and ways to wait on it with a bound. */
final class MtomVertxSupport implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();

  /** Runs {@code action} on the context and waits for its future. */
  <T> T await(Supplier<Future<T>> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(120, TimeUnit.SECONDS);
  }

  /** Runs {@code action} on the context and waits until it has run. */
  void run(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(10, TimeUnit.SECONDS);
  }

  /** Lets the context take {@code n} turns (each queued behind whatever is queued already). */
  void turns(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      run(() -> {});
    }
  }

  /** Waits until {@code condition} (checked on the context) holds, for at most 30 s. */
  void until(BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      boolean[] ok = new boolean[1];
      run(() -> ok[0] = condition.getAsBoolean());
      if (ok[0]) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 30 s");
      }
      Thread.onSpinWait();
    }
  }

  /** An MTOM body: a root part, then one part per attachment with Content-ID {@code a<i>@x}. */
  static byte[] mtomBody(String envelope, byte[]... attachments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--b\r\nContent-Type: application/xop+xml; type=\"application/soap+xml\"\r\n"
        + "Content-ID: <root@x>\r\n\r\n" + envelope).getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < attachments.length; i++) {
      out.writeBytes(("\r\n--b\r\nContent-Type: application/dicom\r\nContent-Transfer-Encoding: binary\r\n"
          + "Content-ID: <a" + i + "@x>\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(attachments[i]);
    }
    out.writeBytes("\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static final String CONTENT_TYPE =
      "multipart/related; type=\"application/xop+xml\"; boundary=b; start=\"<root@x>\"; start-info=\"application/soap+xml\"";

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
