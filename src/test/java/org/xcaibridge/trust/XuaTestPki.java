package org.xcaibridge.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test keys and certificates made with BouncyCastle: a trusted CA and a gateway signing certificate it
 * issued, an unrelated CA with its own signer (untrusted), and an expired signer of the trusted CA.
 * Generated once per JVM; the signing key travels through a real PKCS#12 key store, as in production.
 */
final class XuaTestPki {
  private XuaTestPki() {}

  static final Instant NOW = Instant.parse("2025-06-02T10:00:00Z");
  private static final AtomicLong SERIAL = new AtomicLong(1000);
  static final char[] PASSWORD = "changeit".toCharArray();

  /** A certificate with its key. */
  record Issued(X509Certificate certificate, PrivateKey key) {
    String pem() {
      try {
        return "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final Issued CA = ca("CN=XCA-I Bridge Test CA,O=XCA-I Bridge Tests,C=US");
  static final Issued SIGNER = leaf(CA, "CN=gateway.test.example,OU=CAREQUALITY,O=XCA-I Bridge Tests,C=US",
      NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
  static final Issued OTHER_CA = ca("CN=Some Other CA,O=Elsewhere,C=US");
  static final Issued UNTRUSTED_SIGNER = leaf(OTHER_CA, "CN=gateway.elsewhere.example,O=Elsewhere,C=US",
      NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
  static final Issued EXPIRED_SIGNER = leaf(CA, "CN=expired.test.example,O=XCA-I Bridge Tests,C=US",
      NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(35)));

  /** The signing key of {@code issued} as read back from a PKCS#12 key store. */
  static XuaSignerConfig.SigningKey signingKey(Issued issued, Issued issuer) {
    try {
      KeyStore p12 = KeyStore.getInstance("PKCS12");
      p12.load(null, null);
      p12.setKeyEntry("gateway", issued.key(), PASSWORD,
          new java.security.cert.Certificate[] {issued.certificate(), issuer.certificate()});
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      p12.store(bytes, PASSWORD);
      KeyStore loaded = KeyStore.getInstance("PKCS12");
      loaded.load(new ByteArrayInputStream(bytes.toByteArray()), PASSWORD);
      return XuaSignerConfig.SigningKey.fromKeyStore(loaded, "gateway", PASSWORD);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Issued ca(String dn) {
    KeyPair pair = rsa();
    X500Principal name = new X500Principal(dn);
    return new Issued(build(name, pair, name, pair.getPrivate(), NOW.minus(Duration.ofDays(3650)),
        NOW.plus(Duration.ofDays(3650)), true), pair.getPrivate());
  }

  private static Issued leaf(Issued ca, String dn, Instant from, Instant to) {
    KeyPair pair = rsa();
    return new Issued(build(new X500Principal(dn), pair, ca.certificate().getSubjectX500Principal(), ca.key(),
        from, to, false), pair.getPrivate());
  }

  private static X509Certificate build(X500Principal subject, KeyPair pair, X500Principal issuer,
      PrivateKey issuerKey, Instant from, Instant to, boolean ca) {
    try {
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to), subject, pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign
          : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
      // Round trip through the JDK's factory so equals/encoding behave like certificates read from files.
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
