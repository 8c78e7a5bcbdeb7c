package org.xcaibridge.ihe;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Thin helper over {@link XMLStreamWriter}: qualified elements with our customary prefixes, namespace
 * declarations on a message's root only, and optional elements/attributes skipped when null.
 */
final class XmlOut {
  private final XMLStreamWriter w;

  XmlOut(XMLStreamWriter w) {
    this.w = w;
  }

  void start(String prefix, String local, String ns) throws XMLStreamException {
    w.writeStartElement(prefix, local, ns);
  }

  /** A message root: the element plus the declarations of every namespace the message uses. */
  void root(String prefix, String local, String ns, String... prefixNamespacePairs) throws XMLStreamException {
    w.writeStartElement(prefix, local, ns);
    if (prefix.isEmpty()) {
      w.writeDefaultNamespace(ns);
    } else {
      w.writeNamespace(prefix, ns);
    }
    for (int i = 0; i + 1 < prefixNamespacePairs.length; i += 2) {
      w.writeNamespace(prefixNamespacePairs[i], prefixNamespacePairs[i + 1]);
    }
  }

  void end() throws XMLStreamException {
    w.writeEndElement();
  }

  void attr(String name, String value) throws XMLStreamException {
    if (value != null) {
      w.writeAttribute(name, value);
    }
  }

  void attr(String prefix, String ns, String name, String value) throws XMLStreamException {
    if (value != null) {
      w.writeAttribute(prefix, ns, name, value);
    }
  }

  void text(String value) throws XMLStreamException {
    w.writeCharacters(value);
  }

  /** {@code <p:local>value</p:local>}, nothing when value is null. */
  void element(String prefix, String local, String ns, String value) throws XMLStreamException {
    if (value != null) {
      w.writeStartElement(prefix, local, ns);
      w.writeCharacters(value);
      w.writeEndElement();
    }
  }

  void empty(String prefix, String local, String ns) throws XMLStreamException {
    w.writeEmptyElement(prefix, local, ns);
  }

  XMLStreamWriter writer() {
    return w;
  }
}
