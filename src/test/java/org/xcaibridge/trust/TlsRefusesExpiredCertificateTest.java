package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A certificate issued by the trusted demo CA but past its notAfter is refused on either side; the
 * only thing wrong with it is the date, so the refusal is the validity check's.
 */
class TlsRefusesExpiredCertificateTest {
  @TempDir Path dir;
  private Vertx vertx;
  private TlsRig demoServer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    demoServer = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  private static TestCerts.Issued expired(String cn, KeyPurposeId purpose) {
    Instant now = Instant.now();
    return TestCerts.leaf(cn, TestPki.caCertificate(), TestPki.caKey(), now.minus(Duration.ofDays(10)),
        now.minus(Duration.ofDays(1)), List.of("localhost"), List.of("127.0.0.1"), purpose);
  }

  @Test
  void clientRefusesAServerWithAnExpiredCertificate() throws Exception {
    TlsSettings settings = TlsSettings.of(expired("localhost", KeyPurposeId.id_kp_serverAuth).writePem(dir, "old"),
        new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
    TlsRig old = TlsRig.start(vertx, TlsSetup.load(settings).httpServerOptions());
    var client = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();

    assertThat(TlsRig.refusal(vertx, client, "127.0.0.1", old.port())).contains("validity check failed");
    assertThat(old.answered()).isZero();

    assertThat(TlsRig.get(vertx, client, "127.0.0.1", demoServer.port())).startsWith("CN=XCA-I Bridge client");
  }

  @Test
  void serverRefusesAClientWithAnExpiredCertificate() throws Exception {
    TlsSettings settings = TlsSettings.of(expired("old client", KeyPurposeId.id_kp_clientAuth).writePem(dir, "old"),
        new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));

    TlsRig.refusal(vertx, TlsSetup.load(settings).httpClientOptions(), "127.0.0.1", demoServer.port());
    assertThat(demoServer.answered()).isZero();
    assertThat(demoServer.serverFailures()).contains("validity check failed");

    var good = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    assertThat(TlsRig.get(vertx, good, "127.0.0.1", demoServer.port())).startsWith("CN=XCA-I Bridge client");
  }
}
