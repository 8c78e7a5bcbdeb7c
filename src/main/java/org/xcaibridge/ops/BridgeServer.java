package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's HTTP front: the probes ({@code /health}, {@code /health/live}, {@code /health/ready}) and
 * {@code /metrics} for now; the DICOMweb routes arrive with the bridge itself (issue 6) and mount on the same
 * router behind the request gate and the metrics handler:
 * {@code router.route().order(-1).handler(ops.metrics.httpHandler("dicomweb"))}.
 */
final class BridgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);

  private BridgeServer() {}

  /** With the default lifecycle settings (tests that need only the front). */
  static Future<HttpServer> start(Vertx vertx, FrontConfig front) {
    return OpsRuntime.start(vertx, LifecycleConfig.DEFAULT, LoggingConfig.DEFAULT).compose(ops -> start(vertx, front, ops));
  }

  static Future<HttpServer> start(Vertx vertx, FrontConfig front, OpsRuntime ops) {
    Router router = Router.router(vertx);
    ops.guard(router, "dicomweb");
    router.route().order(-1).handler(ops.metrics.httpHandler("dicomweb"));
    ops.mountProbes(router);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(front.port(), front.host())
        .onSuccess(s -> LOG.info("bridge front listening on http://{}:{}/ (probes: {}, {}, {}; metrics: {})",
            Launcher.urlHost(front.host()), s.actualPort(), OpsRuntime.HEALTH_PATH, OpsRuntime.LIVE_PATH,
            OpsRuntime.READY_PATH, OpsRuntime.METRICS_PATH));
  }
}
