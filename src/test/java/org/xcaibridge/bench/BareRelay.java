package org.xcaibridge.bench;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.impl.Http1xClientConnection;

/**
 * The floor under the bridge's cold retrieval: an HTTP relay on 127.0.0.1 that answers every GET by POSTing one fixed
 * RAD-75 request to the responder and writing the answer back as it comes (with back-pressure), reading nothing of
 * it and keeping nothing; it reads into direct memory that goes on uncopied, as the bridge reads RAD-75 answers. It
 * does what any relay must do (a socket read and a socket write per piece, through the same Vert.x client and server
 * as the bridge, its pieces cut at the bridge's size) and none of what the bridge does besides (MTOM, Part 10
 * headers, the cache, the multipart answer). Timed next to the direct download, it shows what part of the gap is the
 * framework's on this machine. The bench runs it in a JVM of its own
 * ({@link ChildJvm}), as it runs the bridge apart from the responder.
 *
 * <p>Usage: BareRelay toUrl contentType requestBodyFile maxPieceBytes
 */
public final class BareRelay implements AutoCloseable {
  private static final UnpooledByteBufAllocator DIRECT = new UnpooledByteBufAllocator(true);
  private final HttpClientAgent client;
  private final HttpServer server;

  private BareRelay(HttpClientAgent client, HttpServer server) {
    this.client = client;
    this.server = server;
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = org.xcaibridge.ops.VertxRuntime.create(); // as Main runs
    try {
      BareRelay relay = BridgeRetrievalBench.await(start(vertx, args[0], args[1],
          java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[2])), Integer.parseInt(args[3])));
      ChildJvm.serveUntilParentCloses(relay.url());
      relay.close();
    } finally {
      BridgeRetrievalBench.await(vertx.close());
    }
  }

  /** Listens on a free loopback port; each GET relays {@code body} POSTed with {@code contentType} to {@code to}. */
  static Future<BareRelay> start(Vertx vertx, String to, String contentType, byte[] body, int maxPieceBytes) {
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setMaxChunkSize(maxPieceBytes));
    Buffer request = Buffer.buffer(body);
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(in -> {
      in.pause();
      client.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(to)
              .putHeader("Content-Type", contentType))
          .compose(r -> {
            // read into direct memory that goes on as it is, as the bridge reads RAD-75 answers (Vert.x copies what its
            // own pooled allocator reads into fresh heap buffers: a copy of every byte the bridge does not make)
            ((Http1xClientConnection) r.connection()).channel().config().setAllocator(DIRECT);
            return r.send(request);
          })
          .onSuccess(answer -> {
            HttpServerResponse out = in.response().setChunked(true)
                .putHeader("Content-Type", answer.getHeader("Content-Type"));
            answer.handler(b -> {
              out.write(b).onComplete(written -> ((BufferImpl) b).byteBuf().release());
              if (out.writeQueueFull()) {
                answer.pause();
                out.drainHandler(v -> answer.resume());
              }
            });
            answer.endHandler(v -> out.end());
          })
          .onFailure(t -> in.response().setStatusCode(502).end(String.valueOf(t)));
    }).listen().map(s -> new BareRelay(client, s));
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  @Override
  public void close() throws Exception {
    BridgeRetrievalBench.await(server.close());
    BridgeRetrievalBench.await(client.close());
  }
}
