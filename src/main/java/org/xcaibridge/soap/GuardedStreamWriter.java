package org.xcaibridge.soap;

import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The writer handed to a {@link BodyWriter}: forwards to the envelope's writer but refuses
 * document-level calls, refuses to close elements it did not open, and remembers the top-level elements
 * written, so that the envelope stays well formed whatever the callback does.
 */
final class GuardedStreamWriter implements XMLStreamWriter {
  private final XMLStreamWriter out;
  private int depth;
  private int topLevelElements;
  private QName firstTopLevel;

  GuardedStreamWriter(XMLStreamWriter out) {
    this.out = out;
  }

  /** Runs the callback and checks it closed what it opened. */
  static GuardedStreamWriter run(XMLStreamWriter out, BodyWriter callback) throws XMLStreamException {
    GuardedStreamWriter guarded = new GuardedStreamWriter(out);
    callback.write(guarded);
    if (guarded.depth != 0) {
      throw new IllegalStateException("the body writer left " + guarded.depth + " element(s) open");
    }
    return guarded;
  }

  int topLevelElements() {
    return topLevelElements;
  }

  QName firstTopLevel() {
    return firstTopLevel;
  }

  private void opened(String ns, String local, boolean empty) {
    if (depth == 0) {
      if (topLevelElements++ == 0) {
        firstTopLevel = new QName(ns == null ? "" : ns, local);
      }
    }
    if (!empty) {
      depth++;
    }
  }

  private static UnsupportedOperationException refused(String call) {
    return new UnsupportedOperationException(call + " is not allowed inside a SOAP envelope");
  }

  @Override
  public void writeStartElement(String localName) throws XMLStreamException {
    out.writeStartElement(localName);
    opened(out.getNamespaceContext().getNamespaceURI(""), localName, false);
  }

  @Override
  public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
    out.writeStartElement(namespaceURI, localName);
    opened(namespaceURI, localName, false);
  }

  @Override
  public void writeStartElement(String prefix, String localName, String namespaceURI)
      throws XMLStreamException {
    out.writeStartElement(prefix, localName, namespaceURI);
    opened(namespaceURI, localName, false);
  }

  @Override
  public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
    out.writeEmptyElement(namespaceURI, localName);
    opened(namespaceURI, localName, true);
  }

  @Override
  public void writeEmptyElement(String prefix, String localName, String namespaceURI)
      throws XMLStreamException {
    out.writeEmptyElement(prefix, localName, namespaceURI);
    opened(namespaceURI, localName, true);
  }

  @Override
  public void writeEmptyElement(String localName) throws XMLStreamException {
    out.writeEmptyElement(localName);
    opened(out.getNamespaceContext().getNamespaceURI(""), localName, true);
  }

  @Override
  public void writeEndElement() throws XMLStreamException {
    if (depth == 0) {
      throw new IllegalStateException("the body writer closed an element it did not open");
    }
    depth--;
    out.writeEndElement();
  }

  @Override
  public void writeEndDocument() {
    throw refused("writeEndDocument");
  }

  @Override
  public void close() {
    throw refused("close");
  }

  @Override
  public void flush() throws XMLStreamException {
    out.flush();
  }

  @Override
  public void writeAttribute(String localName, String value) throws XMLStreamException {
    out.writeAttribute(localName, value);
  }

  @Override
  public void writeAttribute(String prefix, String namespaceURI, String localName, String value)
      throws XMLStreamException {
    out.writeAttribute(prefix, namespaceURI, localName, value);
  }

  @Override
  public void writeAttribute(String namespaceURI, String localName, String value)
      throws XMLStreamException {
    out.writeAttribute(namespaceURI, localName, value);
  }

  @Override
  public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
    out.writeNamespace(prefix, namespaceURI);
  }

  @Override
  public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
    out.writeDefaultNamespace(namespaceURI);
  }

  @Override
  public void writeComment(String data) throws XMLStreamException {
    out.writeComment(data);
  }

  @Override
  public void writeProcessingInstruction(String target) {
    throw refused("a processing instruction"); // SOAP 1.2 Part 1 §5: none in messages
  }

  @Override
  public void writeProcessingInstruction(String target, String data) {
    throw refused("a processing instruction");
  }

  @Override
  public void writeCData(String data) throws XMLStreamException {
    out.writeCData(data);
  }

  @Override
  public void writeDTD(String dtd) {
    throw refused("writeDTD");
  }

  @Override
  public void writeEntityRef(String name) {
    throw refused("writeEntityRef");
  }

  @Override
  public void writeStartDocument() {
    throw refused("writeStartDocument");
  }

  @Override
  public void writeStartDocument(String version) {
    throw refused("writeStartDocument");
  }

  @Override
  public void writeStartDocument(String encoding, String version) {
    throw refused("writeStartDocument");
  }

  @Override
  public void writeCharacters(String text) throws XMLStreamException {
    out.writeCharacters(text);
  }

  @Override
  public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
    out.writeCharacters(text, start, len);
  }

  @Override
  public String getPrefix(String uri) throws XMLStreamException {
    return out.getPrefix(uri);
  }

  @Override
  public void setPrefix(String prefix, String uri) throws XMLStreamException {
    out.setPrefix(prefix, uri);
  }

  @Override
  public void setDefaultNamespace(String uri) throws XMLStreamException {
    out.setDefaultNamespace(uri);
  }

  @Override
  public void setNamespaceContext(NamespaceContext context) {
    throw refused("setNamespaceContext");
  }

  @Override
  public NamespaceContext getNamespaceContext() {
    return out.getNamespaceContext();
  }

  @Override
  public Object getProperty(String name) {
    return out.getProperty(name);
  }
}
