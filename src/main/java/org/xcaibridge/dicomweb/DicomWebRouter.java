package org.xcaibridge.dicomweb;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Set;

/**
 * A Vert.x Web router for the DICOMweb front with CORS and the error table in place: every answer —
 * successes, errors, unmatched paths and OPTIONS preflights — carries the CORS headers for an allowed
 * origin (issue 6, point 5). Resource routes are added by the caller after creation.
 */
public final class DicomWebRouter {
  /** Request headers a viewer sends: Accept for negotiation, Authorization for tokens, Range for bulk data. */
  static final Set<String> ALLOWED_HEADERS = Set.of("Accept", "Authorization", "Content-Type", "Range");
  /** Response headers a viewer's script must be able to read (WWW-Authenticate: why its token was refused). */
  static final Set<String> EXPOSED_HEADERS = Set.of("Content-Location", "Warning", "ETag", "Content-Range",
      "Content-Length", "Content-Type", "WWW-Authenticate");

  private DicomWebRouter() {}

  public static Router create(Vertx vertx, CorsSettings cors) {
    Router router = Router.router(vertx);
    if (!cors.allowedOrigins().isEmpty()) { // no origins configured: same-origin only, no CORS headers at all
      router.route().handler(cors(cors));
    }
    router.route().failureHandler(DicomWebErrors::handle);
    for (int status : new int[] {400, 403, 404, 405, 406, 413, 500, 501}) {
      router.errorHandler(status, DicomWebErrors::handle);
    }
    return router;
  }

  static CorsHandler cors(CorsSettings settings) {
    CorsHandler h = CorsHandler.create();
    if (!settings.anyOrigin()) {
      h.addOrigins(settings.allowedOrigins());
    }
    return h.allowedMethods(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS))
        .allowedHeaders(ALLOWED_HEADERS)
        .exposedHeaders(EXPOSED_HEADERS)
        .allowCredentials(settings.allowCredentials())
        .maxAgeSeconds((int) settings.maxAge().toSeconds());
  }
}
