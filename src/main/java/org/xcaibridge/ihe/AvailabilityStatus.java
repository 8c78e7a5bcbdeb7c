package org.xcaibridge.ihe;

/** DocumentEntry availability status (protocol.md §2.4); a replaced KOS becomes Deprecated (RAD68-006). */
public enum AvailabilityStatus {
  APPROVED(XdsVocabulary.STATUS_APPROVED),
  DEPRECATED(XdsVocabulary.STATUS_DEPRECATED);

  private final String urn;

  AvailabilityStatus(String urn) {
    this.urn = urn;
  }

  public String urn() {
    return urn;
  }

  /** The exact URN or the bare word; null when it is neither. */
  static AvailabilityStatus fromUrn(String v) {
    if (v == null) {
      return null;
    }
    String t = v.trim();
    for (AvailabilityStatus s : values()) {
      if (s.urn.equals(t) || s.urn.substring(s.urn.lastIndexOf(':') + 1).equalsIgnoreCase(t)) {
        return s;
      }
    }
    return null;
  }
}
