package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InstanceStream#sendTo(HttpServerRequest)} puts the instance's bytes into an HTTP/1.1 response as file regions,
 * between the caller's own writes or after a head it is given (every other part here): a multipart body with
 * Content-Length or chunked, read by the JDK's HTTP client, carries every instance byte for byte; the same with gzip
 * compression on (Vert.x then reads the file in chunks), from a download still in flight, to a viewer that stops
 * reading awhile, and from an entry evicted while it is sent. The bytes the response counts itself plus those each send
 * reports as sent around it (file regions) are the whole body, no more.
 */
class SendToHttpResponseTest {
  private static final String BOUNDARY = "b0undary";
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  HttpServer server;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(11, 1, 1), 512, 512, 8); // 2 MiB
  final Synthetic.Instance b = Synthetic.instance(Synthetic.key(11, 1, 2), 256, 256, 3);
  final Synthetic.Instance c = Synthetic.instance(Synthetic.key(11, 1, 3), 512, 512, 12); // 3 MiB, downloaded
  volatile boolean zeroCopy;
  /** Where c's download chunks live: null for heap arrays. */
  io.netty.buffer.UnpooledByteBufAllocator cMemory;
  /** The body bytes the response counted plus those the sends said went around it (file regions). */
  final java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
    for (Synthetic.Instance i : List.of(a, b)) {
      Await.result(store.instance(i.key(), () -> Future.succeededFuture(i.stream(vertx, 64 << 10, 0)))
          .compose(Await::sha256));
    }
  }

  @AfterEach
  void stop() {
    if (server != null) {
      Await.result(server.close());
    }
    Await.result(store.close());
    Await.result(vertx.close());
  }

  private void serve(HttpServerOptions options, boolean chunked, List<Synthetic.Instance> parts) {
    server = Await.result(vertx.createHttpServer(options).requestHandler(req -> {
      zeroCopy = InstanceSender.zeroCopy(req);
      HttpServerResponse res = req.response();
      res.putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
      if (chunked) {
        res.setChunked(true);
      } else {
        res.putHeader("Content-Length", Long.toString(expected(parts).length));
      }
      sendParts(req, parts, 0).onComplete(ar -> {
        if (ar.succeeded()) {
          res.end("--" + BOUNDARY + "--\r\n").onComplete(e -> counted.addAndGet(res.bytesWritten()));
        } else {
          res.reset();
        }
      });
    }).listen(0, "127.0.0.1"));
  }

  private Future<Void> sendParts(HttpServerRequest req, List<Synthetic.Instance> parts, int i) {
    if (i == parts.size()) {
      return Future.succeededFuture();
    }
    Synthetic.Instance p = parts.get(i);
    boolean headWithIt = i % 2 == 1; // every other part's head goes with its bytes
    if (!headWithIt) {
      req.response().write(header(p));
    }
    Future<InstanceStream> s = p == c
        ? store.instance(c.key(), () -> Future.succeededFuture(cMemory == null ? c.stream(vertx, 16 << 10, 512)
            : c.stream(vertx, 16 << 10, 512).direct(cMemory)))
        : store.get(p.key()).map(o -> o.orElseThrow());
    return s.compose(stream -> headWithIt ? stream.sendTo(req, Buffer.buffer(header(p))) : stream.sendTo(req))
        .compose(aside -> {
      counted.addAndGet(aside);
      req.response().write("\r\n");
      return sendParts(req, parts, i + 1);
    });
  }

  private static String header(Synthetic.Instance i) {
    return "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n";
  }

  private static byte[] expected(List<Synthetic.Instance> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Synthetic.Instance p : parts) {
      out.writeBytes(header(p).getBytes(StandardCharsets.US_ASCII));
      byte[] bytes = new byte[(int) p.length()];
      p.fill(0, bytes, 0, bytes.length);
      out.writeBytes(bytes);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** SHA-256 of the body the JDK client reads (gunzipped when the server compressed it). */
  private String fetch(boolean gzip) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/s"));
    if (gzip) {
      r.header("Accept-Encoding", "gzip");
    }
    HttpResponse<InputStream> res = client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.statusCode()).isEqualTo(200);
    boolean gzipped = res.headers().firstValue("Content-Encoding").orElse("").equals("gzip");
    assertThat(gzipped).isEqualTo(gzip);
    MessageDigest sha = Synthetic.sha();
    try (InputStream in = gzipped ? new GZIPInputStream(res.body()) : res.body()) {
      byte[] buf = new byte[64 << 10];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void multipartWithContentLength() throws Exception {
    serve(new HttpServerOptions(), false, List.of(a, b));
    assertThat(fetch(false)).isEqualTo(Synthetic.sha256(expected(List.of(a, b))));
    assertThat(zeroCopy).isTrue();
    Await.until("every byte of the body counted", () -> counted.get() == expected(List.of(a, b)).length);
  }

  @Test
  void multipartChunked() throws Exception {
    serve(new HttpServerOptions(), true, List.of(b, a, b));
    assertThat(fetch(false)).isEqualTo(Synthetic.sha256(expected(List.of(b, a, b))));
    Await.until("every byte of the body counted", () -> counted.get() == expected(List.of(b, a, b)).length);
  }

  @Test
  void gzipCompressedResponseStillCarriesEveryByte() throws Exception {
    serve(new HttpServerOptions().setCompressionSupported(true), true, List.of(a, b));
    assertThat(fetch(true)).isEqualTo(Synthetic.sha256(expected(List.of(a, b))));
  }

  @Test
  void fromADownloadInFlight() throws Exception {
    serve(new HttpServerOptions(), false, List.of(a, c, b));
    assertThat(fetch(false)).isEqualTo(Synthetic.sha256(expected(List.of(a, c, b))));
    assertThat(store.summary(c.key())).isPresent();
    Await.until("every byte of the body counted", () -> counted.get() == expected(List.of(a, c, b)).length);
  }

  /**
   * The same with the download's chunks in direct memory (as the gateway reads RAD-75 answers): the bytes sent from
   * memory, ahead of the disk, are that memory itself, each chunk freed once sent and written.
   */
  @Test
  void fromADownloadInFlightInDirectMemory() throws Exception {
    cMemory = new io.netty.buffer.UnpooledByteBufAllocator(true, true);
    serve(new HttpServerOptions(), true, List.of(a, c, b));
    assertThat(fetch(false)).isEqualTo(Synthetic.sha256(expected(List.of(a, c, b))));
    assertThat(store.summary(c.key())).isPresent();
    Await.until("every chunk's memory freed", () -> cMemory.metric().usedDirectMemory() == 0);
    Await.until("every byte of the body counted", () -> counted.get() == expected(List.of(a, c, b)).length);
  }

  /**
   * A viewer that stops reading while a download streams to it from memory, the upstream then stalling: once the viewer
   * reads again it gets every byte that has arrived, the pieces the connection held back meanwhile included, with
   * nothing behind them to push them out.
   */
  @Test
  void piecesHeldBackBySlowViewerLeaveOnceItReadsAgain() throws Exception {
    Synthetic.Instance e = Synthetic.instance(Synthetic.key(11, 1, 5), 512, 512, 16); // 4 MiB
    long hold = (2L << 20) + (48 << 10); // two 1 MiB writes to the file, then 48 KiB that wait in memory
    ChunkStream up = e.stream(vertx, 16 << 10, 0).direct(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT)
        .holdAt(hold);
    server = Await.result(vertx.createHttpServer(new HttpServerOptions().setSendBufferSize(16 << 10))
        .requestHandler(req -> {
          HttpServerResponse res = req.response().setChunked(true);
          res.writeHead().compose(v -> store.instance(e.key(), () -> Future.succeededFuture(up)))
              .compose(s -> s.sendTo(req)).onComplete(ar -> res.end());
        }).listen(0, "127.0.0.1"));
    io.vertx.core.http.HttpClient viewer = vertx.createHttpClient(
        new io.vertx.core.http.HttpClientOptions().setReceiveBufferSize(16 << 10));
    java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong();
    Promise<io.vertx.core.http.HttpClientResponse> started = Promise.promise();
    viewer.request(io.vertx.core.http.HttpMethod.GET, server.actualPort(), "127.0.0.1", "/e")
        .compose(r -> r.send()).onSuccess(r -> {
          r.pause();
          r.handler(b -> got.addAndGet(b.length()));
          started.complete(r);
        }).onFailure(started::tryFail);
    io.vertx.core.http.HttpClientResponse r = Await.result(started.future());
    Await.until("the upstream at its hold", () -> up.emitted.get() == hold);
    Thread.sleep(300); // the send fills the connection and waits for it to drain
    r.resume();
    Await.until("every byte that has arrived read", () -> got.get() == hold);
    up.letGo();
    Await.until("the rest read", () -> got.get() == e.length());
    Await.result(viewer.close());
  }

  /**
   * A head given to the send leaves in the same flush as the instance's first file region, not in one of its own (each
   * flush is a send to the viewer); here the instance is one region, so its head and bytes take one flush in all.
   */
  @Test
  void theHeadLeavesWithTheFirstRegion() throws Exception {
    java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
    Promise<Integer> flushesForThePart = Promise.promise();
    server = Await.result(vertx.createHttpServer().requestHandler(req -> {
      ((io.vertx.core.http.impl.Http1xServerConnection) req.connection()).channelHandlerContext().pipeline()
          .addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) throws Exception {
              flushes.incrementAndGet();
              super.flush(ctx);
            }
          });
      HttpServerResponse res = req.response().setChunked(true);
      res.writeHead().compose(v -> store.get(b.key())).map(o -> o.orElseThrow()).compose(stream -> {
        int before = flushes.get();
        return stream.sendTo(req, Buffer.buffer(header(b))).map(aside -> flushes.get() - before);
      }).onComplete(flushesForThePart).onComplete(ar -> res.end("\r\n--" + BOUNDARY + "--\r\n"));
    }).listen(0, "127.0.0.1"));
    assertThat(fetch(false)).isEqualTo(Synthetic.sha256(expected(List.of(b))));
    assertThat(Await.result(flushesForThePart.future())).as("flushes for the part's head and bytes").isEqualTo(1);
  }

  @Test
  void entryEvictedWhileItIsSentIsSentWhole() throws Exception {
    Promise<Void> removed = Promise.promise();
    server = Await.result(vertx.createHttpServer().requestHandler(req -> {
      req.response().putHeader("Content-Length", Long.toString(a.length()));
      store.get(a.key()).map(o -> o.orElseThrow()).compose(s -> store.remove(a.key()).onComplete(removed)
          .compose(v -> s.sendTo(req))).onComplete(ar -> req.response().end());
    }).listen(0, "127.0.0.1"));
    assertThat(fetch(false)).isEqualTo(a.sha256());
    Await.result(removed.future());
    assertThat(store.summary(a.key())).isEmpty();
  }
}
