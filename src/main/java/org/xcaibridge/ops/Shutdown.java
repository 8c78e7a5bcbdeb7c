package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The way out: SIGTERM (what Kubernetes and {@code docker stop} send) and SIGINT start a drain — readiness fails,
 * new requests are refused, requests in flight get {@code shutdown.grace} to finish — then everything is closed
 * (the cache's index included) and the process exits with 0: the stop was asked for, and done. Without our own
 * handler the JVM would run its shutdown hooks and exit with 143. Other exits ({@code System.exit}, the last
 * thread ending) still close through the shutdown hook; whichever comes first does the work once.
 */
final class Shutdown {
  private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);
  /** On top of the grace period: closing servers, the cache and Vert.x. */
  private static final Duration CLOSE_TIME = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Launcher.Running running;
  private final Duration grace;
  private final AtomicBoolean started = new AtomicBoolean();

  private Shutdown(Vertx vertx, Launcher.Running running, Duration grace) {
    this.vertx = vertx;
    this.running = running;
    this.grace = grace;
  }

  static void install(Vertx vertx, Launcher.Running running) {
    Shutdown s = new Shutdown(vertx, running, running.config.lifecycle().shutdownGrace());
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), sig -> s.onSignal(sig.getName()));
      } catch (IllegalArgumentException e) {
        LOG.warn("cannot handle SIG{} here ({}); it will stop the process without draining", name, e.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(new Thread(s::drainAndWait, "xcai-shutdown-hook"));
  }

  private void onSignal(String name) {
    // a thread of its own: the signal dispatcher must not wait, and System.exit runs the hook, which returns at once
    Thread t = new Thread(() -> {
      LOG.info("SIG{} received: draining for up to {}", name, DurationSetting.format(grace));
      drainAndWait();
      System.exit(0);
    }, "xcai-drain");
    t.start();
  }

  /** Drains and closes once; later calls return at once. */
  private void drainAndWait() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    try {
      Future<Boolean> done = running.drain(grace).eventually(() -> vertx.close());
      done.toCompletionStage().toCompletableFuture().get(grace.plus(CLOSE_TIME).toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("stopped");
    } catch (Exception e) {
      LOG.warn("shutdown did not complete cleanly: {}", e.toString());
    }
  }
}
