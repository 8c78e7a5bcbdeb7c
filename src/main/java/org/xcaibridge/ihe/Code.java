package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * A coded value of XDS metadata: a Classification's nodeRepresentation, its {@code codingScheme} slot and
 * its display name; in stored-query parameters the HL7 CE form {@code code^^scheme} (protocol.md §2.2).
 *
 * @param code never blank
 * @param codingScheme may be null when a peer left it out
 * @param displayName may be null
 */
public record Code(String code, String codingScheme, String displayName) {
  /** The KOS formatCode of XDS-I.b (RAD TF-3 4.68.4.1.2.3.2). */
  public static final Code KOS_FORMAT =
      new Code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1", "Key Object Selection Document");

  public Code {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("code must not be blank");
    }
  }

  /** The stored-query form {@code code^^scheme}. */
  public String encodeCe() {
    return Hl7v2.escape(code) + "^^" + Hl7v2.escape(codingScheme == null ? "" : codingScheme);
  }

  /** Parses {@code code^display^scheme} (display optional). */
  public static Code parseCe(String ce) {
    Objects.requireNonNull(ce, "ce");
    List<String> c = Hl7v2.split(ce.trim(), '^');
    String scheme = Hl7v2.emptyToNull(Hl7v2.part(c, 2));
    String display = Hl7v2.emptyToNull(Hl7v2.part(c, 1));
    return new Code(Hl7v2.unescape(Hl7v2.part(c, 0).trim()), scheme == null ? null : Hl7v2.unescape(scheme),
        display == null ? null : Hl7v2.unescape(display));
  }

  /** This code without its display name (stored-query parameters carry none). */
  public Code withoutDisplay() {
    return new Code(code, codingScheme, null);
  }

  /** Same code in the same scheme, whatever the display names say. */
  public boolean sameConcept(Code other) {
    return other != null && code.equals(other.code) && Objects.equals(codingScheme, other.codingScheme);
  }
}
