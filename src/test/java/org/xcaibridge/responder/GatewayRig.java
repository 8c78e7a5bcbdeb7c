package org.xcaibridge.responder;

import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

/**
 * A responding gateway for tests: our {@link RespondingGateway} over a {@link FolderArchive} (or any archive) on
 * 127.0.0.1, a free port, plus a plain JDK HTTP client to post hand-made requests. Closed with {@link #close()}.
 */
final class GatewayRig implements AutoCloseable {
  /** The identity the tests' community answers as; the repository id is the archive's manifests'. */
  static final ResponderIdentity IDENTITY = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.110",
      ArchiveTestSupport.MANIFESTS.repositoryUniqueId(), "1.3.6.1.4.1.21367.13.20.110");
  static final String SOAP = "application/soap+xml; charset=UTF-8";

  final Vertx vertx;
  final ImageArchive archive;
  final RespondingGateway gateway;
  final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private GatewayRig(Vertx vertx, ImageArchive archive, RespondingGateway gateway, HttpServer server) {
    this.vertx = vertx;
    this.archive = archive;
    this.gateway = gateway;
    this.server = server;
  }

  /** A gateway over a folder archive of {@code folder}, its index under {@code work}. */
  static GatewayRig overFolder(Path folder, Path work) throws Exception {
    Vertx vertx = Vertx.vertx();
    FolderArchive archive = await(FolderArchive.start(vertx,
        ArchiveTestSupport.options(folder, work, Duration.ZERO)));
    return over(vertx, archive, ResponderSettings.DEFAULT);
  }

  static GatewayRig over(Vertx vertx, ImageArchive archive, ResponderSettings settings) throws Exception {
    RespondingGateway gateway = new RespondingGateway(vertx, archive, IDENTITY, settings);
    HttpServer server = await(gateway.listen("127.0.0.1", 0));
    return new GatewayRig(vertx, archive, gateway, server);
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /**
   * A SOAP 1.2 request envelope with WS-Addressing headers, as text (so a test can break any part of it): the body
   * is pasted in as it is, less an XML declaration; a null action leaves wsa:Action out.
   */
  static byte[] envelope(String action, String to, String body) {
    String b = body.strip().replaceFirst("^<\\?xml[^>]*\\?>", "");
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
        + "<s:Header>" + (action == null ? "" : "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>")
        + "<a:MessageID>urn:uuid:" + UUID.randomUUID() + "</a:MessageID>"
        + "<a:ReplyTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></a:ReplyTo>"
        + "<a:To>" + to + "</a:To></s:Header><s:Body>" + b + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
  }

  /** Posts bytes; the answer's status, Content-Type and body. */
  Answer post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  Answer send(String method, String path) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return answer(http.send(r, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private static Answer answer(HttpResponse<byte[]> r) {
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Allow").orElse(null), r.body());
  }

  record Answer(int status, String contentType, String allow, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      await(gateway.close());
      await(archive.close());
    } finally {
      await(vertx.close());
    }
  }
}
