package org.xcaibridge.dicomweb;

import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.Random;
import org.xcaibridge.studies.StudyService;

/**
 * HEAD on the WADO-RS retrieve and metadata resources (RFC 9110 §9.3.2: the status and header fields GET would
 * give, no content), answered from the study's manifest alone — cached, or fetched with ITI-39 — so that a HEAD
 * never starts a RAD-75 retrieval: unknown study, series or instance 404, an Accept nothing can meet 406, else 200
 * with the Content-Type GET would send (for a multipart answer a boundary of its own: GET draws a new one too).
 *
 * <p>What only the content can tell is left out, as RFC 9110 §9.3.2 allows: Content-Length and ETag (the metadata
 * JSON is built from the instances' headers, which may not be cached yet), and a 406 that depends on how the
 * instances are stored (a compressed instance asked for in Explicit VR Little Endian only): HEAD says 200 there,
 * GET 406. Vert.x sends neither Content-Length nor Transfer-Encoding for a HEAD that carries none.
 *
 * <p>Not answered here, and what their HEAD costs: a QIDO-RS search runs as for GET (its status, 200 or 204, and
 * its Warning depend on the rows; a series search opens the study, which starts its prefetch as GET does) and the
 * body is dropped ({@link Responses#end}). Frames and bulk data go through {@link WadoRetrievals}, because their
 * Content-Type names the stored transfer syntax and their 404 depends on the frame count or the element: the
 * instance is read from the cache, or retrieved with its series (one RAD-75, which then serves the GET from the
 * cache), and the answer stops once its headers are known — after the first frame, or once the element is found.
 */
final class HeadAnswers {
  private static final Random RANDOM = new SecureRandom();
  private final StudyService studies;

  HeadAnswers(StudyService studies) {
    this.studies = studies;
  }

  /** HEAD {@code /studies/{st}[/series/{se}[/instances/{sop}]]}. */
  void instances(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    WadoRetrievals.negotiate(ctx, WadoTarget.INSTANCES);
    String type = multipart("application/dicom", null);
    studies.lists(study, series, sop).onFailure(ctx::fail).onSuccess(v -> ok(ctx, type));
  }

  /** HEAD {@code …/metadata} at any level. */
  void metadata(RoutingContext ctx) {
    String study = Paths.uid(ctx, "study");
    String series = Paths.uid(ctx, "series");
    String sop = Paths.uid(ctx, "sop");
    String type = WadoRetrievals.negotiate(ctx, WadoTarget.METADATA).metadataMediaType();
    studies.lists(study, series, sop).onFailure(ctx::fail).onSuccess(v -> {
      ctx.response().putHeader("Vary", "Accept-Encoding");
      ok(ctx, type);
    });
  }

  /** A multipart Content-Type as GET would send it, with a boundary of its own. */
  static String multipart(String type, String transferSyntax) {
    return MultipartRelatedWriter.contentType(type, transferSyntax, MultipartRelatedWriter.newBoundary(RANDOM));
  }

  static void ok(RoutingContext ctx, String contentType) {
    if (!ctx.response().closed()) {
      ctx.response().setStatusCode(200).putHeader("Content-Type", contentType).end();
    }
  }
}
