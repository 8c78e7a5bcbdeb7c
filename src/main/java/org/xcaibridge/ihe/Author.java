package org.xcaibridge.ihe;

import java.util.List;

/**
 * One author classification of a DocumentEntry (scheme {@code urn:uuid:93606bcf-…}); values are kept
 * as the HL7 v2 strings they are on the wire (XCN, XON, CWE, XTN).
 *
 * @param person authorPerson (XCN), may be null
 */
public record Author(String person, List<String> institutions, List<String> roles, List<String> specialties,
    List<String> telecommunications) {
  public Author {
    institutions = List.copyOf(institutions);
    roles = List.copyOf(roles);
    specialties = List.copyOf(specialties);
    telecommunications = List.copyOf(telecommunications);
  }
}
