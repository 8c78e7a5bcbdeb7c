package org.xcaibridge.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Test helpers: wait for a future or a condition with a bound, drain a stream. */
final class Await {
  private Await() {}

  static <T> T result(Future<T> f) {
    return result(f, 60);
  }

  static <T> T result(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete in " + seconds + " s", e);
    }
  }

  /** The failure of a future that must fail. */
  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("future did not complete in 60 s", e);
    }
    throw new AssertionError("future succeeded but should have failed");
  }

  static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Reads a stream to its end into memory (small instances only). */
  static Future<byte[]> bytes(ReadStream<Buffer> s) {
    Promise<byte[]> p = Promise.promise();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.exceptionHandler(p::tryFail);
    s.endHandler(v -> p.tryComplete(out.toByteArray()));
    s.handler(b -> out.writeBytes(b.getBytes()));
    return p.future();
  }

  /** Hashes a stream to its end, chunk by chunk. */
  static Future<String> sha256(ReadStream<Buffer> s) {
    Promise<String> p = Promise.promise();
    MessageDigest d = Synthetic.sha();
    s.exceptionHandler(p::tryFail);
    s.endHandler(v -> p.tryComplete(HexFormat.of().formatHex(d.digest())));
    s.handler(b -> d.update(b.getBytes()));
    return p.future();
  }
}
