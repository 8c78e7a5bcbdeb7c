package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code /health/live} and {@code /health/ready}. Live: every event loop runs a task within the bound. Ready: every
 * readiness check passes — the configuration was valid (else the process would not be running), the TLS stores
 * are loaded and not about to expire, the cache directory takes a write, the audit spool has room — and the
 * process is not draining. A remote community being down is deliberately not a check: the pod cannot fix that,
 * and taking every replica out of service for it would turn one community's outage into ours.
 *
 * <p>Each answer is JSON ({@code {"status":"UP"|"DOWN","checks":[{"name","status","detail"}]}}), 200 or 503.
 */
final class Health {
  /** One check's result; {@code detail} says what was found, in words a person can act on. */
  record Check(String name, boolean up, String detail) {
    static Check up(String name, String detail) {
      return new Check(name, true, detail);
    }

    static Check down(String name, String detail) {
      return new Check(name, false, detail);
    }

    JsonObject json() {
      return new JsonObject().put("name", name).put("status", up ? "UP" : "DOWN").put("detail", detail);
    }
  }

  /** A readiness check: asynchronous (blocking work goes to a worker), bounded by {@link #bound}. */
  interface ReadinessCheck {
    String name();

    Future<Check> check();
  }

  private final EventLoopProbe loops;
  private final Duration bound;
  private final List<ReadinessCheck> checks = new ArrayList<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean lastReady;

  Health(EventLoopProbe loops, Duration bound) {
    this.loops = loops;
    this.bound = bound;
  }

  Health add(ReadinessCheck check) {
    checks.add(check);
    return this;
  }

  Health add(String name, Supplier<Check> check) {
    return add(new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<Check> check() {
        return Future.succeededFuture(check.get());
      }
    });
  }

  /** From now on readiness fails: the first step of a graceful shutdown. */
  void startDraining() {
    draining.set(true);
    lastReady = false;
  }

  boolean draining() {
    return draining.get();
  }

  /** What the last readiness answer was (for the {@code xcai_ready} gauge); false before the first. */
  boolean lastReady() {
    return lastReady && !draining.get();
  }

  Future<List<Check>> live() {
    return loops.ping().transform(ar -> Future.succeededFuture(List.of(ar.succeeded()
        ? Check.up("eventLoops", loops.loops() + " event loops ran a task within " + bound.toMillis() + " ms")
        : Check.down("eventLoops", ar.cause().getMessage()))));
  }

  Future<List<Check>> ready() {
    List<Future<Check>> running = new ArrayList<>();
    running.add(Future.succeededFuture(draining.get()
        ? Check.down("draining", "shutting down: in-flight requests finish, no new ones are taken")
        : Check.up("draining", "not shutting down")));
    for (ReadinessCheck c : checks) {
      Future<Check> f;
      try {
        f = c.check();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      running.add(f.timeout(bound.toMillis(), TimeUnit.MILLISECONDS)
          .recover(e -> Future.succeededFuture(Check.down(c.name(), "check failed: " + e.getMessage()))));
    }
    return Future.join(running).map(cf -> {
      List<Check> out = new ArrayList<>();
      running.forEach(f -> out.add(f.result()));
      lastReady = out.stream().allMatch(Check::up);
      return out;
    });
  }

  Handler<RoutingContext> liveHandler() {
    return ctx -> live().onComplete(ar -> answer(ctx, ar.result()));
  }

  Handler<RoutingContext> readyHandler() {
    return ctx -> ready().onComplete(ar -> answer(ctx, ar.result()));
  }

  private static void answer(RoutingContext ctx, List<Check> checks) {
    boolean up = checks.stream().allMatch(Check::up);
    JsonArray list = new JsonArray();
    checks.forEach(c -> list.add(c.json()));
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", list).encode());
  }
}
