package org.xcaibridge.ihe;

import java.util.Locale;

/**
 * Status of a RegistryResponse / AdhocQueryResponse (protocol.md §2.7). Reading is tolerant: the exact
 * URN, or any string whose last {@code :}-separated part names the status (some peers send the short
 * form, or a different URN prefix for PartialSuccess).
 */
public enum ResponseStatus {
  SUCCESS("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"),
  PARTIAL_SUCCESS("urn:ihe:iti:2007:ResponseStatusType:PartialSuccess"),
  FAILURE("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");

  private final String urn;

  ResponseStatus(String urn) {
    this.urn = urn;
  }

  public String urn() {
    return urn;
  }

  /** The status a URN names, or null when it names none of the three. */
  public static ResponseStatus fromUrn(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    for (ResponseStatus s : values()) {
      if (s.urn.equals(v)) {
        return s;
      }
    }
    String last = v.substring(v.lastIndexOf(':') + 1).toLowerCase(Locale.ROOT);
    switch (last) {
      case "success":
        return SUCCESS;
      case "partialsuccess":
        return PARTIAL_SUCCESS;
      case "failure":
        return FAILURE;
      default:
        return null;
    }
  }

  /**
   * The overall status of a retrieve as RAD-69 computes it (protocol.md §4.3): no errors → Success;
   * errors and no document → Failure; errors and at least one document → PartialSuccess. Warnings are
   * not errors.
   */
  public static ResponseStatus ofOutcome(int documentsReturned, boolean anyError) {
    if (!anyError) {
      return SUCCESS;
    }
    return documentsReturned == 0 ? FAILURE : PARTIAL_SUCCESS;
  }
}
