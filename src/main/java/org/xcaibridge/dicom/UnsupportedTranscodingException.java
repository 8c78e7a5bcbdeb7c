package org.xcaibridge.dicom;

/** A conversion between two transfer syntaxes that this codec does not do (it never decompresses). */
public final class UnsupportedTranscodingException extends RuntimeException {
  private final TransferSyntax source;
  private final TransferSyntax target;

  public UnsupportedTranscodingException(String message, TransferSyntax source, TransferSyntax target) {
    super(message);
    this.source = source;
    this.target = target;
  }

  /** The syntax of the input, when known. */
  public TransferSyntax source() {
    return source;
  }

  public TransferSyntax target() {
    return target;
  }
}
