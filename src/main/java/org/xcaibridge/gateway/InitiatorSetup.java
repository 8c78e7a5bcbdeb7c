package org.xcaibridge.gateway;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.TlsSetup;

/**
 * What every community client of this bridge shares: the TLS material for {@code https} endpoints, where the
 * WS-Security header comes from, where the audit records of its transactions go, and the sources of message ids
 * and MTOM boundaries.
 *
 * @param tls        client certificate and trust anchors for {@code https} endpoints (two-way TLS); empty means
 *                   the JDK's default trust and no client certificate
 * @param security   the {@code wsse:Security} block per request
 * @param messageIds WS-Addressing MessageIDs (random in production, fixed in tests)
 * @param random     MTOM boundaries (a {@link SecureRandom} in production)
 * @param audit      where each initiated transaction is recorded once it has ended (ATNA, ITI TF-2 §3.20)
 * @param observer   times each initiated transaction and counts the bytes answered (metrics)
 */
public record InitiatorSetup(Optional<TlsSetup> tls, SecurityHeaderSource security, Supplier<UUID> messageIds,
    RandomGenerator random, AuditSink audit, ExchangeObserver observer) {
  public InitiatorSetup {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(messageIds, "messageIds");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(observer, "observer");
  }

  /** A setup whose transactions nobody watches. */
  public InitiatorSetup(Optional<TlsSetup> tls, SecurityHeaderSource security, Supplier<UUID> messageIds,
      RandomGenerator random, AuditSink audit) {
    this(tls, security, messageIds, random, audit, ExchangeObserver.none());
  }

  /** A setup that audits nothing. */
  public InitiatorSetup(Optional<TlsSetup> tls, SecurityHeaderSource security, Supplier<UUID> messageIds,
      RandomGenerator random) {
    this(tls, security, messageIds, random, AuditSink.none());
  }

  /** No TLS material, no security header, no audit: the demo against our own responder on loopback. */
  public static InitiatorSetup demo() {
    return new InitiatorSetup(Optional.empty(), SecurityHeaderSource.none(), UUID::randomUUID, new SecureRandom());
  }

  public InitiatorSetup withTls(TlsSetup setup) {
    return new InitiatorSetup(Optional.of(setup), security, messageIds, random, audit, observer);
  }

  public InitiatorSetup withSecurity(SecurityHeaderSource source) {
    return new InitiatorSetup(tls, source, messageIds, random, audit, observer);
  }

  public InitiatorSetup withAudit(AuditSink sink) {
    return new InitiatorSetup(tls, security, messageIds, random, sink, observer);
  }

  public InitiatorSetup withObserver(ExchangeObserver watcher) {
    return new InitiatorSetup(tls, security, messageIds, random, audit, watcher);
  }
}
