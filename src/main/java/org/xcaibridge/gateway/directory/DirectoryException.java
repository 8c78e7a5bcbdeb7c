package org.xcaibridge.gateway.directory;

/** A directory bundle that cannot be used as a whole: unreadable, too large, not JSON, not a Bundle, or empty. */
public final class DirectoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public DirectoryException(String message) {
    super(message);
  }

  public DirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
