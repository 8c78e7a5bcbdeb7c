package org.xcaibridge.responder;

import io.vertx.core.Future;
import java.util.List;
import java.util.Objects;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.SoapHeaders;

/**
 * One transaction the {@link RespondingGateway} serves at one path: which request it takes and how it answers.
 * {@link SoapDoor} has checked the action and read the body with our codec before {@link #answer} is called; the
 * door writes the answer's envelope (the transaction's response action, RelatesTo the request's MessageID) and
 * sends it, as MTOM when the transaction is MTOM-optimised, its attachments streamed with back-pressure.
 */
interface SoapTransaction {
  IheTransaction transaction();

  /** The request model this transaction takes. */
  Class<? extends IheMessage> requestType();

  /** The local name of that request's body element (our codec recognises bodies by local name). */
  String requestRoot();

  /** The answer to a request; a failed future becomes a fault through {@link ResponderFaults#fault}. */
  Future<Reply> answer(IheMessage request, SoapHeaders headers);

  /**
   * The in-band answer to a body that is this transaction's request but breaks its rules (ITI-38 answers a broken
   * stored query with a registry error, not a fault), or null to answer with a Sender fault.
   */
  default Reply refused(IheParseException failure) {
    return null;
  }

  /**
   * What a transaction answers: the response body and, for an MTOM transaction, the attachments its
   * {@code xop:Include}s name, in the order they are to be sent.
   */
  record Reply(IheMessage body, List<MtomAttachment> attachments) {
    public Reply {
      Objects.requireNonNull(body, "body");
      attachments = List.copyOf(attachments);
    }

    static Reply of(IheMessage body) {
      return new Reply(body, List.of());
    }
  }
}
