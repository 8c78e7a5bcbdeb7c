package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import org.xcaibridge.studies.Requester;

/**
 * Who may use the DICOMweb routes, and in whose name (issue 7 point 4): asked once per request, after CORS and
 * before any route, so a refusal still carries the CORS headers and no community is asked. OPTIONS requests (CORS
 * preflights, which browsers send without credentials) are not asked. The bridge's token check lives in
 * {@code ops}; this package knows only its answer.
 */
@FunctionalInterface
public interface FrontDoor {
  /**
   * Who asks. A refusal is a failed future holding a {@link DicomWebException.Unauthenticated} (answered with its
   * status and {@code WWW-Authenticate} challenge) or a {@link DicomWebException.Unavailable} (the keys cannot be
   * checked now); any other failure is a 500.
   */
  Future<Requester> admit(HttpServerRequest request);

  /** Everyone, in the bridge's own name: for a front reachable from this machine only. */
  static FrontDoor open() {
    return request -> Future.succeededFuture(Requester.service());
  }
}
