package org.xcaibridge.soap;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes content inside {@code soap:Body} (or into the security header slot). The writer does not repair
 * namespaces: declare what you use with {@code writeNamespace}. Every element opened must be closed;
 * document-level calls ({@code writeStartDocument}, {@code writeEndDocument}, {@code writeDTD}) are
 * refused.
 */
@FunctionalInterface
public interface BodyWriter {
  void write(XMLStreamWriter out) throws XMLStreamException;
}
