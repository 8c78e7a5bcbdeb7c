package org.xcaibridge.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;

/**
 * Times one HTTP API's requests for {@link BridgeMetrics#httpHandler}: from the request to the response's end,
 * labelled at the end with the route template that answered (so {@code /studies/:study/series}, never a UID),
 * plus the time to the status line and the bytes both ways. Uses the routing context's end and headers-end
 * handler lists, which other handlers share, never the response's single handler slots.
 */
final class HttpObserver implements Handler<RoutingContext> {
  static final String UNMATCHED = "unmatched";

  private final BridgeMetrics metrics;
  private final String channel;

  HttpObserver(BridgeMetrics metrics, String channel) {
    this.metrics = metrics;
    this.channel = channel;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    Route self = ctx.currentRoute();
    ctx.addHeadersEndHandler(v -> metrics.firstByte(channel, routeOf(ctx, self), System.nanoTime() - start));
    ctx.addEndHandler(ar -> {
      String route = routeOf(ctx, self);
      // a response that never ended (the client went away) is reported with the status it had set, 0 if none
      int status = ctx.response().ended() ? ctx.response().getStatusCode() : 0;
      metrics.httpRequest(channel, route, ctx.request().method().name(), status, System.nanoTime() - start);
      metrics.bytes("in", channel, ctx.request().bytesRead());
      metrics.bytes("out", channel, ctx.response().bytesWritten());
    });
    ctx.next();
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
