package org.xcaibridge.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The reader a {@link BodyReader} gets: the envelope's limited reader, fenced so that it cannot move
 * past the end tag of the element it was handed, nor close the parser.
 */
final class ConfinedReader extends EventLoopReader {
  private final LimitedStreamReader in;
  private final int elementDepth;

  ConfinedReader(LimitedStreamReader in) {
    super(in);
    this.in = in;
    this.elementDepth = in.depth();
  }

  private boolean atEnd() {
    return in.getEventType() == XMLStreamConstants.END_ELEMENT && in.depth() == elementDepth - 1;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    return !atEnd() && in.hasNext();
  }

  @Override
  public int next() throws XMLStreamException {
    if (atEnd()) {
      throw new XMLStreamException("the body reader reached the end of its element");
    }
    return in.next();
  }

  @Override
  public void close() {
    // the envelope reader owns the parser
  }
}
