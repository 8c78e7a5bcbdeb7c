package org.xcaibridge.responder;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xcaibridge.soap.FaultAnswer;
import org.xcaibridge.soap.MustUnderstandException;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.SoapFault;
import org.xcaibridge.soap.XmlLimits;

/**
 * The responder's part of the one table from failures to SOAP faults: {@link InvalidRequestException}s get the
 * fault their kind calls for, the WS-Addressing ones with the subcode and detail of WS-Addressing 1.0 SOAP Binding
 * §6.4; everything the SOAP layer refuses (bad XML, limits, MTOM framing, SOAP 1.1) is answered by
 * {@link FaultAnswer#of}, and so is anything unexpected (a Receiver fault that says nothing about the cause, whose
 * cause is logged here). Reasons never carry stack traces or patient data.
 */
final class RequestFaults {
  private static final Logger LOG = LoggerFactory.getLogger(RequestFaults.class);
  static final String WSA = "http://www.w3.org/2005/08/addressing";
  /** WS-Addressing 1.0 SOAP Binding §6.4: the subcodes of its faults. */
  static final QName ACTION_NOT_SUPPORTED = new QName(WSA, "ActionNotSupported", "wsa");
  static final QName HEADER_REQUIRED = new QName(WSA, "MessageAddressingHeaderRequired", "wsa");

  private RequestFaults() {}

  static FaultAnswer of(Throwable failure) {
    if (failure instanceof InvalidRequestException e) {
      switch (e.kind()) {
        case NO_ACTION:
          return new FaultAnswer(400, detail(SoapFault.of(SoapFault.SENDER, e.getMessage())
              .withSubcodes(HEADER_REQUIRED), "ProblemHeaderQName", "wsa:Action"));
        case WRONG_ACTION:
          return new FaultAnswer(400, detail(SoapFault.of(SoapFault.SENDER, e.getMessage())
              .withSubcodes(ACTION_NOT_SUPPORTED), "ProblemAction", e.action()));
        case NOT_UNDERSTOOD:
          // SOAP 1.2 Part 2 Table 20: env:MustUnderstand travels with 500, Part 1 §5.4.8: NotUnderstood headers
          return new FaultAnswer(500, SoapFault.of(SoapFault.MUST_UNDERSTAND, e.getMessage()),
              e.getCause() instanceof MustUnderstandException m ? m.notUnderstood() : List.of());
        case BODY:
        case WRONG_MESSAGE:
        default:
          return FaultAnswer.sender(e.getMessage());
      }
    }
    FaultAnswer answer = FaultAnswer.of(failure);
    if (SoapFault.RECEIVER.equals(answer.fault().code())) {
      LOG.error("responder failure answered with a Receiver fault", failure);
    }
    return answer;
  }

  /** The fault with one WS-Addressing detail element; ProblemAction holds the action in a wsa:Action. */
  private static SoapFault detail(SoapFault fault, String wsaElement, String text) {
    if (text == null) {
      return fault;
    }
    Document doc = SecureXml.documentBuilder(XmlLimits.DEFAULT).newDocument();
    Element detail = doc.createElementNS(WSA, "wsa:" + wsaElement);
    detail.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsa", WSA);
    if (wsaElement.equals("ProblemAction")) {
      Element action = doc.createElementNS(WSA, "wsa:Action");
      action.setTextContent(text);
      detail.appendChild(action);
    } else {
      detail.setTextContent(text);
    }
    doc.appendChild(detail);
    return new SoapFault(fault.code(), fault.subcodes(), fault.reasons(), Optional.empty(), Optional.empty(),
        List.of(detail));
  }
}
