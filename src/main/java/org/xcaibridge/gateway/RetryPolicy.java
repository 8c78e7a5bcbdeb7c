package org.xcaibridge.gateway;

import java.util.EnumSet;
import java.util.Set;
import org.xcaibridge.ihe.IheTransaction;

/**
 * When a failed call is sent again: once, for a transaction that only reads, when the connection was reset
 * before any of the answer came and nothing of it has been handed on. The typical case is a pooled keep-alive
 * connection the peer had just closed. Never on TLS, SAML (a fault), HTTP error statuses or timeouts: sending
 * again would fail the same way, or double the load on a peer that is struggling.
 *
 * <p>ITI-55 is left out: an XCPD responder may record the correlation or forward the query, and the message id
 * of a patient discovery is meant to be used once.
 */
final class RetryPolicy {
  /** The transactions whose repetition changes nothing at the responder. */
  static final Set<IheTransaction> IDEMPOTENT = EnumSet.of(IheTransaction.ITI_38, IheTransaction.ITI_39,
      IheTransaction.RAD_75);

  private RetryPolicy() {}

  /**
   * @param attempt  the attempt that failed, 1 for the first
   * @param handedOn whether any bytes of this call (or of an earlier call of the same retrieval) went to the
   *                 caller
   */
  static boolean retryAfter(IheTransaction transaction, GatewayException failure, int attempt, boolean handedOn) {
    return attempt == 1 && !handedOn && IDEMPOTENT.contains(transaction)
        && failure instanceof GatewayException.ConnectionLost lost && !lost.responseStarted();
  }
}
