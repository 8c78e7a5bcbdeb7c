package org.xcaibridge.trust;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificates this side trusts to sign the peer's chain: a PKCS#12 store of trusted certificate
 * entries (as {@code keytool -importcert} writes them), or a PEM file of one or more certificates.
 * The same anchors verify servers (on clients) and client certificates (on servers).
 */
public sealed interface TlsTrustStore permits TlsTrustStore.Pkcs12, TlsTrustStore.Pem {

  /** A PKCS#12 trust store. */
  record Pkcs12(Path path, String password) implements TlsTrustStore {
    public Pkcs12 {
      Objects.requireNonNull(path, "path");
      requirePassword(password, path);
    }

    /** Never prints the password: settings end up in start-up logs. */
    @Override
    public String toString() {
      return "PKCS#12 trust store " + path;
    }
  }

  /** A PEM file of trusted certificates. */
  record Pem(Path certificates) implements TlsTrustStore {
    public Pem {
      Objects.requireNonNull(certificates, "certificates");
    }
  }

  static void requirePassword(String password, Path path) {
    // without a password the JDK loads a PKCS#12 file but skips its integrity check and cannot
    // decrypt its keys: a missing setting would surface later as a confusing handshake failure
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("the password of PKCS#12 store " + path + " must not be empty");
    }
  }
}
