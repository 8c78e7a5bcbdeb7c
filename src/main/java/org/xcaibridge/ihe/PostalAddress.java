package org.xcaibridge.ihe;

import java.util.List;

/** HL7 v3 AD as XCPD uses it (protocol.md §6.1 patientAddress). Absent parts are null. */
public record PostalAddress(List<String> streetAddressLines, String city, String state, String postalCode,
    String country) {
  public PostalAddress {
    streetAddressLines = List.copyOf(streetAddressLines);
  }
}
