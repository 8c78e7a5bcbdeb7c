package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Vert.x server and client configured by {@link TlsSetup} from the generated demo PKI complete a
 * two-way TLS handshake: the server sees the client certificate, the client verifies the server's
 * name, and only TLS 1.2/1.3 with the configured suites are negotiated.
 */
class TwoWayTlsWithGeneratedPkiTest {
  private Vertx vertx;
  private TlsRig rig;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    rig = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  @Test
  void clientAndServerAuthenticateEachOther() throws Exception {
    HttpClientOptions client = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    String[] answer = TlsRig.get(vertx, client, "127.0.0.1", rig.port()).split("\\|");
    assertThat(answer[0]).isEqualTo("CN=XCA-I Bridge client,O=XCA-I Bridge demo");
    assertThat(answer[1]).isEqualTo("TLSv1.3");
    // the DNS subjectAltName is checked as well as the IP one
    assertThat(TlsRig.get(vertx, client, "localhost", rig.port())).startsWith("CN=XCA-I Bridge client");
    assertThat(rig.answered()).isEqualTo(2);
  }

  @Test
  void tls12WithAConfiguredSuiteIsNegotiated() throws Exception {
    TlsSettings settings = TestPki.shared().clientTls().withProtocols(Set.of("TLSv1.2"))
        .withCipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
    String[] answer = TlsRig.get(vertx, TlsSetup.load(settings).httpClientOptions(), "127.0.0.1", rig.port())
        .split("\\|");
    assertThat(answer[1]).isEqualTo("TLSv1.2");
    assertThat(answer[2]).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  }

  @Test
  void disjointCipherSuitesFailThenMatchingOnesWork() throws Exception {
    TlsRig narrow = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()
        .withCipherSuites(List.of("TLS_AES_256_GCM_SHA384"))).httpServerOptions());
    TlsSettings other = TestPki.shared().clientTls().withCipherSuites(List.of("TLS_AES_128_GCM_SHA256"));
    String refusal = TlsRig.refusal(vertx, TlsSetup.load(other).httpClientOptions(), "127.0.0.1", narrow.port());
    assertThat(refusal).containsIgnoringCase("handshake");
    assertThat(narrow.answered()).isZero();

    String[] answer = TlsRig.get(vertx, TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions(),
        "127.0.0.1", narrow.port()).split("\\|");
    assertThat(answer[2]).isEqualTo("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void netClientVerifiesTheServerAndPresentsItsCertificate() throws Exception {
    var server = vertx.createNetServer(TlsSetup.load(TestPki.shared().serverTls()).netServerOptions())
        // answers only once the client speaks, so the client's handler is in place before any byte arrives
        .connectHandler(s -> s.handler(b -> s.end(Buffer.buffer("peer " + peerSubject(s)))));
    int port = TlsRig.await(server.listen(0, "127.0.0.1")).actualPort();
    var options = TlsSetup.load(TestPki.shared().clientTls()).netClientOptions();
    assertThat(options.getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
    // held in a variable until the answer is in: Vert.x closes a client that is no longer referenced (its cleaner)
    NetClient client = vertx.createNetClient(options);
    String received = TlsRig.await(client.connect(port, "127.0.0.1").compose(socket -> {
      Promise<String> done = Promise.promise();
      Buffer in = Buffer.buffer();
      socket.handler(in::appendBuffer);
      socket.exceptionHandler(done::tryFail);
      socket.endHandler(v -> done.tryComplete(in.toString()));
      socket.write("?");
      return done.future();
    }).eventually(client::close));
    assertThat(received).isEqualTo("peer CN=XCA-I Bridge client,O=XCA-I Bridge demo");
  }

  private static String peerSubject(NetSocket s) {
    try {
      return ((X509Certificate) s.peerCertificates().get(0)).getSubjectX500Principal().getName();
    } catch (SSLPeerUnverifiedException e) {
      return "none";
    }
  }
}
