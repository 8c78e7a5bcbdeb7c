package org.xcaibridge.trust;

/**
 * A key or trust store named in the TLS settings cannot be used: missing or unreadable file, wrong
 * password, no key or several, a key that does not match its certificate, no trusted certificate.
 * Thrown at start-up; the message names the store and says what to fix.
 */
public final class TlsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsConfigException(String message) {
    super(message);
  }

  public TlsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
