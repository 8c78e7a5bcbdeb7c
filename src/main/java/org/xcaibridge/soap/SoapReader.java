package org.xcaibridge.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.w3c.dom.Element;

/**
 * Reads a SOAP 1.2 envelope held in memory (a SOAP root part or a plain SOAP body, bounded by
 * {@link XmlLimits}) into its headers and a body model made by a {@link BodyReader}, or a
 * {@link SoapFaultException} when the body is a fault.
 *
 * <p>Tolerant where real peers differ (protocol.md §9.2, §1.4): headers in any order, unknown headers,
 * an unqualified or WS-Addressing-qualified {@code mustUnderstand} (ignored: SOAP 1.2 only honours the
 * envelope-qualified one), a {@code wsse:Security} block marked mustUnderstand (accepted and handed on
 * for the trust work to validate), white space around header values, no Header at all. Strict where it
 * matters: SOAP 1.1 and other envelope versions are rejected with {@link SoapVersionException}, DTDs with
 * {@link XmlDoctypeException}, and every limit with {@link XmlLimitException}.
 */
public final class SoapReader {
  private SoapReader() {}

  /**
   * @throws XmlInputException  (or a subtype) when the bytes are not an acceptable SOAP 1.2 envelope;
   *                            what the body reader throws passes through unchanged
   * @throws SoapFaultException when the body is a {@code soap:Fault}
   */
  public static <T> SoapMessage<T> read(byte[] envelope, XmlLimits limits, BodyReader<T> body)
      throws XMLStreamException, SoapFaultException {
    LimitedStreamReader in = SecureXml.open(envelope, limits);
    try {
      return read(in, body);
    } finally {
      in.close();
    }
  }

  private static <T> SoapMessage<T> read(LimitedStreamReader in, BodyReader<T> body)
      throws XMLStreamException, SoapFaultException {
    if (in.nextTag() != XMLStreamConstants.START_ELEMENT) {
      throw new SoapEnvelopeException("no document element", in.getLocation());
    }
    QName root = in.getName();
    if (!Names.ENVELOPE.equals(root)) {
      if ("Envelope".equals(root.getLocalPart())) {
        throw new SoapVersionException(root.getNamespaceURI(), in.getLocation());
      }
      throw new SoapEnvelopeException("document element is " + root + ", not a SOAP 1.2 Envelope",
          in.getLocation());
    }
    in.nextTag();
    SoapHeaders headers = emptyHeaders();
    if (in.isStartElement() && Names.HEADER.equals(in.getName())) {
      headers = HeaderParser.parse(in);
      in.nextTag();
    }
    if (!in.isStartElement() || !Names.BODY.equals(in.getName())) {
      throw new SoapEnvelopeException("expected soap:Body, found "
          + (in.isStartElement() ? in.getName() : "the end of " + in.getName()), in.getLocation());
    }
    int bodyDepth = in.depth();
    if (in.nextTag() != XMLStreamConstants.START_ELEMENT) {
      throw new SoapEnvelopeException("soap:Body is empty", in.getLocation());
    }
    if (Names.FAULT.equals(in.getName())) {
      SoapFault fault = FaultCodec.read(in);
      finish(in, bodyDepth);
      throw new SoapFaultException(fault, headers);
    }
    int childDepth = in.depth();
    T model = body.read(new ConfinedReader(in));
    if (in.depth() >= childDepth) {
      in.skipElement(childDepth); // the body reader stopped inside its element
    }
    finish(in, bodyDepth);
    return new SoapMessage<>(headers, model);
  }

  /** From the end of the body's first child: skips further children, checks the envelope closes. */
  private static void finish(LimitedStreamReader in, int bodyDepth) throws XMLStreamException {
    while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
      in.skipElement(in.depth()); // WS-I BP allows one child; other peers' extras are ignored
    }
    if (in.depth() != bodyDepth - 1) {
      throw new SoapEnvelopeException("soap:Body did not close where expected", in.getLocation());
    }
    if (in.nextTag() != XMLStreamConstants.END_ELEMENT || in.depth() != 0) {
      throw new SoapEnvelopeException("nothing may follow soap:Body (SOAP 1.2 Part 1 §5.3)",
          in.getLocation());
    }
    while (in.hasNext()) {
      in.next(); // trailing comments or white space; anything else is a parse error
    }
  }

  private static SoapHeaders emptyHeaders() {
    Optional<String> none = Optional.empty();
    return new SoapHeaders(new Addressing(none, none, none, none, none), Optional.<Element>empty(),
        List.of(), List.of());
  }

  /** Header blocks (SOAP 1.2 Part 1 §5.2) into {@link SoapHeaders}. */
  private static final class HeaderParser {
    private String to;
    private String action;
    private String messageId;
    private String relatesTo;
    private String replyTo;
    private Element security;
    private final List<QName> blocks = new ArrayList<>();
    private final List<QName> notUnderstood = new ArrayList<>();

    /** From the Header start tag to its end tag. */
    static SoapHeaders parse(LimitedStreamReader in) throws XMLStreamException {
      HeaderParser p = new HeaderParser();
      while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
        p.block(in);
      }
      return new SoapHeaders(new Addressing(Optional.ofNullable(p.to), Optional.ofNullable(p.action),
          Optional.ofNullable(p.messageId), Optional.ofNullable(p.relatesTo),
          Optional.ofNullable(p.replyTo)), Optional.ofNullable(p.security), p.blocks, p.notUnderstood);
    }

    private void block(LimitedStreamReader in) throws XMLStreamException {
      QName name = in.getName();
      blocks.add(name);
      String role = attribute(in, "role");
      if (role != null && role.strip().equals(Names.ROLE_NONE)) {
        in.skipElement(in.depth()); // aimed at no node: never processed (§5.2.2)
        return;
      }
      boolean forUs = role == null || role.isBlank() || role.strip().equals(Names.ROLE_ULTIMATE)
          || role.strip().equals(Names.ROLE_NEXT);
      boolean mustUnderstand = mustUnderstand(in);
      if (Names.WSA.equals(name.getNamespaceURI())) {
        addressing(in, name);
      } else if (Names.WSSE_SECURITY.equals(name) && forUs && security == null) {
        security = DomBuilder.subtree(in, SecureXml.newDocument());
      } else {
        if (mustUnderstand && forUs && !Names.WSSE_SECURITY.equals(name)) {
          notUnderstood.add(name);
        }
        in.skipElement(in.depth());
      }
    }

    private void addressing(LimitedStreamReader in, QName name) throws XMLStreamException {
      switch (name.getLocalPart()) {
        case "To":
          to = once(in, to, name);
          break;
        case "Action":
          action = once(in, action, name);
          break;
        case "MessageID":
          messageId = once(in, messageId, name);
          break;
        case "RelatesTo":
          String type = in.getAttributeValue(null, "RelationshipType");
          String value = in.getElementText().strip();
          boolean reply = type == null || type.strip().equals(Names.WSA + "/reply");
          if (reply && relatesTo == null) {
            relatesTo = value;
          }
          break;
        case "ReplyTo":
          replyTo = address(in);
          break;
        default:
          in.skipElement(in.depth()); // From, FaultTo, reference parameters: not used here
          break;
      }
    }

    /** WS-Addressing 1.0 SOAP Binding §3: at most one of each; a second is an invalid header. */
    private static String once(LimitedStreamReader in, String seen, QName name) throws XMLStreamException {
      if (seen != null) {
        throw new SoapEnvelopeException("duplicate " + name.getLocalPart() + " header", in.getLocation());
      }
      return in.getElementText().strip();
    }

    private static String address(LimitedStreamReader in) throws XMLStreamException {
      String address = null;
      while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (Names.WSA_ADDRESS.equals(in.getName()) && address == null) {
          address = in.getElementText().strip();
        } else {
          in.skipElement(in.depth());
        }
      }
      return address;
    }

    /** Only the envelope-namespace attribute counts (SOAP 1.2 Part 1 §5.2.3). */
    private static boolean mustUnderstand(LimitedStreamReader in) throws SoapEnvelopeException {
      String value = attribute(in, "mustUnderstand");
      if (value == null) {
        return false;
      }
      switch (value.strip()) {
        case "true":
        case "1":
          return true;
        case "false":
        case "0":
          return false;
        default:
          throw new SoapEnvelopeException("soap:mustUnderstand must be a boolean, was '" + value + "'",
              in.getLocation());
      }
    }

    private static String attribute(LimitedStreamReader in, String local) {
      return in.getAttributeValue(Names.SOAP12, local);
    }
  }
}
