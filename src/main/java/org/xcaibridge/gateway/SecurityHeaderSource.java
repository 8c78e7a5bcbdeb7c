package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.trust.XuaRecipient;
import org.xcaibridge.trust.XuaSigner;
import org.xcaibridge.trust.XuaSubject;

/**
 * Where the {@code wsse:Security} block of each outgoing request comes from (protocol.md §7.2): nothing in the
 * demo, or a signed XUA assertion made per request by the trust package's {@link XuaSigner}. A new block per
 * request because it carries a timestamp and the audience of the endpoint called.
 */
@FunctionalInterface
public interface SecurityHeaderSource {
  /**
   * The block for one request.
   *
   * @param subject who asks, when the call was made for a front-door user; empty for the service itself
   */
  Future<SecurityHeader> header(IheTransaction transaction, URI endpoint, Optional<XuaSubject> subject);

  /** No security header (the demo, or a peer secured by TLS alone). */
  static SecurityHeaderSource none() {
    return (transaction, endpoint, subject) -> Future.succeededFuture(SecurityHeader.none());
  }

  /**
   * Signed XUA assertions: each made on a worker thread (two RSA signatures: never on the event loop).
   *
   * @param service    the subject when a call names none (the bridge's configured service identity)
   * @param recipients the audience and algorithm quirks of the endpoint called
   */
  static SecurityHeaderSource xua(Vertx vertx, XuaSigner signer, XuaSubject service,
      Function<URI, XuaRecipient> recipients) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(recipients, "recipients");
    return (transaction, endpoint, subject) -> {
      XuaRecipient recipient = recipients.apply(endpoint);
      XuaSubject who = subject.orElse(service);
      return vertx.executeBlocking(() -> signer.securityHeader(who, recipient), false);
    };
  }
}
