package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicomweb.CorsSettings;
import org.xcaibridge.dicomweb.DicomWebFront;
import org.xcaibridge.dicomweb.DicomWebSettings;
import org.xcaibridge.studies.StudyService;

/**
 * The bridge's HTTP front: the DICOMweb resources under the configured base path ({@link DicomWebFront}) and
 * {@code /health}. The URLs the answers carry (RetrieveURL, BulkDataURI, Content-Location) are absolute, made from
 * the host and the port actually bound, so the router is made once the server listens.
 */
final class BridgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);

  private BridgeServer() {}

  static Future<HttpServer> start(Vertx vertx, FrontConfig front, StudyService studies) {
    AtomicReference<Router> router = new AtomicReference<>();
    return vertx.createHttpServer()
        .requestHandler(req -> router.get().handle(req))
        .listen(front.port(), front.host())
        .map(s -> {
          DicomWebSettings settings = DicomWebSettings.of(publicBaseUrl(front, s.actualPort()),
              new CorsSettings(front.corsOrigins(), false, Duration.ofMinutes(10)));
          Router r = DicomWebFront.create(vertx, studies, settings);
          r.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
              .end("{\"status\":\"UP\"}"));
          router.set(r);
          LOG.info("bridge front listening on http://{}:{}/ (DICOMweb: {}, health: /health)",
              Launcher.urlHost(front.host()), s.actualPort(), settings.publicBaseUrl());
          return s;
        });
  }

  /** How a viewer on this machine reaches the front: a wildcard bind address is reached on loopback. */
  static String publicBaseUrl(FrontConfig front, int port) {
    String host = front.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    return "http://" + Launcher.urlHost(host) + ":" + port + front.basePath();
  }
}
