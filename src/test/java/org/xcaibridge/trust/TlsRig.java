package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSession;
import org.xcaibridge.testing.OnContext;

/**
 * A loopback HTTPS server that answers with the client certificate's subject and the negotiated
 * protocol and suite, and records the TLS failures it sees, so that a test can tell why a handshake
 * was refused on the server's side too.
 */
final class TlsRig {
  private final HttpServer server;
  private final AtomicInteger answered;
  private final List<Throwable> failures;

  private TlsRig(HttpServer server, AtomicInteger answered, List<Throwable> failures) {
    this.server = server;
    this.answered = answered;
    this.failures = failures;
  }

  static TlsRig start(Vertx vertx, HttpServerOptions options) throws Exception {
    AtomicInteger answered = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
        .exceptionHandler(failures::add)
        .requestHandler(req -> {
          answered.incrementAndGet();
          SSLSession s = req.connection().sslSession();
          String peer;
          try {
            peer = ((X509Certificate) req.connection().peerCertificates().get(0)).getSubjectX500Principal().getName();
          } catch (Exception e) {
            peer = "none";
          }
          req.response().end(peer + "|" + s.getProtocol() + "|" + s.getCipherSuite());
        });
    return new TlsRig(await(server.listen()), answered, failures);
  }

  /** How many requests the server answered. */
  int answered() {
    return answered.get();
  }

  /** What the server saw fail (handshakes it refused). */
  List<Throwable> failures() {
    return failures;
  }

  int port() {
    return server.actualPort();
  }

  /** GET / over a fresh client with these options; the body, or the failure as thrown. */
  static String get(Vertx vertx, HttpClientOptions options, String host, int port) throws Exception {
    HttpClientAgent client = vertx.createHttpClient(options);
    try {
      return OnContext.await(vertx, () -> client.request(HttpMethod.GET, port, host, "/")
          .compose(r -> r.send())
          .compose(r -> r.body())
          .map(Object::toString), Duration.ofSeconds(20));
    } finally {
      await(client.close());
    }
  }

  /** The failure of a GET that must fail, as text including every cause's message. */
  static String refusal(Vertx vertx, HttpClientOptions options, String host, int port) throws Exception {
    try {
      String body = get(vertx, options, host, port);
      throw new AssertionError("the request was answered: " + body);
    } catch (ExecutionException e) {
      return describe(e.getCause());
    }
  }

  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return sb.toString();
  }

  String serverFailures() {
    StringBuilder sb = new StringBuilder();
    for (Throwable t : failures) {
      sb.append(describe(t)).append('\n');
    }
    return sb.toString();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
