package org.xcaibridge.dicomweb;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicom.FrameNotFoundException;
import org.xcaibridge.dicom.UnsupportedTranscodingException;
import org.xcaibridge.studies.StudiesException;

/**
 * The one table from failures to DICOMweb answers (PS3.18 §8.5, §10.4.3, §10.6.3): status and a short
 * JSON body {@code {"status":…,"error":"…","message":"…"}} a person can act on. No stack trace and no
 * exception text of unknown failures reaches the client: those are 500 with an incident id that the log
 * line carries too. Handlers fail their routing context; {@link #handle} answers.
 */
public final class DicomWebErrors {
  private static final Logger LOG = LoggerFactory.getLogger(DicomWebErrors.class);

  private DicomWebErrors() {}

  /** What to answer: the status, the message, and (503) when to retry; null when unknown. */
  public record Answer(int status, String message, Duration retryAfter) {}

  /** The row of the table for {@code failure}; {@code status} is the routing context's code when there is no failure. */
  public static Answer answer(Throwable failure, int status) {
    if (failure instanceof DicomWebException.BadRequest e) {
      return new Answer(400, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.NotFound e) {
      return new Answer(404, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.NotAcceptable e) {
      return new Answer(406, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.TooLarge e) {
      return new Answer(413, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.UpstreamFailed e) {
      return new Answer(502, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.UpstreamTimeout e) {
      return new Answer(504, e.getMessage(), null);
    }
    if (failure instanceof DicomWebException.Unavailable e) {
      return new Answer(503, e.getMessage(), e.retryAfter());
    }
    if (failure instanceof DicomWebException.Unauthenticated e) {
      return new Answer(e.status(), e.getMessage(), null);
    }
    if (failure instanceof StudiesException e) {
      return studies(e);
    }
    if (failure instanceof UnsupportedTranscodingException e) {
      return new Answer(406, e.getMessage(), null);
    }
    if (failure instanceof FrameNotFoundException e) {
      return new Answer(404, e.getMessage(), null);
    }
    if (failure instanceof TimeoutException) {
      return new Answer(504, "the answer took longer than this server waits", null);
    }
    if (failure instanceof HttpException e) {
      return plain(e.getStatusCode());
    }
    if (status >= 400 && status < 500) {
      return plain(status); // a handler such as Vert.x's CorsHandler (403) that fails with a status and its own exception
    }
    if (failure == null && status > 500) {
      return plain(status);
    }
    return null;
  }

  /** The study core's failures: each variant is the answer its comment names (issue 6 §6). */
  private static Answer studies(StudiesException failure) {
    if (failure instanceof StudiesException.NotFound e) {
      return new Answer(404, e.getMessage(), null);
    }
    if (failure instanceof StudiesException.CommunityFailed e) {
      return new Answer(e.timedOut() ? 504 : 502, "community " + e.community() + (e.timedOut()
          ? " did not answer in time: " : " failed: ") + e.getMessage(), null);
    }
    if (failure instanceof StudiesException.TransferSyntaxRefused e) {
      return new Answer(406, e.getMessage(), null);
    }
    if (failure instanceof StudiesException.UnusableAnswer e) {
      return new Answer(502, (e.community() == null ? "a community" : "community " + e.community())
          + " sent something the bridge cannot use: " + e.getMessage(), null);
    }
    return new Answer(503, "the bridge cannot serve this now: " + failure.getMessage(), Duration.ofSeconds(30));
  }

  private static Answer plain(int status) {
    String message = switch (status) {
      case 404 -> "no such DICOMweb resource";
      case 405 -> "this resource answers GET, HEAD and OPTIONS";
      case 403 -> "the request's Origin is not allowed";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
    return new Answer(status, message, null);
  }

  /**
   * Answers a failed routing context. When the answer has already begun (a multipart body is streaming),
   * no status can be sent any more: the connection is reset, so that the client sees the break.
   */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      LOG.warn("{} {} failed after the answer began; resetting the connection: {}", ctx.request().method(),
          ctx.request().path(), String.valueOf(failure));
      response.reset();
      return;
    }
    Answer a = answer(failure, ctx.statusCode());
    if (a == null) {
      String incident = UUID.randomUUID().toString();
      LOG.error("{} {} failed (incident {})", ctx.request().method(), ctx.request().path(), incident, failure);
      a = new Answer(500, "internal error (incident " + incident + "); the server log has the details", null);
    } else if (a.status() >= 500) {
      LOG.warn("{} {}: {} {}", ctx.request().method(), ctx.request().path(), a.status(), a.message());
    }
    if (failure instanceof DicomWebException.Unauthenticated e) {
      response.putHeader("WWW-Authenticate", e.challenge());
    }
    send(ctx.request(), response, a);
  }

  static void send(HttpServerRequest request, HttpServerResponse response, Answer a) {
    JsonObject body = new JsonObject().put("status", a.status())
        .put("error", HttpResponseStatus.valueOf(a.status()).reasonPhrase()).put("message", a.message());
    response.setStatusCode(a.status()).putHeader("Content-Type", "application/json; charset=utf-8");
    if (a.retryAfter() != null) {
      response.putHeader("Retry-After", Long.toString(Math.max(1, a.retryAfter().toSeconds())));
    }
    Responses.end(request, response, Buffer.buffer(body.encode()));
  }
}
