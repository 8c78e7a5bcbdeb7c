package org.xcaibridge.responder;

import javax.xml.namespace.QName;
import org.xcaibridge.soap.FaultAnswer;
import org.xcaibridge.soap.SoapFault;

/**
 * The responder's part of the one table from failures to SOAP faults: {@link InvalidRequestException}s get the
 * fault their kind calls for; everything the SOAP layer refuses (bad XML, limits, MTOM framing, SOAP 1.1) is
 * answered by {@link FaultAnswer#of}, and so is anything unexpected (a Receiver fault that says nothing about
 * the cause). Reasons never carry stack traces or patient data.
 */
final class RequestFaults {
  private static final String WSA = "http://www.w3.org/2005/08/addressing";
  /** WS-Addressing 1.0 SOAP Binding §6.4: the subcodes of its faults. */
  static final QName ACTION_NOT_SUPPORTED = new QName(WSA, "ActionNotSupported", "wsa");
  static final QName HEADER_REQUIRED = new QName(WSA, "MessageAddressingHeaderRequired", "wsa");

  private RequestFaults() {}

  static FaultAnswer of(Throwable failure) {
    if (failure instanceof InvalidRequestException e) {
      switch (e.kind()) {
        case NO_ACTION:
          return withSubcode(FaultAnswer.sender(e.getMessage()), HEADER_REQUIRED);
        case WRONG_ACTION:
          return withSubcode(FaultAnswer.sender(e.getMessage()), ACTION_NOT_SUPPORTED);
        case NOT_UNDERSTOOD:
          // SOAP 1.2 Part 2 Table 20: env:MustUnderstand travels with 500
          return new FaultAnswer(500, SoapFault.of(SoapFault.MUST_UNDERSTAND, e.getMessage()));
        case BODY:
        case WRONG_MESSAGE:
        default:
          return FaultAnswer.sender(e.getMessage());
      }
    }
    return FaultAnswer.of(failure);
  }

  private static FaultAnswer withSubcode(FaultAnswer answer, QName subcode) {
    return new FaultAnswer(answer.httpStatus(), answer.fault().withSubcodes(subcode));
  }
}
