package org.xcaibridge.dicomweb;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.xcaibridge.studies.StudyService;

/**
 * The DICOMweb front over the study core (issue 6 points 2, 4–6): a router with the QIDO-RS search resources
 * (PS3.18 §10.6) and the WADO-RS retrieve resources (§10.4) under {@link DicomWebSettings#basePath()}, CORS and the
 * error table on every answer ({@link DicomWebRouter}). Other routes (a health check) may be added to the router.
 *
 * <pre>
 * GET {base}/studies | /series | /instances                                   search (all studies known)
 * GET {base}/studies/{st}/series | /studies/{st}/instances                     search within a study
 * GET {base}/studies/{st}/series/{se}/instances                                search within a series
 * GET {base}/studies/{st}[/series/{se}[/instances/{sop}]]                      retrieve (multipart application/dicom)
 * GET …/metadata                                                               metadata (DICOM JSON), any level
 * GET {base}/studies/{st}/series/{se}/instances/{sop}/frames/{list}            frames
 * GET {base}/studies/{st}/series/{se}/instances/{sop}/bulkdata/{path}          bulk data (the metadata's URIs)
 * HEAD on each of them                                                         GET's status and headers, no body
 * </pre>
 */
public final class DicomWebFront {
  private DicomWebFront() {}

  public static Router create(Vertx vertx, StudyService studies, DicomWebSettings settings) {
    Router router = DicomWebRouter.create(vertx, settings.cors());
    ResourceUrls urls = new ResourceUrls(settings.publicBaseUrl());
    QidoSearches qido = new QidoSearches(studies, settings, urls);
    WadoRetrievals wado = new WadoRetrievals(studies, settings, urls);
    MetadataAnswers metadata = new MetadataAnswers(studies, settings, urls);
    String b = settings.basePath();
    String st = b + "/studies/:study";
    String se = st + "/series/:series";
    String sop = se + "/instances/:sop";
    get(router, b + "/studies", ctx -> qido.search(ctx, QidoLevel.STUDY));
    get(router, b + "/series", ctx -> qido.search(ctx, QidoLevel.SERIES));
    get(router, b + "/instances", ctx -> qido.search(ctx, QidoLevel.INSTANCE));
    get(router, st + "/series", ctx -> qido.search(ctx, QidoLevel.SERIES));
    get(router, st + "/instances", ctx -> qido.search(ctx, QidoLevel.INSTANCE));
    get(router, se + "/instances", ctx -> qido.search(ctx, QidoLevel.INSTANCE));
    get(router, st, wado::instances);
    get(router, se, wado::instances);
    get(router, sop, wado::instances);
    get(router, st + "/metadata", metadata::metadata);
    get(router, se + "/metadata", metadata::metadata);
    get(router, sop + "/metadata", metadata::metadata);
    get(router, sop + "/frames/:frames", wado::frames);
    get(router, sop + "/bulkdata/*", wado::bulkData);
    HeadAnswers head = new HeadAnswers(studies);
    for (String path : List.of(b + "/studies", b + "/series", b + "/instances", st + "/series", st + "/instances",
        se + "/instances")) { // the search runs as for GET (its status and Warning depend on it); Vert.x drops the body
      head(router, path, ctx -> qido.search(ctx, level(path)));
    }
    for (String path : List.of(st, se, sop)) {
      head(router, path, head::instances);
    }
    for (String path : List.of(st, se, sop)) {
      head(router, path + "/metadata", head::metadata);
    }
    head(router, sop + "/frames/:frames", wado::frames);
    head(router, sop + "/bulkdata/*", wado::bulkData);
    return router;
  }

  private static QidoLevel level(String path) {
    if (path.endsWith("/studies")) {
      return QidoLevel.STUDY;
    }
    return path.endsWith("/series") ? QidoLevel.SERIES : QidoLevel.INSTANCE;
  }

  /** HEAD (RFC 9110 §9.3.2): the status and headers of GET, no content; see {@link HeadAnswers}. */
  private static void head(Router router, String path, Handler<RoutingContext> handler) {
    router.head(path).handler(ctx -> Responses.guard(ctx, () -> handler.handle(ctx)));
  }

  /** A GET route whose handler's exceptions become failures of the routing context, answered by the table. */
  private static void get(Router router, String path, Handler<RoutingContext> handler) {
    router.get(path).handler(ctx -> Responses.guard(ctx, () -> handler.handle(ctx)));
  }
}
