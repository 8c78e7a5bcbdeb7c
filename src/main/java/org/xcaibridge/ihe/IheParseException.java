package org.xcaibridge.ihe;

/**
 * An IHE message body that cannot be read into our models: missing required parts, unknown root,
 * malformed values. Names where the reader stood (line and column of the XML, or -1 when unknown).
 */
public class IheParseException extends Exception {
  private final int line;
  private final int column;

  public IheParseException(String message, int line, int column) {
    super(message + (line >= 0 ? " (line " + line + ", column " + column + ")" : ""));
    this.line = line;
    this.column = column;
  }

  public IheParseException(String message, int line, int column, Throwable cause) {
    this(message, line, column);
    initCause(cause);
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
