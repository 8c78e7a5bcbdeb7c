package org.xcaibridge.responder;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaValidator;

/**
 * How a {@link RespondingGateway} guards its door (issue 7; protocol.md §7): two-way TLS on the servers it starts,
 * XUA validation of every request's {@code wsse:Security} block, and the ATNA audit trail its transactions and
 * refusals are recorded in. {@link #none()} is the relaxed demo: plain HTTP, no assertion asked for, nothing
 * audited.
 *
 * @param tls       the server certificate and the anchors client certificates must chain to; the servers
 *                  {@link RespondingGateway#listen} starts then speak TLS 1.2/1.3 only and require a client
 *                  certificate
 * @param xua       makes the validator once the gateway knows its own address: given the base URL it listens at
 *                  ({@code https://127.0.0.1:8081}), it returns a validator whose audiences are the endpoint URLs
 *                  initiators are told to use ({@link RespondingGateway#endpointUrls} of that base, or of a
 *                  public URL in front of it). Empty: no assertion is asked for
 * @param audit     where transactions and refusals are recorded
 * @param rejections told of each refused assertion and TLS handshake, for metrics
 */
public record ResponderSecurity(Optional<TlsSetup> tls, Optional<Function<URI, XuaValidator>> xua, AuditSink audit,
    RejectionListener rejections) {
  public ResponderSecurity {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(xua, "xua");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(rejections, "rejections");
  }

  /** A door whose refusals nobody but the audit trail hears of. */
  public ResponderSecurity(Optional<TlsSetup> tls, Optional<Function<URI, XuaValidator>> xua, AuditSink audit) {
    this(tls, xua, audit, RejectionListener.none());
  }

  /** Plain HTTP, no XUA, no audit: the demo's relaxed responder. */
  public static ResponderSecurity none() {
    return new ResponderSecurity(Optional.empty(), Optional.empty(), AuditSink.none());
  }

  public ResponderSecurity withTls(TlsSetup setup) {
    return new ResponderSecurity(Optional.of(setup), xua, audit, rejections);
  }

  /** Every request must carry a valid assertion; see {@link #xua()}. */
  public ResponderSecurity withXua(Function<URI, XuaValidator> validatorAt) {
    return new ResponderSecurity(tls, Optional.of(validatorAt), audit, rejections);
  }

  public ResponderSecurity withAudit(AuditSink sink) {
    return new ResponderSecurity(tls, xua, sink, rejections);
  }

  public ResponderSecurity withRejections(RejectionListener listener) {
    return new ResponderSecurity(tls, xua, audit, listener);
  }
}
