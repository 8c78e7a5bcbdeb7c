package org.xcaibridge.responder;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.StoredQueryException;
import org.xcaibridge.soap.FaultAnswer;
import org.xcaibridge.soap.SecureXml;
import org.xcaibridge.soap.SoapFault;
import org.xcaibridge.soap.XmlLimits;

/**
 * The responder's one table from failures to answers: SOAP faults for requests refused before a transaction sees
 * them ({@link #fault}), and registry errors for what goes wrong inside a query ({@link #registryError}). Reasons
 * are sentences a person can act on; none carries a stack trace or patient data. What is the responder's own
 * fault is logged here, with its stack trace, once.
 */
final class ResponderFaults {
  private static final Logger LOG = LoggerFactory.getLogger(ResponderFaults.class);
  static final String WSA = "http://www.w3.org/2005/08/addressing";
  static final QName ACTION_NOT_SUPPORTED = new QName(WSA, "ActionNotSupported", "wsa");
  static final QName HEADER_REQUIRED = new QName(WSA, "MessageAddressingHeaderRequired", "wsa");

  private ResponderFaults() {}

  /** The fault for a request refused or failed outside a transaction's own error vocabulary. */
  static FaultAnswer fault(Throwable failure) {
    if (failure instanceof SoapRequestException e) {
      switch (e.kind()) {
        case MISSING_ACTION:
          return new FaultAnswer(400, withDetail(SoapFault.of(SoapFault.SENDER, e.getMessage())
              .withSubcodes(HEADER_REQUIRED), "ProblemHeaderQName", "wsa:Action"));
        case ACTION_NOT_SUPPORTED:
          return new FaultAnswer(400, withDetail(SoapFault.of(SoapFault.SENDER, e.getMessage())
              .withSubcodes(ACTION_NOT_SUPPORTED), "ProblemAction", e.action()));
        case NOT_UNDERSTOOD:
          return new FaultAnswer(500, SoapFault.of(SoapFault.MUST_UNDERSTAND, e.getMessage()));
        case UNREADABLE_BODY:
          if (e.getCause() instanceof XMLStreamException) {
            return fault(e.getCause()); // the XML itself is at fault: a limit, a DTD, broken markup
          }
          return FaultAnswer.sender(e.getMessage());
        case WRONG_BODY:
          return FaultAnswer.sender(e.getMessage());
        default:
          throw new AssertionError(e.kind());
      }
    }
    FaultAnswer answer = FaultAnswer.of(failure);
    if (answer.httpStatus() == 500 && SoapFault.RECEIVER.equals(answer.fault().code())) {
      LOG.error("responder failure answered with a Receiver fault", failure);
    }
    return answer;
  }

  /**
   * The registry error an ITI-38 query answers a failure with; {@code location} is our homeCommunityId (ITI TF-2b
   * 3.38.4.1.3: errors of a responding gateway name its community).
   */
  static RegistryError registryError(Throwable failure, String location) {
    if (failure instanceof StoredQueryException e) {
      return RegistryError.error(e.code(), e.getMessage(), location);
    }
    if (failure instanceof Iti38Service.QueryRefusal e) {
      return RegistryError.error(e.code(), e.getMessage(), location);
    }
    if (failure instanceof SoapRequestException e && e.kind() == SoapRequestException.Kind.UNREADABLE_BODY) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR, e.getMessage(), location);
    }
    if (failure instanceof ArchiveUnavailableException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_NOT_AVAILABLE,
          "the image archive cannot answer now (" + e.getMessage() + "); try again later", location);
    }
    if (failure instanceof ArchiveDataException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
          "a manifest cannot be served: " + e.getMessage(), location);
    }
    if (failure instanceof NotInArchiveException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
          "the archive changed while answering (" + e.getMessage() + "); query again", location);
    }
    LOG.error("ITI-38 query failed", failure);
    return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
        "the responding gateway failed while answering; its log has the details", location);
  }

  /** The fault with one WS-Addressing detail element (WS-Addressing 1.0 SOAP Binding §6.4), text content given. */
  private static SoapFault withDetail(SoapFault fault, String wsaElement, String text) {
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
