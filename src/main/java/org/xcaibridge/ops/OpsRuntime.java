package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * What every served router shares for running in production: the metrics, the health checks, and the request
 * gate that counts requests in flight and turns new ones away while draining. {@link #mountProbes} puts the
 * probe and metrics routes on a router (the front's); {@link #guard} puts the gate in front of any router's own
 * routes. The embedded responder has a gate of its own ({@link #guardResponder}) that closes only when
 * {@link #closeResponder} is called: in the demo the front's requests in flight retrieve through that responder
 * (a study's next RAD-75 batch, its next series), so it must take them until the front has drained.
 */
final class OpsRuntime {
  static final String HEALTH_PATH = "/health";
  static final String LIVE_PATH = "/health/live";
  static final String READY_PATH = "/health/ready";
  static final String METRICS_PATH = "/metrics";
  /** Answered while draining too: the kubelet must see readiness fail, and Prometheus the drain. */
  static final Set<String> PROBE_PATHS = Set.of(HEALTH_PATH, LIVE_PATH, READY_PATH, METRICS_PATH);

  final BridgeMetrics metrics;
  final Health health;
  /** The front's (and any router guarded by {@link #guard}): refuses new requests from the start of a drain. */
  final RequestGate gate;
  /** The embedded responder's: refuses new requests once {@link #closeResponder} was called. */
  final RequestGate responderGate;
  private volatile boolean responderClosed;
  private final LoggingConfig logging;

  private OpsRuntime(Vertx vertx, BridgeMetrics metrics, Health health, LoggingConfig logging) {
    this.metrics = metrics;
    this.health = health;
    this.logging = logging;
    this.gate = new RequestGate(vertx, health::draining, PROBE_PATHS::contains);
    this.responderGate = new RequestGate(vertx, () -> responderClosed, PROBE_PATHS::contains);
    metrics.bindReadiness(health::lastReady);
  }

  static Future<OpsRuntime> start(Vertx vertx, LifecycleConfig lifecycle, LoggingConfig logging) {
    return EventLoopProbe.start(vertx, lifecycle.eventLoopTimeout()).map(probe -> new OpsRuntime(vertx,
        BridgeMetrics.create(), new Health(probe, lifecycle.eventLoopTimeout()), logging));
  }

  /** The request log (when on) and the gate, first of all routes; {@code channel} names the API in the log. */
  void guard(Router router, String channel) {
    if (logging.requests()) {
      router.route().order(-110).handler(new RequestLog(channel, logging.patientData()));
    }
    router.route().order(-100).handler(gate);
  }

  /** The request log (when on) and the responder's gate, first of all the responder's routes. */
  void guardResponder(Router router, String channel) {
    if (logging.requests()) {
      router.route().order(-110).handler(new RequestLog(channel, logging.patientData()));
    }
    router.route().order(-100).handler(responderGate);
  }

  /** From now on the embedded responder refuses new requests too (a drain, once the front is idle). */
  void closeResponder() {
    responderClosed = true;
  }

  /** {@code /health} (the process answers), {@code /health/live}, {@code /health/ready}, {@code /metrics}. */
  void mountProbes(Router router) {
    router.get(HEALTH_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end("{\"status\":\"UP\"}"));
    router.get(LIVE_PATH).handler(health.liveHandler());
    router.get(READY_PATH).handler(health.readyHandler());
    router.get(METRICS_PATH).handler(metrics.scrapeHandler());
  }
}
