package org.xcaibridge.trust;

import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * TLS configuration of one side of a connection, validated when built (architecture.md: bad
 * configuration fails at start-up with a clear message).
 *
 * @param keyStore this side's key and certificate chain; {@code null} for a client that presents no
 *     certificate (a server always needs one)
 * @param trustStore the anchors for the peer's chain; {@code null} means the JDK's default anchors,
 *     which only a client may use: a server requiring client certificates must name whom it trusts
 * @param protocols enabled protocol versions, a non-empty subset of TLSv1.2 and TLSv1.3
 * @param cipherSuites enabled cipher suites in JSSE names, each supported by this JDK; empty means
 *     the JDK's defaults
 * @param expiryWarning how long before a certificate's notAfter {@link TlsSetup#expiryFindings}
 *     reports it
 * @param handshakeTimeout how long a TLS handshake may take
 */
public record TlsSettings(
    TlsKeyStore keyStore,
    TlsTrustStore trustStore,
    Set<String> protocols,
    List<String> cipherSuites,
    Duration expiryWarning,
    Duration handshakeTimeout) {

  /** The only protocol versions the bridge speaks: RFC 8996 retired TLS 1.0 and 1.1. */
  public static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(30);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_HANDSHAKE_TIMEOUT = Duration.ofMinutes(5);
  static final Duration MAX_EXPIRY_WARNING = Duration.ofDays(3650);

  public TlsSettings {
    Objects.requireNonNull(protocols, "protocols");
    Objects.requireNonNull(cipherSuites, "cipherSuites");
    Objects.requireNonNull(expiryWarning, "expiryWarning");
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    protocols = Set.copyOf(protocols);
    cipherSuites = List.copyOf(cipherSuites);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("protocols must name TLSv1.2 and/or TLSv1.3, was empty");
    }
    for (String p : protocols) {
      if (!ALLOWED_PROTOCOLS.contains(p)) {
        throw new IllegalArgumentException(
            "protocol " + p + " is not allowed: only TLSv1.2 and TLSv1.3 are (RFC 8996 retired the older ones)");
      }
    }
    checkCipherSuites(protocols, cipherSuites);
    if (expiryWarning.isNegative() || expiryWarning.compareTo(MAX_EXPIRY_WARNING) > 0) {
      throw new IllegalArgumentException(
          "expiryWarning must be between 0 and " + MAX_EXPIRY_WARNING.toDays() + " days, was " + expiryWarning);
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
        || handshakeTimeout.compareTo(MAX_HANDSHAKE_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "handshakeTimeout must be > 0 and ≤ " + MAX_HANDSHAKE_TIMEOUT + ", was " + handshakeTimeout);
    }
  }

  /** Both protocol versions, the JDK's cipher suites, the default warning window and timeout. */
  public static TlsSettings of(TlsKeyStore keyStore, TlsTrustStore trustStore) {
    return new TlsSettings(keyStore, trustStore, ALLOWED_PROTOCOLS, List.of(),
        DEFAULT_EXPIRY_WARNING, DEFAULT_HANDSHAKE_TIMEOUT);
  }

  public TlsSettings withProtocols(Set<String> newProtocols) {
    return new TlsSettings(keyStore, trustStore, newProtocols, cipherSuites, expiryWarning, handshakeTimeout);
  }

  public TlsSettings withCipherSuites(List<String> newSuites) {
    return new TlsSettings(keyStore, trustStore, protocols, newSuites, expiryWarning, handshakeTimeout);
  }

  public TlsSettings withExpiryWarning(Duration window) {
    return new TlsSettings(keyStore, trustStore, protocols, cipherSuites, window, handshakeTimeout);
  }

  /** TLS 1.3 suites name no key exchange ({@code TLS_AES_128_GCM_SHA256}); TLS 1.2 ones do. */
  static boolean isTls13Suite(String suite) {
    return !suite.contains("_WITH_");
  }

  private static void checkCipherSuites(Set<String> protocols, List<String> suites) {
    if (suites.isEmpty()) {
      return;
    }
    Set<String> supported = supportedCipherSuites();
    List<String> unknown = new ArrayList<>();
    boolean usable = false;
    for (String s : suites) {
      if (!supported.contains(s) || s.endsWith("_SCSV")) {
        unknown.add(s);
      } else if (protocols.contains(isTls13Suite(s) ? "TLSv1.3" : "TLSv1.2")) {
        usable = true;
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("cipher suites not supported by this JDK: " + unknown
          + " (use JSSE names, e.g. TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)");
    }
    if (!usable) {
      throw new IllegalArgumentException(
          "none of the cipher suites " + suites + " can be used with protocols " + protocols);
    }
  }

  private static Set<String> supportedCipherSuites() {
    try {
      return Set.copyOf(Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no default TLS implementation", e);
    }
  }
}
