package org.xcaibridge.responder;

import java.util.Objects;

/**
 * A request the responder refuses as a whole, with a SOAP fault ({@link RequestFaults}), because nothing in it
 * can be answered: its body is not the message the endpoint serves, its WS-Addressing action is another
 * transaction's, or it asks us to understand a header block we do not. What is wrong with single documents of a
 * well-formed request is answered with RegistryErrors instead ({@link RetrieveErrors}).
 */
final class InvalidRequestException extends RuntimeException {
  /** What is wrong; each kind has its own fault code. */
  enum Kind {
    /** The body does not parse into the IHE message (a required element missing, a bad value). */
    BODY,
    /** The body parses, but into another transaction's message. */
    WRONG_MESSAGE,
    /** No wsa:Action header. */
    NO_ACTION,
    /** A wsa:Action of another transaction. */
    WRONG_ACTION,
    /** Header blocks marked soap:mustUnderstand that we do not process (SOAP 1.2 Part 1 §5.4.8). */
    NOT_UNDERSTOOD
  }

  private final Kind kind;
  private final String action;

  /** @param message what is wrong and what to send instead, in words the sender's operator can act on */
  InvalidRequestException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, null);
  }

  /** @param action the action the request named, for WRONG_ACTION (the fault's wsa:ProblemAction) */
  InvalidRequestException(Kind kind, String message, Throwable cause, String action) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.action = action;
  }

  Kind kind() {
    return kind;
  }

  /** The action the request named, or null. */
  String action() {
    return action;
  }
}
