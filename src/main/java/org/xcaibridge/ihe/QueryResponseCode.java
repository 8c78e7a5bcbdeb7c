package org.xcaibridge.ihe;

/** {@code queryAck/queryResponseCode} of PRPA_IN201306UV02 (HL7 QueryResponse, protocol.md §6.2). */
public enum QueryResponseCode {
  /** Data found: one or more matches. */
  OK,
  /** No data found. */
  NF,
  /** Application error. */
  AE,
  /** Query parameter error. */
  QE;

  static QueryResponseCode fromCode(String code) {
    for (QueryResponseCode c : values()) {
      if (c.name().equalsIgnoreCase(code == null ? "" : code.trim())) {
        return c;
      }
    }
    return null;
  }
}
