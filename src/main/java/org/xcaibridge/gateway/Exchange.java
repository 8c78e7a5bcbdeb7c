package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomStreamReader;
import org.xcaibridge.soap.MtomWriter;

/**
 * One SOAP request and its answer over HTTP, with the timeouts of {@link CommunitySettings}: connect (Vert.x's
 * own), first byte (from the request having been sent to the status line), idle (a {@link WatchedSource} around
 * the body) and, for bounded calls, the whole call. The request goes as the transaction's IHE configuration
 * says (plain SOAP, or MTOM without attachments: protocol.md §1.2); the answer is read by the soap package's
 * {@link MtomStreamReader}: the envelope whole, each attachment as its own stream.
 *
 * <p>This is the soap package's {@code SoapHttpClient} exchange, kept here because a timeout or a cancel must
 * reach the HTTP request itself (to reset it and so close the connection) and the body must be watched chunk by
 * chunk. Whatever ends an exchange early resets the request, so a half-read connection never returns to the
 * pool. Every failure it reports is a {@link GatewayException}. Runs on the caller's context.
 */
final class Exchange {
  /**
   * What to send where; {@code bounded} puts the whole call under {@link CommunitySettings#callTimeout()};
   * {@code observer} is told the answer's bytes once the exchange is over.
   */
  record Call(CommunityEndpoints community, CommunitySettings settings, IheTransaction transaction, URI url,
      Buffer envelope, boolean bounded, ExchangeObserver observer) {}

  private final Vertx vertx;
  private final Call call;
  private final Promise<Exchange> started = Promise.promise();
  // the answer's envelope and end as callers see them: failed by an abort even when the body had already been
  // read to its end (its attachments still queued for a consumer), which the reader itself would not report
  private final Promise<Buffer> root = Promise.promise();
  private final Promise<Void> ended = Promise.promise();
  private HttpClientRequest request;
  private WatchedSource source;
  private MtomStreamReader reader;
  private boolean responseStarted;
  private GatewayException aborted;
  private boolean over;
  private boolean counted;
  private long firstByteTimer = -1;
  private long callTimer = -1;
  private int status;
  private String contentType;

  private Exchange(Vertx vertx, Call call) {
    this.vertx = vertx;
    this.call = call;
  }

  /**
   * Sends the request. The future completes when the answer's status line and headers are in and its body is
   * being read; {@code attachments} (made once the exchange exists, so it can {@link #abort}) gets each
   * attachment in wire order.
   */
  static Future<Exchange> start(Vertx vertx, HttpClient http, Call call, RandomGenerator random,
      Function<Exchange, Handler<MtomAttachment>> attachments) {
    Exchange ex = new Exchange(vertx, call);
    Handler<MtomAttachment> sink = attachments.apply(ex);
    if (call.bounded()) {
      long millis = call.settings().callTimeout().toMillis();
      ex.callTimer = vertx.setTimer(millis, id -> ex.abort(timeout(call, GatewayException.TimeoutKind.CALL, millis)));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(call.url().toString())
        .setConnectTimeout(call.settings().connectTimeout().toMillis());
    http.request(options).onComplete(ar -> {
      if (ar.failed()) {
        ex.failEarly(ar.cause());
      } else if (ex.over) {
        ar.result().reset(0, ex.aborted);
      } else {
        ex.request = ar.result();
        DirectReads.choose(ex.request, call.transaction() == IheTransaction.RAD_75);
        ex.send(random, sink);
      }
    });
    return ex.started.future();
  }

  int status() {
    return status;
  }

  String contentType() {
    return contentType;
  }

  /** The envelope; fails as the exchange does. */
  Future<Buffer> root() {
    return root.future();
  }

  /** Completes when the whole body has been read; fails as the exchange does. */
  Future<Void> end() {
    return ended.future();
  }

  /** Whether the envelope has been seen whole (it normally comes first; the start parameter may say otherwise). */
  boolean rootArrived() {
    return reader != null && reader.root().isComplete();
  }

  /** What an attachment stream's failure means for the caller. */
  GatewayException translate(Throwable cause) {
    if (aborted != null) {
      return aborted;
    }
    return Failures.classify(cause, call.community(), call.transaction(), call.settings(), responseStarted);
  }

  /**
   * Ends the exchange now for {@code reason}: the attachment being read and the body fail with it, the request is
   * reset (its connection closed). Nothing happens once the exchange is over.
   */
  void abort(GatewayException reason) {
    if (over) {
      return;
    }
    aborted = reason;
    over = true; // before the failure travels, so that nothing it sets off acts on this exchange again
    if (source != null) {
      source.fail(reason); // fails the attachment being read, then the body (both see aborted)
    }
    finish();
    started.tryFail(reason);
    root.tryFail(reason);
    ended.tryFail(reason);
    if (request != null) {
      request.reset(0, reason);
    }
  }

  private void send(RandomGenerator random, Handler<MtomAttachment> sink) {
    IheTransaction t = call.transaction();
    Future<Void> sent;
    if (t.mtom()) {
      MtomWriter writer = MtomWriter.create(t.requestAction(), random);
      request.headers().set(HttpHeaders.CONTENT_TYPE, writer.contentType());
      request.setChunked(true);
      sent = writer.write(call.envelope(), List.of(), request);
    } else {
      request.headers().set(HttpHeaders.CONTENT_TYPE,
          "application/soap+xml; charset=UTF-8; action=\"" + t.requestAction() + "\"");
      request.headers().set(HttpHeaders.CONTENT_LENGTH, Integer.toString(call.envelope().length()));
      sent = request.end(call.envelope());
    }
    sent.onComplete(ar -> {
      if (ar.failed()) {
        failEarly(ar.cause());
      } else if (!responseStarted && !over) {
        long millis = call.settings().firstByteTimeout().toMillis();
        firstByteTimer = vertx.setTimer(millis, id -> {
          firstByteTimer = -1;
          if (!responseStarted) {
            abort(timeout(call, GatewayException.TimeoutKind.FIRST_BYTE, millis));
          }
        });
      }
    });
    request.response().onComplete(ar -> {
      cancelFirstByte();
      if (over) {
        return;
      }
      if (ar.failed()) {
        failEarly(ar.cause());
      } else {
        read(ar.result(), sink);
      }
    });
  }

  private void read(HttpClientResponse response, Handler<MtomAttachment> sink) {
    responseStarted = true;
    status = response.statusCode();
    contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
    String media = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).trim();
    if (!(media.startsWith("multipart/related") || media.startsWith("application/soap+xml")
        || media.startsWith("text/xml"))) {
      abort(new GatewayException.ProtocolViolation(call.community(), call.transaction(), "HTTP " + status
          + " answer is " + (contentType == null ? "without Content-Type" : "'" + shorten(contentType) + "'")
          + ", not SOAP", null));
      return;
    }
    source = new WatchedSource(vertx, response, call.settings().idleTimeout().toMillis(),
        () -> abort(timeout(call, GatewayException.TimeoutKind.IDLE, call.settings().idleTimeout().toMillis())));
    reader = MtomStreamReader.read(source, contentType, call.settings().mtomLimits(), sink);
    reader.root().onComplete(ar -> {
      if (ar.succeeded()) {
        root.tryComplete(ar.result());
      } else {
        root.tryFail(translate(ar.cause()));
      }
    });
    reader.end().onComplete(ar -> {
      if (ar.failed() && !over) {
        aborted = translate(ar.cause());
        request.reset(0, ar.cause());
      }
      finish();
      if (ar.succeeded() && aborted == null) {
        ended.tryComplete();
      } else {
        ended.tryFail(aborted != null ? aborted : translate(ar.cause()));
      }
    });
    started.tryComplete(this);
  }

  /** Before any answer: no connection, TLS refused, request not sent, connection lost, reset by a timeout. */
  private void failEarly(Throwable cause) {
    if (over) {
      return;
    }
    GatewayException g = translate(cause);
    aborted = g;
    finish();
    started.tryFail(g);
    root.tryFail(g);
    ended.tryFail(g);
    if (request != null) {
      request.reset(0, g);
    }
  }

  private void finish() {
    if (source != null && !counted) {
      counted = true;
      call.observer().received(call.community(), call.transaction(), source.received());
    }
    over = true;
    cancelFirstByte();
    if (callTimer >= 0) {
      vertx.cancelTimer(callTimer);
      callTimer = -1;
    }
    if (source != null) {
      source.stop();
    }
  }

  private void cancelFirstByte() {
    if (firstByteTimer >= 0) {
      vertx.cancelTimer(firstByteTimer);
      firstByteTimer = -1;
    }
  }

  private static GatewayException timeout(Call call, GatewayException.TimeoutKind kind, long millis) {
    return new GatewayException.Timeout(call.community(), call.transaction(), kind, millis);
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
