package org.xcaibridge.ops;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The ATNA audit trail of the bridge (issue 7 point 6, ITI TF-2 §3.20): every transaction it initiates to the
 * configured communities, the refusals at its front door and its own start and stop, as PS3.15 audit messages in RFC
 * 5424 syslog to an audit record repository — over TLS (RFC 5425, presenting the {@code tls:} client certificate) or
 * UDP (RFC 5426) — spooled on disk first, so that nothing is lost while the repository is away.
 *
 * @param host             the audit record repository
 * @param port             its syslog port (6514 for TLS by RFC 5425, 514 for UDP by RFC 5426)
 * @param transport        TLS or UDP
 * @param spoolDirectory   where messages wait for the repository; null: {@code audit} under the work directory
 * @param auditSourceId    AuditSourceID; null: {@code xcai-bridge@<host name>}
 * @param enterpriseSiteId AuditEnterpriseSiteID; null: none
 */
public record AuditConfig(String host, int port, SecureConfig.AuditTransport transport, Path spoolDirectory,
                          String auditSourceId, String enterpriseSiteId) {
  static final int UDP_PORT = 514;

  public AuditConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /** The spool's directory: the configured one, or {@code audit} under the work directory. */
  Path spool(Path workDir) {
    return (spoolDirectory == null ? workDir.resolve(SecureDemo.AUDIT_FOLDER) : spoolDirectory).toAbsolutePath()
        .normalize();
  }

  /** Null when the section is absent or a problem was recorded. */
  static AuditConfig readOrNull(ConfigReader r) {
    if (ConfigSchema.SECTIONS.get("audit").stream().noneMatch(r::has)) {
      return null;
    }
    int before = r.problems().count();
    String host = r.text("host", null);
    if (host == null) {
      r.problem("host", "required when audit is configured: the audit record repository's host");
    } else {
      host = FrontConfig.host(r, "host", host);
    }
    String transport = r.text("transport", "tls").toLowerCase(Locale.ROOT);
    SecureConfig.AuditTransport t = SecureConfig.AuditTransport.TLS;
    if (transport.equals("udp")) {
      t = SecureConfig.AuditTransport.UDP;
    } else if (!transport.equals("tls")) {
      r.problem("transport", "expected tls (RFC 5425) or udp (RFC 5426), was '" + transport + "'");
    }
    int port = r.integer("port", t == SecureConfig.AuditTransport.UDP ? UDP_PORT : SecureConfig.DEFAULT_AUDIT_PORT,
        1, 65535);
    Path spool = r.path("spoolDirectory", null);
    String source = r.text("auditSourceId", null);
    String site = r.text("enterpriseSiteId", null);
    if (r.problems().count() > before) {
      return null;
    }
    return new AuditConfig(host, port, t, spool, source, site);
  }
}
