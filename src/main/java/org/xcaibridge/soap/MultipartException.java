package org.xcaibridge.soap;

/**
 * A {@code multipart/related} body (RFC 2046 §5.1, RFC 2387) that this codec cannot read: broken framing,
 * a malformed part header or Content-Type. Says where in the body the trouble was found.
 */
public class MultipartException extends RuntimeException {
  private final long offset;

  /** For problems tied to a place in the body; {@code offset} is the byte offset in the body. */
  public MultipartException(String message, long offset) {
    super(offset < 0 ? message : message + " (at byte offset " + offset + ")");
    this.offset = offset;
  }

  /** For problems in a header value given on its own (no body offset). */
  public MultipartException(String message) {
    this(message, -1);
  }

  /** Byte offset in the body where the problem was found, or -1 when it concerns a header value alone. */
  public long offset() {
    return offset;
  }
}
