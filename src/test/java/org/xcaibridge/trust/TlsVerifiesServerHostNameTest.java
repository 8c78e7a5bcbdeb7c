package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose certificate is trusted but names another host is refused by both the HTTP and the
 * TCP client: trusting the CA is not enough, the name must match (RFC 6125).
 */
class TlsVerifiesServerHostNameTest {
  @TempDir Path dir;
  private Vertx vertx;
  private TlsRig elsewhere;
  private TlsRig demoServer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Instant now = Instant.now();
    TestCerts.Issued other = TestCerts.leaf("other.example", TestPki.caCertificate(), TestPki.caKey(),
        now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), List.of("other.example"), List.of("10.9.8.7"),
        KeyPurposeId.id_kp_serverAuth);
    TlsSettings settings = TlsSettings.of(other.writePem(dir, "other"),
        new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
    elsewhere = TlsRig.start(vertx, TlsSetup.load(settings).httpServerOptions());
    demoServer = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  @Test
  void httpClientRefusesAServerNamedForAnotherHost() throws Exception {
    var client = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    assertThat(TlsRig.refusal(vertx, client, "127.0.0.1", elsewhere.port()))
        .contains("No subject alternative names matching IP address 127.0.0.1");
    assertThat(TlsRig.refusal(vertx, client, "localhost", elsewhere.port()))
        .contains("No subject alternative DNS name matching localhost");
    assertThat(elsewhere.answered()).isZero();

    assertThat(TlsRig.get(vertx, client, "127.0.0.1", demoServer.port())).startsWith("CN=XCA-I Bridge client");
  }

  @Test
  void netClientRefusesAServerNamedForAnotherHost() throws Exception {
    var server = vertx.createNetServer(TlsSetup.load(TlsSettings.of(
            new TlsKeyStore.Pem(dir.resolve("other.pem"), dir.resolve("other-key.pem")),
            new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)))).netServerOptions())
        .connectHandler(s -> s.end());
    int port = TlsRig.await(server.listen(0, "127.0.0.1")).actualPort();
    var options = TlsSetup.load(TestPki.shared().clientTls()).netClientOptions();

    String failure;
    try {
      TlsRig.await(vertx.createNetClient(options).connect(port, "127.0.0.1").compose(s -> {
        Promise<Void> closed = Promise.promise();
        s.closeHandler(closed::tryComplete);
        return closed.future();
      }));
      failure = "connected";
    } catch (java.util.concurrent.ExecutionException e) {
      failure = TlsRig.describe(e.getCause());
    }
    assertThat(failure).contains("No subject alternative names matching IP address 127.0.0.1");
  }
}
