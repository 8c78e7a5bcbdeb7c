package org.xcaibridge.soap;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the model out of the body's first child. Called with the reader on that child's start tag; it
 * may stop anywhere inside it (the rest is skipped) but cannot read past its end tag. The reader
 * enforces the limits, so what it throws may be an {@link XmlInputException}.
 *
 * @param <T> the body model
 */
@FunctionalInterface
public interface BodyReader<T> {
  T read(XMLStreamReader body) throws XMLStreamException;
}
