package org.xcaibridge.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/** Reads and writes {@code env:Fault} (SOAP 1.2 Part 1 §5.4). */
final class FaultCodec {
  private FaultCodec() {}

  static void write(XMLStreamWriter w, SoapFault fault) throws XMLStreamException {
    start(w, "Fault");
    start(w, "Code");
    value(w, fault.code());
    for (QName subcode : fault.subcodes()) {
      start(w, "Subcode");
      value(w, subcode);
    }
    for (int i = 0; i < fault.subcodes().size(); i++) {
      w.writeEndElement();
    }
    w.writeEndElement(); // Code
    start(w, "Reason");
    for (SoapFault.Reason reason : fault.reasons()) {
      start(w, "Text");
      if (!reason.lang().isEmpty()) {
        w.writeAttribute(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI, "lang", reason.lang());
      }
      w.writeCharacters(reason.text());
      w.writeEndElement();
    }
    w.writeEndElement(); // Reason
    if (fault.node().isPresent()) {
      text(w, "Node", fault.node().get());
    }
    if (fault.role().isPresent()) {
      text(w, "Role", fault.role().get());
    }
    if (!fault.detail().isEmpty()) {
      start(w, "Detail");
      for (Element entry : fault.detail()) {
        DomWriter.write(w, entry);
      }
      w.writeEndElement();
    }
    w.writeEndElement(); // Fault
  }

  /** Reads the fault the reader is on (its start tag) and leaves the reader on its end tag. */
  static SoapFault read(LimitedStreamReader in) throws XMLStreamException {
    int faultDepth = in.depth();
    QName code = null;
    List<QName> subcodes = new ArrayList<>();
    List<SoapFault.Reason> reasons = new ArrayList<>();
    Optional<String> node = Optional.empty();
    Optional<String> role = Optional.empty();
    List<Element> detail = new ArrayList<>();
    while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
      QName name = in.getName();
      if (!Names.SOAP12.equals(name.getNamespaceURI())) {
        in.skipElement(in.depth());
        continue; // tolerate what a peer adds
      }
      switch (name.getLocalPart()) {
        case "Code":
          code = codeChain(in, subcodes);
          break;
        case "Reason":
          while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String lang = in.getAttributeValue(XMLConstants.XML_NS_URI, "lang");
            reasons.add(new SoapFault.Reason(lang == null ? "" : lang, in.getElementText()));
          }
          break;
        case "Node":
          node = Optional.of(in.getElementText().strip());
          break;
        case "Role":
          role = Optional.of(in.getElementText().strip());
          break;
        case "Detail":
          while (in.nextTag() == XMLStreamConstants.START_ELEMENT) {
            detail.add(DomBuilder.subtree(in, SecureXml.newDocument()));
          }
          break;
        default:
          in.skipElement(in.depth());
          break;
      }
    }
    if (in.depth() != faultDepth - 1) {
      throw new SoapEnvelopeException("malformed Fault", in.getLocation());
    }
    if (code == null) {
      throw new SoapEnvelopeException("Fault without Code/Value", in.getLocation());
    }
    if (reasons.isEmpty()) {
      reasons.add(new SoapFault.Reason("", "")); // a peer that gives no reason still faulted
    }
    return new SoapFault(code, subcodes, reasons, node, role, detail);
  }

  /** Reads Code (on its start tag): its Value and the nested Subcode/Value chain. */
  private static QName codeChain(LimitedStreamReader in, List<QName> subcodes) throws XMLStreamException {
    int codeDepth = in.depth();
    QName code = null;
    boolean first = true;
    while (in.depth() >= codeDepth) {
      int event = in.nextTag();
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue; // end of a Subcode or of Code itself
      }
      String local = in.getLocalName();
      if ("Value".equals(local)) {
        QName value = qname(in);
        if (first) {
          code = value;
          first = false;
        } else {
          subcodes.add(value);
        }
      } else if (!"Subcode".equals(local)) {
        in.skipElement(in.depth());
      }
    }
    return code;
  }

  /** Reads a Value element's text as a QName resolved against the bindings in scope there. */
  private static QName qname(LimitedStreamReader in) throws XMLStreamException {
    Map<String, String> scope = in.inScopeNamespaces();
    String text = in.getElementText().strip();
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? "" : text.substring(0, colon);
    String local = text.substring(colon + 1);
    String ns = scope.get(prefix);
    if (ns == null && !prefix.isEmpty()) {
      throw new SoapEnvelopeException("fault code '" + text + "' uses an undeclared prefix",
          in.getLocation());
    }
    if (local.isEmpty()) {
      throw new SoapEnvelopeException("fault code is empty", in.getLocation());
    }
    return new QName(ns == null ? "" : ns, local, prefix);
  }

  private static void start(XMLStreamWriter w, String local) throws XMLStreamException {
    w.writeStartElement(Names.P_SOAP, local, Names.SOAP12);
  }

  private static void text(XMLStreamWriter w, String local, String text) throws XMLStreamException {
    start(w, local);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  /**
   * Writes a QName as element text, declaring its prefix on the Value element itself (a QName in text
   * is resolved against the bindings in scope where it stands).
   */
  private static void value(XMLStreamWriter w, QName qname) throws XMLStreamException {
    start(w, "Value");
    String ns = qname.getNamespaceURI();
    String text = qname.getLocalPart();
    if (Names.SOAP12.equals(ns)) {
      text = Names.P_SOAP + ":" + text;
    } else if (!ns.isEmpty()) {
      String prefix = qname.getPrefix();
      if (prefix.isEmpty() || prefix.equals(Names.P_SOAP) || prefix.toLowerCase().startsWith("xml")) {
        prefix = "fc";
      }
      w.writeNamespace(prefix, ns);
      text = prefix + ":" + text;
    }
    w.writeCharacters(text);
    w.writeEndElement();
  }
}
