package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate from a CA that is not in the trust store is refused in both directions: the client
 * will not talk to such a server, the server will not accept such a client. After each refusal the
 * demo PKI's own certificates still work.
 */
class TlsRefusesUntrustedCaTest {
  @TempDir Path dir;
  private Vertx vertx;
  private TlsRig demoServer;
  private TestCerts.Issued foreignCa;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    demoServer = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
    foreignCa = TestCerts.ca("Foreign CA", Duration.ofDays(30));
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  @Test
  void clientRefusesAServerCertifiedByAnotherCa() throws Exception {
    TestCerts.Issued foreignServer = TestCerts.validLeaf("localhost", foreignCa, KeyPurposeId.id_kp_serverAuth);
    // the foreign server trusts the demo CA, so only the client's check can stop the handshake
    TlsSettings serverSettings = TlsSettings.of(foreignServer.writePem(dir, "foreign-server"),
        new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
    TlsRig foreign = TlsRig.start(vertx, TlsSetup.load(serverSettings).httpServerOptions());
    var client = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();

    assertThat(TlsRig.refusal(vertx, client, "127.0.0.1", foreign.port()))
        .contains("unable to find valid certification path");
    assertThat(foreign.answered()).isZero();

    assertThat(TlsRig.get(vertx, client, "127.0.0.1", demoServer.port())).startsWith("CN=XCA-I Bridge client");
  }

  @Test
  void serverRefusesAClientCertifiedByAnotherCa() throws Exception {
    TestCerts.Issued foreignClient = TestCerts.validLeaf("intruder", foreignCa, KeyPurposeId.id_kp_clientAuth);
    TlsSettings intruder = TlsSettings.of(foreignClient.writePem(dir, "foreign-client"),
        new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
    var options = TlsSetup.load(intruder).httpClientOptions();
    options.setKeyCertOptions(AnyIssuerKeyManager.options(foreignClient));

    TlsRig.refusal(vertx, options, "127.0.0.1", demoServer.port());
    assertThat(demoServer.answered()).isZero();
    assertThat(demoServer.serverFailures()).contains("unable to find valid certification path");

    var good = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    assertThat(TlsRig.get(vertx, good, "127.0.0.1", demoServer.port())).startsWith("CN=XCA-I Bridge client");
  }
}
