package org.xcaibridge.dicomweb;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay on 127.0.0.1 in front of our responder that can hold a RAD-75 answer in the middle of its first
 * attachment: while armed, the next answer is passed on up to {@code heldAt} bytes into the body of its first MIME
 * attachment (the first part after the one holding the SOAP envelope), then the relay stops reading the responder
 * and sends nothing more until {@link #release()}. So whatever reached the bridge's client by then was sent on while
 * the rest of that attachment did not exist for the bridge. Answers are relayed with chunked encoding.
 */
final class GatedRelay implements AutoCloseable {
  private static final byte[] ENVELOPE_END = ":Envelope>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final int upstreamPort;
  private final HttpClientAgent client; // held here: Vert.x closes a client nobody references
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile long heldAt = -1;
  private final Promise<Long> held = Promise.promise();
  private final Promise<Void> released = Promise.promise();
  private volatile Context gateContext; // the held answer's, where it is released

  private GatedRelay(Vertx vertx, int upstreamPort) throws Exception {
    this.vertx = vertx;
    this.upstreamPort = upstreamPort;
    this.client = vertx.createHttpClient();
    this.server = BridgeRig.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::relay).listen());
  }

  static GatedRelay start(Vertx vertx, int upstreamPort) throws Exception {
    return new GatedRelay(vertx, upstreamPort);
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Requests relayed so far. */
  int requests() {
    return requests.get();
  }

  /** The next answer is held {@code bytesIntoFirstAttachment} bytes into its first attachment's body. */
  void arm(long bytesIntoFirstAttachment) {
    heldAt = bytesIntoFirstAttachment;
  }

  /** Completes with the answer's body bytes passed on once the relay holds it. */
  Future<Long> held() {
    return held.future();
  }

  /** Lets the held answer go on to its end. */
  void release() {
    Context c = gateContext;
    if (c != null) {
      c.runOnContext(v -> released.tryComplete());
    }
  }

  private void relay(HttpServerRequest in) {
    requests.incrementAndGet();
    long gate = heldAt;
    heldAt = -1;
    in.pause();
    RequestOptions o = new RequestOptions().setMethod(in.method()).setHost("127.0.0.1").setPort(upstreamPort)
        .setURI(in.uri());
    in.headers().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        o.addHeader(h.getKey(), h.getValue());
      }
    });
    client.request(o).compose(out -> {
      Future<HttpClientResponse> answer = out.send(in);
      in.resume();
      return answer;
    }).onFailure(e -> in.response().setStatusCode(502).end(String.valueOf(e))).onSuccess(r -> {
      HttpServerResponse back = in.response().setStatusCode(r.statusCode()).setChunked(true);
      r.headers().forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("Content-Length") && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
          back.putHeader(h.getKey(), h.getValue());
        }
      });
      back.putHeader(HttpHeaders.TRANSFER_ENCODING, "chunked");
      Gate g = new Gate(gate, r, back);
      r.handler(g::pass);
      r.endHandler(v -> back.end());
      r.exceptionHandler(e -> back.reset());
    });
  }

  /** One relayed answer: passes bytes on with back-pressure, holding once if armed. */
  private final class Gate {
    final long at;
    final HttpClientResponse from;
    final HttpServerResponse to;
    final Buffer head = Buffer.buffer(); // the answer's first bytes, until the first attachment is found
    long passed;
    long holdAfter = -1; // body offset to hold at, once known
    boolean done;

    Gate(long at, HttpClientResponse from, HttpServerResponse to) {
      this.at = at;
      this.from = from;
      this.to = to;
      to.drainHandler(v -> from.resume());
    }

    void pass(Buffer b) {
      if (at < 0 || done) {
        forward(b);
        return;
      }
      if (holdAfter < 0) {
        head.appendBuffer(b);
        int envelope = MultipartBody.indexOf(head.getBytes(), ENVELOPE_END, 0);
        int bodyStart = envelope < 0 ? -1 : MultipartBody.indexOf(head.getBytes(), HEADERS_END, envelope);
        if (bodyStart >= 0) {
          holdAfter = bodyStart + HEADERS_END.length + at;
        } else if (head.length() > 1 << 20) {
          done = true; // no attachment in the first MiB: not an answer to hold; the test waiting for it fails
        }
      }
      long room = holdAfter < 0 ? b.length() : holdAfter - passed;
      if (room >= b.length()) {
        forward(b);
        return;
      }
      done = true;
      if (room > 0) {
        forward(b.slice(0, (int) room));
      }
      Buffer rest = b.slice((int) Math.max(room, 0), b.length()).copy();
      from.pause();
      gateContext = Vertx.currentContext();
      held.tryComplete(passed);
      released.future().onSuccess(v -> {
        forward(rest);
        if (!to.writeQueueFull()) {
          from.resume();
        }
      });
    }

    void forward(Buffer b) {
      passed += b.length();
      to.write(b);
      if (to.writeQueueFull()) {
        from.pause();
      }
    }
  }

  @Override
  public void close() throws Exception {
    release();
    BridgeRig.await(server.close());
    BridgeRig.await(client.close());
  }
}
