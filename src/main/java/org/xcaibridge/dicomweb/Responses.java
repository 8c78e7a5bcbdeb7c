package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting answers that stream. A multipart answer begins only once its first part is in hand, so that whatever
 * fails before — an unknown UID, a community that is down, a representation that cannot be made — is still
 * answered with its status from the error table; after that, a failure cuts the body (no closing delimiter,
 * connection reset) as {@link MultipartRelatedWriter} does.
 */
final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  /** Runs {@code action}, failing the routing context with what it throws. */
  static void guard(RoutingContext ctx, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  /**
   * A {@code multipart/related} answer of {@code first} (null: no parts) and then what {@code rest} hands out;
   * {@code cancel} releases what {@code rest} holds when the answer fails.
   */
  static void multipart(RoutingContext ctx, String type, String transferSyntax, Future<MultipartRelatedWriter.Part> first,
      MultipartRelatedWriter.PartSource rest, Runnable cancel) {
    first.onComplete(ar -> {
      if (ar.failed()) {
        cancel.run();
        ctx.fail(ar.cause());
        return;
      }
      MultipartRelatedWriter.Part head = ar.result();
      if (ctx.response().closed()) {
        release(head);
        cancel.run();
        return;
      }
      MultipartRelatedWriter w = MultipartRelatedWriter.forRequest(ctx.request(), type, transferSyntax)
          .onBytesAside(n -> DicomWebFront.addBytesAside(ctx, n));
      boolean[] given = {head == null};
      w.writeAll(() -> {
        if (!given[0]) {
          given[0] = true;
          return Future.succeededFuture(head);
        }
        return rest.next();
      }).onFailure(e -> {
        cancel.run();
        LOG.warn("{} {}: the answer was cut after it began: {}", ctx.request().method(), ctx.request().path(),
            e.toString());
      });
    });
  }

  /**
   * Ends an answer whose body is in hand, with its Content-Length; for HEAD without the body (RFC 9110 §9.3.2).
   * Vert.x 5.0 leaves a HEAD's body out over HTTP/1.1 but sends it over HTTP/2 (h2c, which the JDK's client asks
   * for), so every answer with a body in hand ends here.
   */
  static void end(HttpServerRequest request, HttpServerResponse response, Buffer body) {
    response.putHeader("Content-Length", Integer.toString(body.length()));
    if (request.method() == HttpMethod.HEAD) {
      response.end();
    } else {
      response.end(body);
    }
  }

  /** A single-part answer streamed from {@code body}; a failure midway resets the connection. */
  static void single(RoutingContext ctx, String contentType, long length, ReadStream<Buffer> body, Runnable close) {
    HttpServerResponse response = ctx.response();
    response.setStatusCode(200).putHeader("Content-Type", contentType);
    if (length >= 0) {
      response.putHeader("Content-Length", Long.toString(length));
    } else {
      response.setChunked(true);
    }
    response.closeHandler(v -> close.run());
    body.exceptionHandler(e -> {
      LOG.warn("{} {}: the answer was cut after it began: {}", ctx.request().method(), ctx.request().path(),
          e.toString());
      if (!response.ended()) {
        response.reset();
      }
    });
    body.endHandler(v -> response.end());
    body.handler(b -> {
      response.write(b);
      if (response.writeQueueFull()) {
        body.pause();
        response.drainHandler(d -> body.resume());
      }
    });
    body.resume();
  }

  private static void release(MultipartRelatedWriter.Part p) {
    if (p != null && p.cancel() != null) {
      p.cancel().run();
    }
  }
}
