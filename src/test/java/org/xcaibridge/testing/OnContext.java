package org.xcaibridge.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a chain of Vert.x futures (an HTTP client's request → send → body, say) on a context of its own and waits for
 * its result. Built from a test thread instead, each step of such a chain may run on another event loop than the
 * connection's, so the body can be asked for after the answer has already ended there, and the test then waits
 * for ever (it happened once in the full suite). Failures come out as {@link java.util.concurrent.ExecutionException}
 * with the chain's failure as the cause, as from {@code toCompletableFuture().get}.
 */
public final class OnContext {
  private OnContext() {}

  public static <T> T await(Vertx vertx, Supplier<Future<T>> chain, Duration timeout) throws Exception {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      Future<T> f;
      try {
        f = chain.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(result);
    });
    return result.future().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
