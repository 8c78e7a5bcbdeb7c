package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server requires a client certificate: a client that trusts it but presents none is refused. */
class TlsRefusesMissingClientCertificateTest {
  private Vertx vertx;
  private TlsRig server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TlsRig.start(vertx, TlsSetup.load(TestPki.shared().serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  @Test
  void vertxClientWithoutCertificateIsRefused() throws Exception {
    TlsSettings anonymous = TlsSettings.of(null, new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
    TlsRig.refusal(vertx, TlsSetup.load(anonymous).httpClientOptions(), "127.0.0.1", server.port());
    assertThat(server.answered()).isZero();
    assertThat(server.serverFailures()).contains("Empty client certificate chain");

    assertGoodClientWorks();
  }

  @Test
  void curlWithoutCertificateIsRefused() throws Exception {
    TrustTools.requireCurl();
    var r = TrustTools.run("curl", "-sS", "--max-time", "20", "--cacert",
        TestPki.shared().file(PkiFiles.CA_CERT).toString(), "https://127.0.0.1:" + server.port() + "/");
    assertThat(r.exitCode()).as(r.stderr()).isNotZero();
    assertThat(server.answered()).isZero();
    assertThat(server.serverFailures()).contains("Empty client certificate chain");

    assertGoodClientWorks();
  }

  private void assertGoodClientWorks() throws Exception {
    var good = TlsSetup.load(TestPki.shared().clientTls()).httpClientOptions();
    assertThat(TlsRig.get(vertx, good, "127.0.0.1", server.port())).startsWith("CN=XCA-I Bridge client");
  }
}
