package org.xcaibridge.ops;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Liveness by the only test that matters for an event-loop server: can each event loop still run a task? One
 * context is pinned to each loop (a verticle instance per loop, handed out round-robin as Vert.x does); a ping
 * runs a no-op on every one and fails when any does not answer within the bound — a loop stuck in blocking
 * code, a deadlock, a runaway parse.
 */
final class EventLoopProbe {
  private final Map<String, Context> byThread = new ConcurrentHashMap<>();
  private final Duration bound;

  private EventLoopProbe(Duration bound) {
    this.bound = bound;
  }

  /** Pins a context to each of the default number of event loops ({@link VertxOptions#DEFAULT_EVENT_LOOP_POOL_SIZE}). */
  static Future<EventLoopProbe> start(Vertx vertx, Duration bound) {
    EventLoopProbe probe = new EventLoopProbe(bound);
    return vertx.deployVerticle(() -> ctx -> {
      ctx.runOnContext(v -> probe.byThread.putIfAbsent(Thread.currentThread().getName(), ctx));
      return Future.succeededFuture();
    }, new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)).map(id -> probe);
  }

  /** Each loop's name and how long it took to run the no-op, or the failure naming the loops that did not. */
  Future<Map<String, Long>> ping() {
    Map<String, Long> took = new ConcurrentHashMap<>();
    List<Future<Void>> pings = new ArrayList<>();
    for (Map.Entry<String, Context> e : byThread.entrySet()) {
      Promise<Void> done = Promise.promise();
      long start = System.nanoTime();
      e.getValue().runOnContext(v -> {
        took.put(e.getKey(), (System.nanoTime() - start) / 1_000);
        done.tryComplete();
      });
      pings.add(done.future().timeout(bound.toMillis(), TimeUnit.MILLISECONDS)
          .recover(x -> Future.failedFuture(e.getKey() + " did not run a task within " + bound.toMillis() + " ms")));
    }
    return Future.join(pings).transform(ar -> {
      List<String> stuck = new ArrayList<>();
      pings.stream().filter(Future::failed).forEach(f -> stuck.add(f.cause().getMessage()));
      return stuck.isEmpty() ? Future.succeededFuture(Map.copyOf(took))
          : Future.failedFuture(String.join("; ", stuck));
    });
  }

  int loops() {
    return byThread.size();
  }
}
