package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.XuaAssertion;
import org.xcaibridge.trust.XuaRejectedException;
import org.xcaibridge.trust.XuaValidator;

/**
 * The XUA and ATNA part of the responder's door, shared by every transaction of one {@link RespondingGateway}: it
 * admits a request whose {@code wsse:Security} block a {@link XuaValidator} accepts (on a worker: two signature
 * checks), and records each served transaction and each refusal in the audit trail. Without XUA configured every
 * request is admitted with no assertion; with it configured but the gateway's address not yet known (the validator's
 * audiences come from it), every request is refused: the door fails closed.
 */
final class RequestGuard {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  /** No assertion asked for, nothing audited: the relaxed demo. */
  static final RequestGuard OPEN = new RequestGuard(Optional.empty(), AuditSink.none(), null,
      RejectionListener.none());

  private final Optional<Function<URI, XuaValidator>> validatorAt;
  private final AuditSink audit;
  private final ResponderIdentity identity;
  private final RejectionListener rejections;
  private volatile XuaValidator validator;
  private volatile URI baseUrl;

  RequestGuard(Optional<Function<URI, XuaValidator>> validatorAt, AuditSink audit, ResponderIdentity identity,
      RejectionListener rejections) {
    this.validatorAt = Objects.requireNonNull(validatorAt, "validatorAt");
    this.rejections = Objects.requireNonNull(rejections, "rejections");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.identity = identity;
  }

  /** Whether requests must carry an assertion. */
  boolean asksForAssertions() {
    return validatorAt.isPresent();
  }

  /** The gateway now answers at {@code base}: the validator is made for it (a later call replaces it). */
  void answeringAt(URI base) {
    baseUrl = base;
    validatorAt.ifPresent(f -> validator = Objects.requireNonNull(f.apply(base), "validator"));
  }

  /**
   * Admits a request: completes with its validated assertion (empty when XUA is off), or fails with the
   * {@link XuaRejectedException} that says why.
   */
  Future<Optional<XuaAssertion>> admit(SoapHeaders headers) {
    if (validatorAt.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    XuaValidator v = validator;
    if (v == null) {
      return Future.failedFuture(new IllegalStateException(
          "XUA validation is configured but the gateway does not know its address yet"));
    }
    Optional<Element> security = headers.security();
    if (security.isEmpty()) {
      return Future.failedFuture(new XuaRejectedException(XuaRejectedException.Reason.MISSING,
          "no wsse:Security header"));
    }
    Vertx vertx = Objects.requireNonNull(Vertx.currentContext(), "admit runs on a Vert.x context").owner();
    return vertx.executeBlocking(() -> Optional.of(v.validate(security.get())), false);
  }

  /** Records the transaction's events (answer null: refused or broken off). Never fails the caller. */
  void served(HttpServerRequest request, IheTransaction transaction, SoapHeaders headers, IheMessage body,
      IheMessage reply, Optional<XuaAssertion> assertion) {
    if (body == null) {
      return;
    }
    AuditEvent.Exchange exchange = exchange(request, headers, assertion);
    List<AuditEvent> events;
    try {
      events = TransactionAudits.of(transaction, body, reply, exchange, identity);
    } catch (RuntimeException e) {
      LOG.error("{} could not be described for the audit trail", SoapExchange.label(transaction), e);
      return;
    }
    events.forEach(this::record);
  }

  /**
   * Records a refused assertion: a User Authentication failure naming who the TLS certificate says is asking, and
   * the transaction's own event with a failure outcome (when its body could be read).
   */
  void rejected(HttpServerRequest request, IheTransaction transaction, SoapHeaders headers, IheMessage body,
      XuaRejectedException e) {
    LOG.warn("{} request from {} refused: {}", SoapExchange.label(transaction), remoteHost(request), e.getMessage());
    rejections.rejected(RejectionListener.Kind.SAML, e.reason().name().toLowerCase(java.util.Locale.ROOT));
    record(new AuditEvent.AuthenticationFailure(EventOutcome.SERIOUS_FAILURE, AuditEvent.AuthenticationKind.USER,
        peerSubject(request), remoteHost(request), SoapExchange.label(transaction) + " " + e.getMessage()));
    served(request, transaction, headers, body, null, Optional.empty());
  }

  /**
   * A server's socket error: a client that failed the TLS handshake is recorded (Security Alert, Node
   * Authentication); other errors (a peer that reset its connection) are not security events.
   */
  void socketError(Throwable error) {
    Throwable tls = error;
    while (tls != null && !(tls instanceof SSLException)) {
      tls = tls.getCause();
    }
    if (tls == null) {
      LOG.debug("connection error", error);
      return;
    }
    LOG.warn("a client was refused in the TLS handshake: {}", tls.getMessage());
    rejections.rejected(RejectionListener.Kind.TLS, RejectionListener.tlsReason((SSLException) tls));
    record(new AuditEvent.AuthenticationFailure(EventOutcome.SERIOUS_FAILURE, AuditEvent.AuthenticationKind.NODE,
        null, null, "TLS handshake refused: " + tls.getMessage()));
  }

  private void record(AuditEvent event) {
    audit.record(event).onFailure(e -> LOG.error("audit event not recorded: {}", event.getClass().getSimpleName(), e));
  }

  private AuditEvent.Exchange exchange(HttpServerRequest request, SoapHeaders headers,
      Optional<XuaAssertion> assertion) {
    URI base = baseUrl;
    String endpoint = base == null ? request.absoluteURI() : base + request.path();
    return new AuditEvent.Exchange(AuditEvent.Side.RESPONDING_GATEWAY,
        headers.addressing().replyTo().orElse(null), endpoint, remoteHost(request),
        assertion.map(AuditEvent.Requestor::of).orElse(null));
  }

  private static String remoteHost(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }

  /** The subject of the client's TLS certificate, or null on plain HTTP. */
  private static String peerSubject(HttpServerRequest request) {
    if (!request.isSSL()) {
      return null;
    }
    try {
      List<Certificate> chain = request.connection().peerCertificates();
      return chain.isEmpty() || !(chain.get(0) instanceof X509Certificate c) ? null
          : c.getSubjectX500Principal().getName();
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
