package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicomweb.CorsSettings;
import org.xcaibridge.dicomweb.DicomWebFront;
import org.xcaibridge.dicomweb.DicomWebSettings;
import org.xcaibridge.dicomweb.FrontDoor;
import org.xcaibridge.trust.FrontDoorBinding;
import org.xcaibridge.studies.StudyService;

/**
 * The bridge's HTTP front: the DICOMweb resources under the configured base path ({@link DicomWebFront}), the
 * probes ({@code /health}, {@code /health/live}, {@code /health/ready}) and {@code /metrics}, all behind the request
 * gate and the metrics handler. The URLs DICOMweb answers carry (RetrieveURL, BulkDataURI, Content-Location) are
 * absolute, made from the host and the port actually bound, so the router is made once the server listens.
 */
final class BridgeServer {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);

  private BridgeServer() {}

  /** Probes only, with the default lifecycle settings (tests that need only the front). */
  static Future<HttpServer> start(Vertx vertx, FrontConfig front) {
    return OpsRuntime.start(vertx, LifecycleConfig.DEFAULT, LoggingConfig.DEFAULT).compose(ops -> start(vertx, front, ops));
  }

  /** Probes only. */
  static Future<HttpServer> start(Vertx vertx, FrontConfig front, OpsRuntime ops) {
    return start(vertx, front, ops, null);
  }

  /** The DICOMweb front over {@code studies} (null: probes only), open to whoever reaches it (loopback only). */
  static Future<HttpServer> start(Vertx vertx, FrontConfig front, OpsRuntime ops, StudyService studies) {
    return start(vertx, front, ops, studies, null);
  }

  /**
   * The same behind {@code door} (null: no token validation, so the front listens on loopback only, whatever host was
   * configured — issue 7 point 4). The probes and {@code /metrics} ask for no token: the kubelet and Prometheus
   * have none.
   */
  static Future<HttpServer> start(Vertx vertx, FrontConfig configured, OpsRuntime ops, StudyService studies,
      FrontDoor door) {
    FrontDoorBinding binding = FrontDoorBinding.decide(configured.host(), door != null);
    if (binding.host().equals(configured.host())) {
      LOG.info(binding.message());
    } else {
      LOG.warn(binding.message());
    }
    FrontConfig front = bound(configured, door != null);
    AtomicReference<Router> router = new AtomicReference<>();
    // HTTP/1.1 only, no h2c upgrade: browsers never speak h2c, and the JDK client's h2c upgrade against this front
    // was seen to stall now and then right after start (the request unanswered, the server idle, curl answered)
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
        .requestHandler(req -> {
          Router r = router.get();
          if (r == null) {
            req.response().setStatusCode(503).end(); // listening, but not yet routing: a moment after start only
          } else {
            r.handle(req);
          }
        })
        .listen(front.port(), front.host())
        .map(s -> {
          DicomWebSettings settings = DicomWebSettings.of(publicBaseUrl(front, s.actualPort()),
              new CorsSettings(front.corsOrigins(), false, Duration.ofMinutes(10)));
          Router r = studies == null ? Router.router(vertx)
              : DicomWebFront.create(vertx, studies, settings, door == null ? FrontDoor.open() : door);
          ops.guard(r, "dicomweb");
          r.route().order(-1).handler(ops.metrics.httpHandler("dicomweb", r));
          ops.mountProbes(r);
          router.set(r);
          LOG.info("bridge front listening on http://{}:{}/ ({}probes: {}, {}, {}; metrics: {})",
              Launcher.urlHost(front.host()), s.actualPort(), studies == null ? ""
                  : "DICOMweb: " + settings.publicBaseUrl() + "; ", OpsRuntime.HEALTH_PATH, OpsRuntime.LIVE_PATH,
              OpsRuntime.READY_PATH, OpsRuntime.METRICS_PATH);
          return s;
        });
  }

  /** The front as it listens: on the configured host, or on loopback when no token is asked for. */
  static FrontConfig bound(FrontConfig configured, boolean tokens) {
    String host = FrontDoorBinding.decide(configured.host(), tokens).host();
    return host.equals(configured.host()) ? configured
        : new FrontConfig(host, configured.port(), configured.basePath(), configured.corsOrigins());
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
