package org.xcaibridge.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The secure demo ({@code --secure}, issue 7 point 7): a test PKI generated once, two-way TLS and signed XUA
 * assertions between the bridge and its embedded responder, and, when an audit record repository is named, the
 * ATNA audit of both sides sent to it.
 *
 * @param enabled        {@code secure.enabled}: run the secure demo
 * @param pkiDirectory   {@code secure.pkiDirectory}: where the test PKI lives; null means {@code <workDir>/pki}
 * @param clockSkew      {@code secure.clockSkew}: how far the responder trusts the initiator's clock (0 to 10 min)
 * @param auditHost      {@code secure.auditHost}: the audit record repository's host, or null for no audit
 * @param auditPort      {@code secure.auditPort}: its syslog port
 * @param auditTransport {@code secure.auditTransport}: RFC 5425 syslog over TLS with the test PKI's client
 *                       certificate, or RFC 5426 over UDP
 */
public record SecureConfig(boolean enabled, Path pkiDirectory, Duration clockSkew, String auditHost, int auditPort,
                           AuditTransport auditTransport) {
  static final String PKI_FOLDER = "pki";
  static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(2);
  /** RFC 5425 §4.1: syslog over TLS. */
  static final int DEFAULT_AUDIT_PORT = 6514;

  /** How audit messages travel to the repository. */
  public enum AuditTransport { TLS, UDP }

  public SecureConfig {
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(auditTransport, "auditTransport");
    if (auditPort < 1 || auditPort > 65535) {
      throw new IllegalArgumentException("auditPort must be 1..65535, was " + auditPort);
    }
  }

  /** The PKI's directory: the configured one, or {@code pki} under the work directory. */
  Path pkiDirectory(Path workDir) {
    return (pkiDirectory == null ? workDir.resolve(PKI_FOLDER) : pkiDirectory).toAbsolutePath().normalize();
  }

  static SecureConfig read(ConfigReader r) {
    boolean enabled = r.flag("enabled", false);
    Path pki = r.path("pkiDirectory", null);
    Duration skew = r.duration("clockSkew", DEFAULT_CLOCK_SKEW, Duration.ZERO, Duration.ofMinutes(10));
    String host = r.text("auditHost", null) == null ? null : FrontConfig.host(r, "auditHost", null);
    int port = r.integer("auditPort", DEFAULT_AUDIT_PORT, 1, 65535);
    String transport = r.text("auditTransport", "tls").toLowerCase(Locale.ROOT);
    AuditTransport t = AuditTransport.TLS;
    if (transport.equals("udp")) {
      t = AuditTransport.UDP;
    } else if (!transport.equals("tls")) {
      r.problem("auditTransport", "expected tls or udp, was '" + transport + "'");
    }
    return new SecureConfig(enabled, pki, skew, host, port, t);
  }
}
