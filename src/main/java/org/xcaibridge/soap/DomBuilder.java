package org.xcaibridge.soap;

import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/**
 * Builds DOM from our limited StAX reader, so DOM input gets exactly the limits and refusals of StAX
 * input. Iterative (no recursion), so depth costs heap in proportion, never stack.
 */
final class DomBuilder {
  private DomBuilder() {}

  /** Reads a whole document; the reader must be at its start. */
  static Document document(LimitedStreamReader in, Document into) throws XMLStreamException {
    into.setStrictErrorChecking(false); // the parser already checked; Xerces' checks walk the ancestors
    try {
      return build(in, into);
    } finally {
      into.setStrictErrorChecking(true); // for whoever edits the document later
    }
  }

  private static Document build(LimitedStreamReader in, Document into) throws XMLStreamException {
    Node current = into;
    while (in.hasNext()) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        current = startElement(in, into, current, null);
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        current = current.getParentNode();
      } else if (current != into || event == XMLStreamConstants.COMMENT
          || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
        content(in, into, current, event);
      }
    }
    return into;
  }

  /**
   * Copies the element the reader is on, with its subtree, into {@code into} (as a child of the
   * document if it has no document element yet). The copy's root also declares every namespace in
   * scope there, so it reads the same standalone. Leaves the reader on the element's end tag.
   */
  static Element subtree(LimitedStreamReader in, Document into) throws XMLStreamException {
    into.setStrictErrorChecking(false);
    try {
      return buildSubtree(in, into);
    } finally {
      into.setStrictErrorChecking(true);
    }
  }

  private static Element buildSubtree(LimitedStreamReader in, Document into) throws XMLStreamException {
    int base = in.depth();
    Node parent = into.getDocumentElement() == null ? into : into.createDocumentFragment();
    Element root = (Element) startElement(in, into, parent, in.inScopeNamespaces());
    Node current = root;
    while (in.depth() >= base) {
      int event = in.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        current = startElement(in, into, current, null);
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        current = current.getParentNode();
      } else {
        content(in, into, current, event);
      }
    }
    return root;
  }

  private static Node startElement(LimitedStreamReader in, Document doc, Node parent,
      Map<String, String> inScope) {
    String ns = emptyToNull(in.getNamespaceURI());
    Element element = doc.createElementNS(ns, qualified(in.getPrefix(), in.getLocalName()));
    if (inScope != null) {
      inScope.forEach((prefix, uri) -> declare(element, prefix, uri));
    }
    for (int i = 0; i < in.getNamespaceCount(); i++) {
      String prefix = in.getNamespacePrefix(i);
      declare(element, prefix == null ? "" : prefix, String.valueOf(in.getNamespaceURI(i) == null ? ""
          : in.getNamespaceURI(i)));
    }
    for (int i = 0; i < in.getAttributeCount(); i++) {
      element.setAttributeNS(emptyToNull(in.getAttributeNamespace(i)),
          qualified(in.getAttributePrefix(i), in.getAttributeLocalName(i)), in.getAttributeValue(i));
    }
    parent.appendChild(element);
    return element;
  }

  private static void content(LimitedStreamReader in, Document doc, Node parent, int event) {
    switch (event) {
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.SPACE:
        String text = in.getText();
        Node last = parent.getLastChild();
        if (last instanceof Text && last.getNodeType() == Node.TEXT_NODE) {
          ((Text) last).appendData(text); // the parser splits text at entity references
        } else {
          parent.appendChild(doc.createTextNode(text));
        }
        break;
      case XMLStreamConstants.CDATA:
        parent.appendChild(doc.createCDATASection(in.getText()));
        break;
      case XMLStreamConstants.COMMENT:
        parent.appendChild(doc.createComment(in.getText()));
        break;
      case XMLStreamConstants.PROCESSING_INSTRUCTION:
        parent.appendChild(doc.createProcessingInstruction(in.getPITarget(), in.getPIData()));
        break;
      default:
        break; // START_DOCUMENT, END_DOCUMENT; DTD and entity references never get here
    }
  }

  private static void declare(Element element, String prefix, String uri) {
    if (prefix.isEmpty()) {
      element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, XMLConstants.XMLNS_ATTRIBUTE, uri);
    } else {
      element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, uri);
    }
  }

  private static String qualified(String prefix, String local) {
    return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
