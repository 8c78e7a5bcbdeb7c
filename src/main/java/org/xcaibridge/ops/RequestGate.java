package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The door every served request passes first (front and responder): counts requests in flight, and once the
 * process drains, refuses new ones with 503 and {@code Connection: close} — except the probes, which must keep
 * answering so that the kubelet sees readiness fail. {@link #idle} completes when the last request in flight
 * has ended, for the shutdown to wait on.
 */
final class RequestGate implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final BooleanSupplier draining;
  private final Predicate<String> alwaysServed;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile Promise<Void> idle;

  /**
   * @param alwaysServed paths still answered while draining (the health and metrics routes)
   */
  RequestGate(Vertx vertx, BooleanSupplier draining, Predicate<String> alwaysServed) {
    this.vertx = vertx;
    this.draining = draining;
    this.alwaysServed = alwaysServed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (alwaysServed.test(ctx.normalizedPath())) {
      ctx.next();
      return;
    }
    if (draining.getAsBoolean()) {
      ctx.response().setStatusCode(503).putHeader("Connection", "close").putHeader("Retry-After", "1")
          .putHeader("Content-Type", "text/plain; charset=UTF-8")
          .end("shutting down: this instance takes no new requests, try another\n");
      return;
    }
    inFlight.incrementAndGet();
    ctx.addEndHandler(ar -> {
      if (inFlight.decrementAndGet() == 0 && idle != null) {
        idle.tryComplete();
      }
    });
    ctx.next();
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * Completes with true when no request is in flight any more, or with false when {@code grace} passed first
   * (the caller then closes the servers, cutting what is left).
   */
  Future<Boolean> idle(Duration grace) {
    Promise<Void> p = Promise.promise();
    idle = p;
    if (inFlight.get() == 0) {
      p.tryComplete();
    }
    long timer = vertx.setTimer(Math.max(1, grace.toMillis()), t -> p.tryFail("grace period over"));
    return p.future().transform(ar -> {
      vertx.cancelTimer(timer);
      return Future.succeededFuture(ar.succeeded());
    });
  }
}
