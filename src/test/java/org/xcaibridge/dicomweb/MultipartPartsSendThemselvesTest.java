package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A part with a sender (a cached instance that goes out as file regions) writes the part's head the writer made and
 * its own bytes into the response of a writer made for a request, between the writer's delimiters, and its body
 * stream is not read; a sender that fails aborts the response without the closing delimiter (the client sees a
 * reset, not an end).
 */
class MultipartPartsSendThemselvesTest {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private HttpServer server;

  @AfterEach
  void close() throws Exception {
    if (server != null) {
      server.close().await(10, TimeUnit.SECONDS);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theSenderWritesThePartAndTheBodyIsLeftUnread() throws Exception {
    String body = get(req -> List.of(
        new MultipartRelatedWriter.Part("application/dicom", "/a", 5, unread(), null,
            (r, head) -> r.response().write(head).compose(v -> r.response().write(Buffer.buffer("hello"))).map(0L)),
        new MultipartRelatedWriter.Part("application/dicom", "/b", -1, new ChunkedSource(vertx.getOrCreateContext(),
            "world".getBytes(StandardCharsets.US_ASCII), 2, -1))));
    String boundary = body.substring(2, body.indexOf("\r\n"));
    assertThat(body).isEqualTo("--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Location: /a\r\n"
        + "Content-Length: 5\r\n\r\nhello\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\n"
        + "Content-Location: /b\r\n\r\nworld\r\n--" + boundary + "--\r\n");
  }

  @Test
  void aFailingSenderAbortsWithoutTheClosingDelimiter() {
    assertThatThrownBy(() -> get(req -> List.of(
        new MultipartRelatedWriter.Part("application/dicom", "/a", -1, unread(), null,
            (r, head) -> r.response().write(head.copy().appendString("half")).compose(v ->
                Future.<Long>failedFuture(new IOException("the disk failed")))))))
        .isInstanceOf(IOException.class);
  }

  /** A body that fails the part if anything reads it. */
  private ChunkedSource unread() {
    return new ChunkedSource(vertx.getOrCreateContext(), new byte[16], 4, 0);
  }

  /** Answers a GET with a writer for the request over {@code parts}; gives the body the client read. */
  private String get(Function<HttpServerRequest, List<MultipartRelatedWriter.Part>> parts) throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)).requestHandler(req -> {
      MultipartRelatedWriter w = MultipartRelatedWriter.forRequest(req, "application/dicom", null);
      Iterator<MultipartRelatedWriter.Part> it = parts.apply(req).iterator();
      w.writeAll(() -> Future.succeededFuture(it.hasNext() ? it.next() : null));
    }).listen().await(10, TimeUnit.SECONDS);
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
        + "/")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.ISO_8859_1);
  }
}
