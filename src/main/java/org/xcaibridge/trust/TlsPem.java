package org.xcaibridge.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM, the textual encoding of RFC 7468: reading certificates and PKCS#8 private keys, and writing
 * them for curl and openssl. Only the labels the bridge needs; anything else is named in the error.
 */
final class TlsPem {
  private TlsPem() {}

  /** One {@code -----BEGIN label-----} … {@code -----END label-----} block, decoded. */
  record Block(String label, byte[] der) {}

  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final int LINE = 64;

  /** The blocks in the text, in order; text between blocks (openssl's "Bag Attributes") is ignored. */
  static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the base64 of a PEM " + m.group(1) + " block is damaged", e);
      }
    }
    return out;
  }

  static List<X509Certificate> certificates(String text) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certs = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.label().equals("CERTIFICATE")) {
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    return certs;
  }

  /** The one PKCS#8 private key in the text (RSA or EC). */
  static PrivateKey privateKey(String text) throws GeneralSecurityException {
    List<Block> keys = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.label().endsWith("PRIVATE KEY")) {
        keys.add(b);
      }
    }
    if (keys.size() != 1) {
      throw new GeneralSecurityException("expected one PEM private key, found " + keys.size());
    }
    Block key = keys.get(0);
    if (!key.label().equals("PRIVATE KEY")) {
      // PKCS#1 ("RSA PRIVATE KEY"), SEC 1 ("EC PRIVATE KEY") and encrypted keys need a parser or a
      // password the JDK does not offer here; one openssl command converts them
      throw new GeneralSecurityException("PEM " + key.label() + " is not supported: convert it to "
          + "unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt) or use a PKCS#12 store");
    }
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.der()));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("the PEM private key is neither RSA nor EC", last);
  }

  static String encode(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder sb = new StringBuilder(b64.length() + 100);
    sb.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += LINE) {
      sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
    }
    return sb.append("-----END ").append(label).append("-----\n").toString();
  }

  static String certificateChain(List<X509Certificate> chain) throws CertificateException {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : chain) {
      sb.append(encode("CERTIFICATE", c.getEncoded()));
    }
    return sb.toString();
  }

  static byte[] ascii(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}
