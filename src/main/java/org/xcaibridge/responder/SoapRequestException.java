package org.xcaibridge.responder;

import java.util.Objects;

/**
 * A request the gateway refuses before any transaction sees it: what is wrong with its SOAP headers or body.
 * {@link ResponderFaults} turns each kind into its fault; the message is the sentence a person reads in it.
 */
final class SoapRequestException extends RuntimeException {
  enum Kind {
    /** No wsa:Action and no action parameter on the Content-Type (WS-Addressing 1.0 SOAP Binding §6.4.1). */
    MISSING_ACTION,
    /** An action this endpoint does not serve (WS-Addressing 1.0 SOAP Binding §6.4.2). */
    ACTION_NOT_SUPPORTED,
    /** Header blocks marked mustUnderstand that nothing here processes (SOAP 1.2 Part 1 §5.4.8). */
    NOT_UNDERSTOOD,
    /** A body our codec cannot read as the transaction's request. */
    UNREADABLE_BODY,
    /** A readable body of another transaction. */
    WRONG_BODY
  }

  private final Kind kind;
  private final String action;

  /** @param action the action the request named, for ACTION_NOT_SUPPORTED; null otherwise */
  SoapRequestException(Kind kind, String message, String action, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.action = action;
  }

  Kind kind() {
    return kind;
  }

  String action() {
    return action;
  }
}
