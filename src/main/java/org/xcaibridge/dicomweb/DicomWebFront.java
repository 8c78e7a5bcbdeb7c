package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import org.xcaibridge.studies.Requester;
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
  /** The routing context key of the admitted {@link Requester}. */
  private static final String REQUESTER = DicomWebFront.class.getName() + ".requester";

  private DicomWebFront() {}

  /** Where a request's count of bytes sent around its response's own count (file regions) is kept. */
  private static final String BYTES_ASIDE = "xcai.bytesAside";

  /**
   * Bytes of {@code ctx}'s answer that went to the connection as file regions (sendfile), which the response's
   * {@code bytesWritten()} does not count: add them to it to have every byte of the answer.
   */
  public static long bytesAside(RoutingContext ctx) {
    Long n = ctx.get(BYTES_ASIDE);
    return n == null ? 0 : n;
  }

  static void addBytesAside(RoutingContext ctx, long n) {
    ctx.put(BYTES_ASIDE, bytesAside(ctx) + n);
  }

  /** The front open to everyone, in the bridge's own name ({@link FrontDoor#open()}). */
  public static Router create(Vertx vertx, StudyService studies, DicomWebSettings settings) {
    return create(vertx, studies, settings, FrontDoor.open());
  }

  /**
   * The front behind {@code door}: each request is admitted first (after CORS), and the study core is asked in the
   * admitted requester's name ({@link StudyService#askedBy}).
   */
  public static Router create(Vertx vertx, StudyService studies, DicomWebSettings settings, FrontDoor door) {
    Router router = DicomWebRouter.create(vertx, settings.cors());
    ResourceUrls urls = new ResourceUrls(settings.publicBaseUrl());
    String b = settings.basePath();
    router.route(b + "/*").handler(ctx -> admit(ctx, door));
    // the handlers are made per request (they are a few fields), each over the study core as its requester sees it
    Function<RoutingContext, StudyService> asked = ctx -> studies.askedBy(requester(ctx));
    String st = b + "/studies/:study";
    String se = st + "/series/:series";
    String sop = se + "/instances/:sop";
    get(router, b + "/studies", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.STUDY));
    get(router, b + "/series", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.SERIES));
    get(router, b + "/instances", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.INSTANCE));
    get(router, st + "/series", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.SERIES));
    get(router, st + "/instances", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.INSTANCE));
    get(router, se + "/instances", ctx -> qido(asked, ctx, settings, urls).search(ctx, QidoLevel.INSTANCE));
    Handler<RoutingContext> instances = ctx -> wado(asked, ctx, settings, urls).instances(ctx);
    get(router, st, instances);
    get(router, se, instances);
    get(router, sop, instances);
    Handler<RoutingContext> metadata = ctx -> new MetadataAnswers(asked.apply(ctx), settings, urls).metadata(ctx);
    get(router, st + "/metadata", metadata);
    get(router, se + "/metadata", metadata);
    get(router, sop + "/metadata", metadata);
    Handler<RoutingContext> frames = ctx -> wado(asked, ctx, settings, urls).frames(ctx);
    Handler<RoutingContext> bulk = ctx -> wado(asked, ctx, settings, urls).bulkData(ctx);
    get(router, sop + "/frames/:frames", frames);
    get(router, sop + "/bulkdata/*", bulk);
    for (String path : List.of(b + "/studies", b + "/series", b + "/instances", st + "/series", st + "/instances",
        se + "/instances")) { // the search runs as for GET (its status and Warning depend on it); Vert.x drops the body
      QidoLevel level = level(path);
      head(router, path, ctx -> qido(asked, ctx, settings, urls).search(ctx, level));
    }
    for (String path : List.of(st, se, sop)) {
      head(router, path, ctx -> new HeadAnswers(asked.apply(ctx)).instances(ctx));
      head(router, path + "/metadata", ctx -> new HeadAnswers(asked.apply(ctx)).metadata(ctx));
    }
    head(router, sop + "/frames/:frames", frames);
    head(router, sop + "/bulkdata/*", bulk);
    return router;
  }

  private static QidoSearches qido(Function<RoutingContext, StudyService> asked, RoutingContext ctx,
      DicomWebSettings settings, ResourceUrls urls) {
    return new QidoSearches(asked.apply(ctx), settings, urls);
  }

  private static WadoRetrievals wado(Function<RoutingContext, StudyService> asked, RoutingContext ctx,
      DicomWebSettings settings, ResourceUrls urls) {
    return new WadoRetrievals(asked.apply(ctx), settings, urls);
  }

  /** Asks the door; an admitted request goes on with its requester kept on the routing context. */
  private static void admit(RoutingContext ctx, FrontDoor door) {
    if (ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.next(); // a preflight carries no credentials (Fetch standard, CORS protocol); CORS has answered it
      return;
    }
    Future<Requester> admitted;
    try {
      admitted = door.admit(ctx.request());
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    admitted.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.put(REQUESTER, ar.result());
        ctx.next();
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  /** The admitted requester; a route reached without the door (none mounted) is the service. */
  private static Requester requester(RoutingContext ctx) {
    Requester r = ctx.get(REQUESTER);
    return r == null ? Requester.service() : r;
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
