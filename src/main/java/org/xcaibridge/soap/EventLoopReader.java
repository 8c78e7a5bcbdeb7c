package org.xcaibridge.soap;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * A delegating reader whose {@code nextTag()} and {@code getElementText()} are built on its own
 * {@code next()}: the JDK delegate forwards them to the parent, which would step past the checks a
 * subclass puts in {@code next()}.
 */
abstract class EventLoopReader extends StreamReaderDelegate {

  EventLoopReader(XMLStreamReader parent) {
    super(parent);
  }

  @Override
  public abstract int next() throws XMLStreamException;

  @Override
  public final int nextTag() throws XMLStreamException {
    while (true) {
      int event = next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT:
        case XMLStreamConstants.END_ELEMENT:
          return event;
        case XMLStreamConstants.SPACE:
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
          if (!isWhiteSpace()) {
            throw new XmlInputException("expected an element, found text", getLocation());
          }
          break;
        default:
          throw new XmlInputException("expected an element, found event " + event, getLocation());
      }
    }
  }

  @Override
  public final String getElementText() throws XMLStreamException {
    if (getEventType() != XMLStreamConstants.START_ELEMENT) {
      throw new XmlInputException("getElementText needs a start tag", getLocation());
    }
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = next();
      switch (event) {
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text.append(getTextCharacters(), getTextStart(), getTextLength());
          break;
        case XMLStreamConstants.COMMENT:
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          break;
        case XMLStreamConstants.END_ELEMENT:
          return text.toString();
        default:
          throw new XmlInputException("expected text only, found event " + event, getLocation());
      }
    }
  }
}
