package org.xcaibridge.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the product would never make, built with BouncyCastle (an implementation independent
 * of keytool): a foreign CA, expired certificates, certificates for another host.
 */
final class TestCerts {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestCerts() {}

  /** A key and its chain, leaf first. */
  record Issued(PrivateKey key, List<X509Certificate> chain) {
    X509Certificate certificate() {
      return chain.get(0);
    }

    /** Writes chain and key as PEM into dir and names them as a key store. */
    TlsKeyStore.Pem writePem(Path dir, String name) {
      try {
        Path chainFile = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        Files.writeString(chainFile, TlsPem.certificateChain(chain), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, TlsPem.encode("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new TlsKeyStore.Pem(chainFile, keyFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (java.security.cert.CertificateException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed CA valid from now − 1 day for the given time. */
  static Issued ca(String commonName, Duration validity) {
    KeyPair kp = rsa();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=" + commonName);
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validity)), name, kp.getPublic());
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(kp.getPrivate(), List.of(sign(b, kp.getPrivate())));
  }

  /**
   * A leaf for the given names, valid from notBefore to notAfter, signed by the issuer; its chain is
   * leaf + issuer.
   */
  static Issued leaf(String commonName, X509Certificate issuer, PrivateKey issuerKey, Instant notBefore,
      Instant notAfter, List<String> dnsNames, List<String> ips, KeyPurposeId purpose) {
    KeyPair kp = rsa();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
        Date.from(notAfter), new javax.security.auth.x500.X500Principal("CN=" + commonName), kp.getPublic());
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    try {
      if (!names.isEmpty()) {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
      }
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Issued(kp.getPrivate(), List.of(sign(b, issuerKey), issuer));
  }

  /** A leaf for localhost/127.0.0.1 valid now for a day, signed by the issuer. */
  static Issued validLeaf(String commonName, Issued issuer, KeyPurposeId purpose) {
    Instant now = Instant.now();
    return leaf(commonName, issuer.certificate(), issuer.key(), now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(1)), List.of("localhost"), List.of("127.0.0.1"), purpose);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.incrementAndGet());
  }
}
