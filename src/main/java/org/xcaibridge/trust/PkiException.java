package org.xcaibridge.trust;

/**
 * The demo PKI could not be generated (keytool missing or failing, file system), or the directory
 * holds something that is not a usable PKI. The message says which file and what to do.
 */
public final class PkiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PkiException(String message) {
    super(message);
  }

  public PkiException(String message, Throwable cause) {
    super(message, cause);
  }
}
