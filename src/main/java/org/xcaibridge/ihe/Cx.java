package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * An HL7 v2 CX patient identifier as XDS uses it: {@code id^^^&assigningAuthorityOid&ISO}
 * (e.g. ITI-38 {@code $XDSDocumentEntryPatientId}, DocumentEntry.patientId, sourcePatientId).
 * Delimiters inside the id are escaped on writing and unescaped on reading.
 *
 * @param id the identifier value, never blank
 * @param assigningAuthority the assigning authority's universal id (an OID), null when absent
 */
public record Cx(String id, String assigningAuthority) {
  public Cx {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("CX id must not be blank");
    }
  }

  /** The wire form {@code id^^^&oid&ISO}, or just the escaped id when there is no authority. */
  public String encode() {
    String v = Hl7v2.escape(id);
    return assigningAuthority == null ? v : v + "^^^&" + Hl7v2.escape(assigningAuthority) + "&ISO";
  }

  /**
   * Parses leniently: component 1 is the id, component 4 the authority (its universal id sub-component,
   * or the whole component when it has none). Surrounding blanks are ignored.
   *
   * @throws IllegalArgumentException when the id component is empty
   */
  public static Cx parse(String value) {
    Objects.requireNonNull(value, "value");
    List<String> c = Hl7v2.split(value.trim(), '^');
    String id = Hl7v2.unescape(Hl7v2.part(c, 0).trim());
    return new Cx(id, authority(Hl7v2.part(c, 3)));
  }

  static String authority(String hd) {
    if (hd.isBlank()) {
      return null;
    }
    List<String> s = Hl7v2.split(hd.trim(), '&');
    String universal = Hl7v2.emptyToNull(Hl7v2.part(s, 1));
    if (universal == null) {
      universal = Hl7v2.emptyToNull(Hl7v2.part(s, 0));
    }
    return universal == null ? null : Hl7v2.unescape(universal);
  }

  @Override
  public String toString() {
    return encode();
  }
}
