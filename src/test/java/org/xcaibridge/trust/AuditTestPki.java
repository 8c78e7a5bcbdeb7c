package org.xcaibridge.trust;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the syslog-over-TLS tests, made with BouncyCastle at test time: a CA, a repository
 * (server) certificate for 127.0.0.1/localhost and a bridge (client) certificate, all EC P-256. Mutual TLS,
 * TLS 1.2/1.3 only, as an ATNA secure node would use.
 */
final class AuditTestPki {
  private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  final String caPem;
  final String serverCertPem;
  final String serverKeyPem;
  final String clientCertPem;
  final String clientKeyPem;

  private AuditTestPki(String caPem, String serverCertPem, String serverKeyPem, String clientCertPem,
      String clientKeyPem) {
    this.caPem = caPem;
    this.serverCertPem = serverCertPem;
    this.serverKeyPem = serverKeyPem;
    this.clientCertPem = clientCertPem;
    this.clientKeyPem = clientKeyPem;
  }

  static AuditTestPki generate() throws Exception {
    KeyPair ca = ecKeyPair();
    X500Name caName = new X500Name("CN=XCA-I Bridge audit test CA");
    X509Certificate caCert = sign(caName, ca.getPublic(), caName, ca.getPrivate(), true, null, null);
    KeyPair server = ecKeyPair();
    X509Certificate serverCert = sign(new X500Name("CN=localhost"), server.getPublic(), caName, ca.getPrivate(), false,
        new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}), KeyPurposeId.id_kp_serverAuth);
    KeyPair client = ecKeyPair();
    X509Certificate clientCert = sign(new X500Name("CN=bridge.test"), client.getPublic(), caName, ca.getPrivate(),
        false, null, KeyPurposeId.id_kp_clientAuth);
    return new AuditTestPki(pem(caCert), pem(serverCert), pem(new JcaPKCS8Generator(server.getPrivate(), null)),
        pem(clientCert), pem(new JcaPKCS8Generator(client.getPrivate(), null)));
  }

  /** The audit repository's side: requires a client certificate from our CA. */
  NetServerOptions serverOptions() {
    return new NetServerOptions().setHost("127.0.0.1").setSsl(true).setClientAuth(ClientAuth.REQUIRED)
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyValue(Buffer.buffer(serverKeyPem))
            .setCertValue(Buffer.buffer(serverCertPem)))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)));
  }

  /** The bridge's side: presents its certificate, verifies the repository's against the CA and its host name. */
  NetClientOptions clientOptions() {
    NetClientOptions o = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
        .setConnectTimeout(2000)
        .setKeyCertOptions(new PemKeyCertOptions().setKeyValue(Buffer.buffer(clientKeyPem))
            .setCertValue(Buffer.buffer(clientCertPem)))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)));
    o.setEnabledSecureTransportProtocols(PROTOCOLS);
    return o;
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return g.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, PublicKey key, X500Name issuer,
      PrivateKey issuerKey, boolean ca, GeneralNames sans, KeyPurposeId purpose) throws Exception {
    Instant now = Instant.now();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, key);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    if (sans != null) {
      b.addExtension(Extension.subjectAlternativeName, false, sans);
    }
    if (purpose != null) {
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static String pem(Object o) throws Exception {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString();
  }
}
