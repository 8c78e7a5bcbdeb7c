package org.xcaibridge.ihe;

import java.util.List;

/**
 * The demographics XCPD asks with and answers with (protocol.md §6).
 *
 * @param administrativeGender HL7 AdministrativeGender code M, F or UN; null when absent
 * @param birthTime HL7 TS, e.g. {@code 19630805}; null when absent
 */
public record Demographics(List<PersonName> names, String administrativeGender, String birthTime,
    List<PostalAddress> addresses, List<Telecom> telecoms) {
  public Demographics {
    names = List.copyOf(names);
    addresses = List.copyOf(addresses);
    telecoms = List.copyOf(telecoms);
  }
}
