package org.xcaibridge.trust;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where this side's private key and certificate chain come from: a PKCS#12 file with its password, or
 * two PEM files (the chain, leaf first, and an unencrypted PKCS#8 {@code PRIVATE KEY}). A PKCS#12 store
 * must hold exactly one private key entry; its key password is the store password (PKCS#12 has one).
 */
public sealed interface TlsKeyStore permits TlsKeyStore.Pkcs12, TlsKeyStore.Pem {

  /** A PKCS#12 key store. */
  record Pkcs12(Path path, String password) implements TlsKeyStore {
    public Pkcs12 {
      Objects.requireNonNull(path, "path");
      TlsTrustStore.requirePassword(password, path);
    }

    /** Never prints the password: settings end up in start-up logs. */
    @Override
    public String toString() {
      return "PKCS#12 key store " + path;
    }
  }

  /** A PEM certificate chain (leaf first) and its PKCS#8 private key. */
  record Pem(Path certificateChain, Path privateKey) implements TlsKeyStore {
    public Pem {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }
}
