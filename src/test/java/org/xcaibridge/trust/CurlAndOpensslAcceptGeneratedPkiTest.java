package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;

/**
 * The generated PKI is usable outside the JVM, as issue 7 promises ("so that curl, openssl or another
 * gateway can use it"): openssl verifies the chains for their purposes and names, reads the PKCS#12
 * stores with the passwords from the file beside them, and finds the PEM keys matching the
 * certificates; curl and openssl s_client complete two-way TLS with our Vert.x server.
 */
class CurlAndOpensslAcceptGeneratedPkiTest {
  @TempDir Path dir;
  private static PkiFiles pki;
  private Vertx vertx;
  private TlsRig server;

  @BeforeAll
  static void pki() {
    pki = TestPki.shared();
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TlsRig.start(vertx, TlsSetup.load(pki.serverTls()).httpServerOptions());
  }

  @AfterEach
  void stop() throws Exception {
    TlsRig.await(vertx.close());
  }

  private static String f(String name) {
    return pki.file(name).toString();
  }

  private static ExternalTools.Result ok(String... command) throws Exception {
    ExternalTools.Result r = TrustTools.run(command);
    assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.stderr()).isZero();
    return r;
  }

  @Test
  void opensslVerifiesChainsPurposesAndNames() throws Exception {
    TrustTools.requireOpenssl();
    assertThat(ok("openssl", "verify", "-CAfile", f(PkiFiles.CA_CERT), "-purpose", "sslserver",
        "-verify_hostname", "localhost", f(PkiFiles.SERVER_CHAIN)).out()).contains(": OK");
    assertThat(ok("openssl", "verify", "-CAfile", f(PkiFiles.CA_CERT), "-purpose", "sslserver",
        "-verify_ip", "127.0.0.1", f(PkiFiles.SERVER_CHAIN)).out()).contains(": OK");
    assertThat(ok("openssl", "verify", "-CAfile", f(PkiFiles.CA_CERT), "-purpose", "sslclient",
        f(PkiFiles.CLIENT_CHAIN)).out()).contains(": OK");
    // the server certificate is for servers only, and names no other host
    assertThat(TrustTools.run("openssl", "verify", "-CAfile", f(PkiFiles.CA_CERT), "-purpose", "sslclient",
        f(PkiFiles.SERVER_CHAIN)).exitCode()).isNotZero();
    assertThat(TrustTools.run("openssl", "verify", "-CAfile", f(PkiFiles.CA_CERT), "-verify_hostname",
        "other.example", f(PkiFiles.SERVER_CHAIN)).exitCode()).isNotZero();
    String text = ok("openssl", "x509", "-in", f(PkiFiles.SERVER_CHAIN), "-noout", "-text").out();
    assertThat(text).contains("DNS:localhost").contains("IP Address:127.0.0.1").contains("sha256WithRSAEncryption");
  }

  @Test
  void opensslReadsTheStoresWithThePasswordsBesideThem() throws Exception {
    TrustTools.requireOpenssl();
    for (String[] pair : new String[][] {{PkiFiles.SERVER_STORE, PkiFiles.SERVER_KEY, PkiFiles.SERVER_CHAIN},
        {PkiFiles.CLIENT_STORE, PkiFiles.CLIENT_KEY, PkiFiles.CLIENT_CHAIN}}) {
      String password = pki.passwords().get(pair[0]);
      String fromStore = ok("openssl", "pkcs12", "-in", f(pair[0]), "-passin", "pass:" + password,
          "-nocerts", "-nodes").out();
      String storeKey = ok("openssl", "pkey", "-pubout", "-in", write("store-key.pem", fromStore)).out();
      String pemKey = ok("openssl", "pkey", "-pubout", "-in", f(pair[1])).out();
      String certKey = ok("openssl", "x509", "-pubkey", "-noout", "-in", f(pair[2])).out();
      assertThat(pemKey).isEqualTo(storeKey).isEqualTo(certKey);
      assertThat(TrustTools.run("openssl", "pkcs12", "-in", f(pair[0]), "-passin", "pass:wrong", "-nokeys")
          .exitCode()).isNotZero();
    }
    String trust = ok("openssl", "pkcs12", "-in", f(PkiFiles.TRUST_STORE), "-passin",
        "pass:" + pki.passwords().get(PkiFiles.TRUST_STORE), "-nokeys").out();
    assertThat(trust).contains("subject=O = XCA-I Bridge demo, CN = XCA-I Bridge Test CA");
  }

  @Test
  void curlCompletesTwoWayTlsWithTheVertxServer() throws Exception {
    TrustTools.requireCurl();
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      String body = ok("curl", "-sS", "--max-time", "20", "--cacert", f(PkiFiles.CA_CERT), "--cert",
          f(PkiFiles.CLIENT_CHAIN), "--key", f(PkiFiles.CLIENT_KEY), "https://" + host + ":" + server.port() + "/").out();
      assertThat(body).startsWith("CN=XCA-I Bridge client,O=XCA-I Bridge demo|TLSv1.3|");
    }
    String tls12 = ok("curl", "-sS", "--max-time", "20", "--tlsv1.2", "--tls-max", "1.2", "--cacert",
        f(PkiFiles.CA_CERT), "--cert", f(PkiFiles.CLIENT_CHAIN), "--key", f(PkiFiles.CLIENT_KEY),
        "https://127.0.0.1:" + server.port() + "/").out();
    assertThat(tls12).contains("|TLSv1.2|");
  }

  @Test
  void curlWithAForeignClientCertificateIsRefusedByTheServer() throws Exception {
    TrustTools.requireCurl();
    TestCerts.Issued foreign = TestCerts.validLeaf("intruder", TestCerts.ca("Foreign CA", Duration.ofDays(2)),
        KeyPurposeId.id_kp_clientAuth);
    TlsKeyStore.Pem files = foreign.writePem(dir, "intruder");
    var r = TrustTools.run("curl", "-sS", "--max-time", "20", "--cacert", f(PkiFiles.CA_CERT), "--cert",
        files.certificateChain().toString(), "--key", files.privateKey().toString(),
        "https://127.0.0.1:" + server.port() + "/");
    assertThat(r.exitCode()).isNotZero();
    assertThat(server.answered()).isZero();
    assertThat(server.serverFailures()).contains("unable to find valid certification path");

    ok("curl", "-sS", "--max-time", "20", "--cacert", f(PkiFiles.CA_CERT), "--cert", f(PkiFiles.CLIENT_CHAIN),
        "--key", f(PkiFiles.CLIENT_KEY), "https://127.0.0.1:" + server.port() + "/");
    assertThat(server.answered()).isEqualTo(1);
  }

  @Test
  void opensslClientVerifiesTheServerAndIsAccepted() throws Exception {
    TrustTools.requireOpenssl();
    var r = TrustTools.run("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(), "-brief",
        "-verify_return_error", "-verify_ip", "127.0.0.1", "-CAfile", f(PkiFiles.CA_CERT),
        "-cert", f(PkiFiles.CLIENT_CHAIN), "-key", f(PkiFiles.CLIENT_KEY));
    String all = r.out() + r.stderr();
    assertThat(r.exitCode()).as(all).isZero();
    assertThat(all).contains("Verification: OK").contains("Protocol version: TLSv1.3");
  }

  private String write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    java.nio.file.Files.writeString(p, text);
    return p.toString();
  }
}
