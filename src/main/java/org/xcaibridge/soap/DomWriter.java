package org.xcaibridge.soap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a DOM element through a non-repairing StAX writer, declaring every prefix it uses. It keeps its
 * own record of what it declared: the JDK writer's namespace context counts a prefix as bound as soon as
 * an element uses it, declared or not. Prefixes bound by the writer's ancestors may be declared again,
 * which is redundant but harmless. Iterative, like {@link DomBuilder}.
 */
final class DomWriter {
  private final XMLStreamWriter w;
  private final Deque<Map<String, String>> scopes = new ArrayDeque<>();

  private DomWriter(XMLStreamWriter w) {
    this.w = w;
    String outerDefault = w.getNamespaceContext().getNamespaceURI("");
    scopes.push(Map.of("", outerDefault == null ? "" : outerDefault));
  }

  static void write(XMLStreamWriter w, Element root) throws XMLStreamException {
    new DomWriter(w).write(root);
  }

  private void write(Element root) throws XMLStreamException {
    Node node = root;
    while (node != null) {
      if (node instanceof Element) {
        scopes.push(new HashMap<>());
        startElement((Element) node);
      } else {
        content(node);
      }
      // Depth-first: go down if we can, else close and go right, else close and go up.
      Node next = node instanceof Element ? node.getFirstChild() : null;
      if (next == null) {
        Node up = node;
        while (true) {
          if (up instanceof Element) {
            w.writeEndElement();
            scopes.pop();
          }
          if (up == root) {
            return;
          }
          if (up.getNextSibling() != null) {
            next = up.getNextSibling();
            break;
          }
          up = up.getParentNode();
        }
      }
      node = next;
    }
  }

  private void startElement(Element e) throws XMLStreamException {
    String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
    String prefix = e.getPrefix() == null ? "" : e.getPrefix();
    w.writeStartElement(prefix, local(e), ns);
    NamedNodeMap attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr a = (Attr) attributes.item(i);
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
        String declared = XMLConstants.XMLNS_ATTRIBUTE.equals(a.getName()) ? "" : a.getLocalName();
        bind(declared, a.getValue());
      }
    }
    bind(prefix, ns);
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr a = (Attr) attributes.item(i);
      String ans = a.getNamespaceURI();
      if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ans)) {
        continue;
      }
      if (ans == null || ans.isEmpty()) {
        w.writeAttribute(local(a), a.getValue());
      } else {
        String ap = a.getPrefix() == null ? "" : a.getPrefix();
        if (!XMLConstants.XML_NS_URI.equals(ans)) {
          bind(ap, ans);
        }
        w.writeAttribute(ap, ans, local(a), a.getValue());
      }
    }
  }

  /** Declares {@code prefix → ns} on the current element unless we already bound it so. */
  private void bind(String prefix, String ns) throws XMLStreamException {
    for (Map<String, String> scope : scopes) {
      String bound = scope.get(prefix);
      if (bound != null) {
        if (bound.equals(ns)) {
          return;
        }
        break;
      }
    }
    scopes.peek().put(prefix, ns);
    if (prefix.isEmpty()) {
      w.writeDefaultNamespace(ns);
    } else {
      w.writeNamespace(prefix, ns);
    }
  }

  private void content(Node node) throws XMLStreamException {
    switch (node.getNodeType()) {
      case Node.TEXT_NODE:
        w.writeCharacters(node.getNodeValue());
        break;
      case Node.CDATA_SECTION_NODE:
        w.writeCData(node.getNodeValue());
        break;
      case Node.COMMENT_NODE:
        w.writeComment(node.getNodeValue());
        break;
      default:
        break; // processing instructions and entity references do not belong in a SOAP message
    }
  }

  private static String local(Node n) {
    return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
  }
}
