package org.xcaibridge.soap;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * The input is not XML we accept: malformed, or using a construct our hardened reading refuses. It is an
 * {@link XMLStreamException} so that it passes unchanged through StAX code (body codecs call
 * {@code next()} on our readers and see it there).
 */
public class XmlInputException extends XMLStreamException {
  private final int line;
  private final int column;
  private final long charOffset;

  public XmlInputException(String message, Location where) {
    this(message, where, null);
  }

  public XmlInputException(String message, Location where, Throwable cause) {
    super(message + describe(where));
    this.line = where == null ? -1 : where.getLineNumber();
    this.column = where == null ? -1 : where.getColumnNumber();
    this.charOffset = where == null ? -1 : where.getCharacterOffset();
    if (cause != null) {
      initCause(cause);
    }
  }

  /** 1-based line where the problem was found, or -1 if unknown. */
  public int line() {
    return line;
  }

  /** 1-based column where the problem was found, or -1 if unknown. */
  public int column() {
    return column;
  }

  /** Offset of the problem in the parser's character count, or -1 if unknown. */
  public long charOffset() {
    return charOffset;
  }

  private static String describe(Location where) {
    if (where == null || where.getLineNumber() < 0) {
      return "";
    }
    return " (at line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ")";
  }
}
