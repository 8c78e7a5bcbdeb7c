package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's HTTP front. For now it serves {@code /health} only: the DICOMweb routes arrive with the
 * bridge itself (issue 6), and are not faked here.
 */
final class BridgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);

  private BridgeServer() {}

  static Future<HttpServer> start(Vertx vertx, FrontConfig front) {
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json")
        .end("{\"status\":\"UP\"}"));
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(front.port(), front.host())
        .onSuccess(s -> LOG.info("bridge front listening on http://{}:{}/ (health: /health)",
            Launcher.urlHost(front.host()), s.actualPort()));
  }
}
