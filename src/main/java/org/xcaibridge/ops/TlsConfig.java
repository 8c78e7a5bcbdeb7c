package org.xcaibridge.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.xcaibridge.trust.TlsKeyStore;
import org.xcaibridge.trust.TlsSettings;
import org.xcaibridge.trust.TlsTrustStore;

/**
 * The bridge's own certificate and the anchors it trusts, as PEM files in one directory — the shape of a
 * Kubernetes TLS Secret mounted read-only ({@code tls.crt}, {@code tls.key}, {@code ca.crt}). The files are
 * watched: when they change, they are loaded again and new outbound connections use them, without a restart.
 *
 * @param directory           {@code tls.directory}
 * @param certificate         file name of the certificate chain, leaf first
 * @param privateKey          file name of the unencrypted PKCS#8 private key
 * @param trustedCertificates file name of the trusted CA certificates
 * @param reloadInterval      how often the files are checked for a change (modification time and content hash)
 */
public record TlsConfig(Path directory, String certificate, String privateKey, String trustedCertificates,
                        Duration reloadInterval) {
  static final String DEFAULT_CERTIFICATE = "tls.crt";
  static final String DEFAULT_PRIVATE_KEY = "tls.key";
  static final String DEFAULT_TRUSTED = "ca.crt";
  static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

  public TlsConfig {
    Objects.requireNonNull(directory, "directory");
    plainName(certificate, "certificate");
    plainName(privateKey, "privateKey");
    plainName(trustedCertificates, "trustedCertificates");
    Objects.requireNonNull(reloadInterval, "reloadInterval");
  }

  /** The three files, by their role. */
  public Path certificateFile() {
    return directory.resolve(certificate);
  }

  public Path privateKeyFile() {
    return directory.resolve(privateKey);
  }

  public Path trustedFile() {
    return directory.resolve(trustedCertificates);
  }

  /** What {@link org.xcaibridge.trust.TlsSetup#load} reads; expiry findings use {@code expiryWarning}. */
  TlsSettings settings(Duration expiryWarning) {
    return TlsSettings.of(new TlsKeyStore.Pem(certificateFile(), privateKeyFile()), new TlsTrustStore.Pem(trustedFile()))
        .withExpiryWarning(expiryWarning);
  }

  /** Null when {@code tls.directory} is absent (plain HTTP, the demo). */
  static TlsConfig readOrNull(ConfigReader r) {
    Path dir = r.path("directory", null);
    String cert = fileName(r, "certificate", DEFAULT_CERTIFICATE);
    String key = fileName(r, "privateKey", DEFAULT_PRIVATE_KEY);
    String trusted = fileName(r, "trustedCertificates", DEFAULT_TRUSTED);
    Duration interval = r.duration("reloadInterval", DEFAULT_RELOAD_INTERVAL, Duration.ofSeconds(1),
        Duration.ofHours(1));
    return dir == null ? null : new TlsConfig(dir, cert, key, trusted, interval);
  }

  private static String fileName(ConfigReader r, String key, String dflt) {
    String name = r.text(key, dflt);
    if (name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
      r.problem(key, "a file name inside tls.directory, without a path: '" + name + "'");
      return dflt;
    }
    return name;
  }

  private static void plainName(String name, String what) {
    if (name == null || name.isBlank() || name.contains("/")) {
      throw new IllegalArgumentException(what + " must be a file name inside the directory, was '" + name + "'");
    }
  }
}
