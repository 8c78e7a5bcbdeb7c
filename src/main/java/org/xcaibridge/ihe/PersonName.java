package org.xcaibridge.ihe;

import java.util.List;

/** HL7 v3 PN: given names in order and the family name (prefixes, suffixes and qualifiers not modelled). */
public record PersonName(List<String> given, String family) {
  public PersonName {
    given = List.copyOf(given);
  }
}
