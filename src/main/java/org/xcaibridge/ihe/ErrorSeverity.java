package org.xcaibridge.ihe;

import java.util.Locale;

/** Severity of a RegistryError (protocol.md §2.7, §4.3). */
public enum ErrorSeverity {
  ERROR("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"),
  WARNING("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning");

  private final String urn;

  ErrorSeverity(String urn) {
    this.urn = urn;
  }

  public String urn() {
    return urn;
  }

  /**
   * Tolerant: the exact URN or a value ending in {@code Error}/{@code Warning}. Missing or unknown
   * severities count as {@link #ERROR}: ebRS makes Error the default, and treating an unknown severity as a
   * warning would report a failed document as delivered.
   */
  public static ErrorSeverity fromUrn(String value) {
    if (value == null) {
      return ERROR;
    }
    String v = value.trim();
    for (ErrorSeverity s : values()) {
      if (s.urn.equals(v)) {
        return s;
      }
    }
    return v.toLowerCase(Locale.ROOT).endsWith("warning") ? WARNING : ERROR;
  }
}
