package org.xcaibridge.ops;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.xcaibridge.dicomweb.DicomWebFront;

/**
 * Times one HTTP API's requests for {@link BridgeMetrics#httpHandler}: from the request to the response's end,
 * labelled at the end with the route template that answered (so {@code /studies/:study/series}, never a UID),
 * plus the time to the status line and the bytes both ways; a WADO-RS retrieve counts as a retrieval in flight
 * until it ends. Uses the routing context's end and headers-end
 * handler lists, which other handlers share, never the response's single handler slots.
 */
final class HttpObserver implements Handler<RoutingContext> {
  static final String UNMATCHED = "unmatched";
  /** A WADO-RS retrieve of a study, series, instance, frames or bulk data (metadata and searches are not). */
  private static final Pattern WADO = Pattern.compile(
      ".*/studies/[^/]+(/series/[^/]+(/instances/[^/]+(/frames/[^/]+|/bulkdata/.+)?)?)?");

  private final BridgeMetrics metrics;
  private final String channel;
  /** The router observed, for requests that end in a failure handler; null when not known. */
  private final Router router;
  /** Each path template of {@link #router} as a pattern, made when first needed (as many as there are routes). */
  private final Map<String, Pattern> templates = new ConcurrentHashMap<>();

  HttpObserver(BridgeMetrics metrics, String channel, Router router) {
    this.metrics = metrics;
    this.channel = channel;
    this.router = router;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Route self = ctx.currentRoute();
    Runnable retrieval = ctx.request().method() == HttpMethod.GET && WADO.matcher(ctx.normalizedPath()).matches()
        ? metrics.retrievalStarted() : () -> { };
    ctx.addHeadersEndHandler(v -> metrics.firstByte(channel, route(ctx, self), System.nanoTime() - start));
    ctx.addEndHandler(ar -> {
      retrieval.run();
      String route = route(ctx, self);
      // a response that never ended (the client went away) is reported with the status it had set, 0 if none
      int status = ctx.response().ended() ? ctx.response().getStatusCode() : 0;
      metrics.httpRequest(channel, route, ctx.request().method().name(), status, System.nanoTime() - start);
      metrics.bytes("in", channel, ctx.request().bytesRead());
      metrics.bytes("out", channel, ctx.response().bytesWritten() + DicomWebFront.bytesAside(ctx));
    });
    ctx.next();
  }

  /**
   * The template of the route that answered. A request that failed is answered by a failure or error handler (a
   * route with no path): it is then labelled with the first of the router's templates its path matches, so that a
   * 404 for an unknown study counts under {@code /studies/:study}, not as unmatched.
   */
  String route(RoutingContext ctx, Route self) {
    String route = routeOf(ctx, self);
    if (!route.equals(UNMATCHED) || router == null) {
      return route;
    }
    String path = ctx.normalizedPath();
    for (Route r : router.getRoutes()) {
      String template = r.getPath();
      // a path with parameters is a regex path to Vert.x too; a route made from a regex has no path
      if (template == null || r == self
          || !(r.methods() == null || r.methods().isEmpty() || r.methods().contains(ctx.request().method()))) {
        continue;
      }
      if (templates.computeIfAbsent(template, HttpObserver::pattern).matcher(path).matches()) {
        return template;
      }
    }
    return UNMATCHED;
  }

  /** {@code /studies/:study/bulkdata/*} as a pattern: a parameter is one segment, a final {@code *} the rest. */
  static Pattern pattern(String template) {
    boolean rest = template.endsWith("*");
    String fixed = rest ? template.substring(0, template.length() - 1) : template;
    StringJoiner regex = new StringJoiner("/");
    for (String segment : fixed.split("/", -1)) {
      regex.add(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
    }
    return Pattern.compile(regex + (rest ? ".*" : "/?"));
  }

  /** The template of the route handling the request now: mount point + path, or the route's name for a regex. */
  static String routeOf(RoutingContext ctx, Route self) {
    Route r = ctx.currentRoute();
    if (r == null || r == self) {
      return UNMATCHED;
    }
    String path = r.getPath();
    if (path == null) {
      path = r.getName();
    }
    if (path == null) {
      return UNMATCHED;
    }
    String mount = ctx.mountPoint();
    return mount == null || mount.isEmpty() || path.startsWith(mount) ? path : stripSlash(mount) + path;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
