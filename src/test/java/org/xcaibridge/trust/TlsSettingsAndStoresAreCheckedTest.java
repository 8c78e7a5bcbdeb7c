package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad TLS configuration fails when it is built or loaded, with a message that names the setting or
 * file: protocols other than 1.2/1.3, cipher suites this JDK lacks, stores that cannot be used. The
 * options built from good settings say exactly what was configured.
 */
class TlsSettingsAndStoresAreCheckedTest {
  @TempDir Path dir;

  private static TlsTrustStore demoTrust() {
    return new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT));
  }

  @Test
  void onlyTls12And13AreAccepted() {
    TlsSettings base = TlsSettings.of(null, null);
    assertThatThrownBy(() -> base.withProtocols(Set.of("TLSv1.1", "TLSv1.2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("protocol TLSv1.1 is not allowed");
    assertThatThrownBy(() -> base.withProtocols(Set.of("SSLv3"))).hasMessageContaining("SSLv3");
    assertThatThrownBy(() -> base.withProtocols(Set.of())).hasMessageContaining("was empty");
    assertThat(base.withProtocols(Set.of("TLSv1.3")).protocols()).containsExactly("TLSv1.3");
  }

  @Test
  void cipherSuitesMustBeKnownToTheJdkAndFitTheProtocols() {
    TlsSettings base = TlsSettings.of(null, null);
    assertThatThrownBy(() -> base.withCipherSuites(List.of("TLS_AES_128_GCM_SHA256", "TLS_MADE_UP_SUITE")))
        .hasMessageContaining("not supported by this JDK: [TLS_MADE_UP_SUITE]");
    assertThatThrownBy(() -> base.withCipherSuites(List.of("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")))
        .hasMessageContaining("TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    assertThatThrownBy(() -> base.withProtocols(Set.of("TLSv1.3"))
        .withCipherSuites(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")))
        .hasMessageContaining("can be used with protocols [TLSv1.3]");
    assertThat(base.withCipherSuites(List.of("TLS_AES_256_GCM_SHA384")).cipherSuites())
        .containsExactly("TLS_AES_256_GCM_SHA384");
  }

  @Test
  void windowsAndTimeoutsAreBounded() {
    TlsSettings base = TlsSettings.of(null, null);
    assertThatThrownBy(() -> base.withExpiryWarning(Duration.ofDays(-1))).hasMessageContaining("expiryWarning");
    assertThatThrownBy(() -> new TlsSettings(null, null, Set.of("TLSv1.3"), List.of(), Duration.ofDays(1),
        Duration.ZERO)).hasMessageContaining("handshakeTimeout must be > 0");
  }

  @Test
  void optionsCarryWhatWasConfigured() {
    TlsSetup setup = TlsSetup.load(TestPki.shared().serverTls().withProtocols(Set.of("TLSv1.3"))
        .withCipherSuites(List.of("TLS_AES_256_GCM_SHA384")));
    var server = setup.httpServerOptions();
    assertThat(server.isSsl()).isTrue();
    assertThat(server.getClientAuth()).isEqualTo(io.vertx.core.http.ClientAuth.REQUIRED);
    assertThat(server.getEnabledSecureTransportProtocols()).containsExactly("TLSv1.3");
    assertThat(server.getEnabledCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384");
    assertThat(server.getSslHandshakeTimeout()).isEqualTo(10_000);
    var client = setup.httpClientOptions();
    assertThat(client.isVerifyHost()).isTrue();
    assertThat(client.isTrustAll()).isFalse();
    assertThat(setup.netClientOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
  }

  @Test
  void passwordsAreRequiredAndNeverPrinted() {
    assertThatThrownBy(() -> new TlsKeyStore.Pkcs12(Path.of("k.p12"), ""))
        .hasMessageContaining("password of PKCS#12 store k.p12 must not be empty");
    assertThat(new TlsKeyStore.Pkcs12(Path.of("k.p12"), "s3cret").toString()).doesNotContain("s3cret");
    assertThat(new TlsTrustStore.Pkcs12(Path.of("t.p12"), "s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void unusableStoresAreNamed() throws Exception {
    PkiFiles pki = TestPki.shared();
    Path server = pki.file(PkiFiles.SERVER_STORE);
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pkcs12(server, "wrong"), demoTrust())))
        .isInstanceOf(TlsConfigException.class).hasMessageContaining("wrong password for PKCS#12 store " + server);
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pkcs12(dir.resolve("none.p12"), "x"), null)))
        .isInstanceOf(TlsConfigException.class).hasMessageContaining("none.p12 does not exist");
    // a key store is not a trust store: it has no trusted certificate entry
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(null,
        new TlsTrustStore.Pkcs12(server, pki.passwords().get(PkiFiles.SERVER_STORE)))))
        .isInstanceOf(TlsConfigException.class).hasMessageContaining("holds no trusted certificate entry");
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(null, new TlsTrustStore.Pem(pki.file(PkiFiles.SERVER_KEY)))))
        .isInstanceOf(TlsConfigException.class).hasMessageContaining("holds no PEM CERTIFICATE");
  }

  @Test
  void keysMustBeSingleMatchingAndPkcs8() throws Exception {
    PkiFiles pki = TestPki.shared();
    var mismatched = new TlsKeyStore.Pem(pki.file(PkiFiles.SERVER_CHAIN), pki.file(PkiFiles.CLIENT_KEY));
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(mismatched, demoTrust())))
        .isInstanceOf(TlsConfigException.class).hasMessageContaining("does not belong to the first certificate");

    String pkcs8 = Files.readString(pki.file(PkiFiles.SERVER_KEY));
    Path pkcs1 = dir.resolve("rsa.pem");
    Files.writeString(pkcs1, pkcs8.replace("PRIVATE KEY", "RSA PRIVATE KEY"));
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(
        new TlsKeyStore.Pem(pki.file(PkiFiles.SERVER_CHAIN), pkcs1), demoTrust())))
        .hasMessageContaining("PEM RSA PRIVATE KEY is not supported").hasMessageContaining("openssl pkcs8 -topk8");

    TestCerts.Issued a = TestCerts.validLeaf("a", TestCerts.ca("ca", Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
    KeyStore two = KeyStore.getInstance("PKCS12");
    two.load(null, null);
    two.setKeyEntry("one", a.key(), "pw".toCharArray(), a.chain().toArray(new java.security.cert.Certificate[0]));
    two.setKeyEntry("two", a.key(), "pw".toCharArray(), a.chain().toArray(new java.security.cert.Certificate[0]));
    Path twoKeys = dir.resolve("two.p12");
    try (var out = Files.newOutputStream(twoKeys)) {
      two.store(out, "pw".toCharArray());
    }
    assertThatThrownBy(() -> TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pkcs12(twoKeys, "pw"), null)))
        .hasMessageContaining("must hold exactly one private key, holds 2");

    // and the good PEM pair loads
    assertThat(TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pem(pki.file(PkiFiles.SERVER_CHAIN),
        pki.file(PkiFiles.SERVER_KEY)), demoTrust())).certificateChain()).hasSize(2);
  }

  @Test
  void aServerNeedsItsOwnKeyAndTrustStore() {
    TlsSetup clientOnly = TlsSetup.load(TlsSettings.of(null, demoTrust()));
    assertThatThrownBy(clientOnly::httpServerOptions).isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("needs a key store");
    TlsSetup noTrust = TlsSetup.load(TlsSettings.of(TestPki.shared().serverTls().keyStore(), null));
    assertThatThrownBy(noTrust::httpServerOptions).isInstanceOf(TlsConfigException.class)
        .hasMessageContaining("needs its own trust store");
    assertThatThrownBy(noTrust::netServerOptions).isInstanceOf(TlsConfigException.class);
  }
}
