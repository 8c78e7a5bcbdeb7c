package org.xcaibridge.dicom;

/** The input is not a DICOM dataset this codec can read; says where the trouble was found. */
public class DicomParseException extends RuntimeException {
  private final long offset;

  public DicomParseException(String message, long offset) {
    super(message + " (at byte offset " + offset + ")");
    this.offset = offset;
  }

  public DicomParseException(String message, long offset, Throwable cause) {
    super(message + " (at byte offset " + offset + ")", cause);
    this.offset = offset;
  }

  /** Offset in the (inflated, for deflated syntaxes) stream where the problem was found. */
  public long offset() {
    return offset;
  }
}
