package org.xcaibridge.ihe;

import java.util.List;

/** Complete ITI-55 messages for round trips and the structure check. */
final class Iti55Samples {
  private Iti55Samples() {}

  static PatientQuery query() {
    return new PatientQuery(new Ii("1.2.840.114350.1.13.28.1.18.5.999", "18204"),
        new Demographics(List.of(new PersonName(List.of("Jimmy", "R"), "Jones")), "M", "19630805",
            List.of(new PostalAddress(List.of("3443 North Arctic Avenue", "Apt 2"), "Some City", "IL", "61000", "US")),
            List.of(new Telecom("tel:+1-481-555-7684", "HP"))),
        List.of(new Ii("1.2.840.114350.1.13.99997.2.3412", "1234"), new Ii("2.16.840.1.113883.4.1", "58910")), 100);
  }

  static PatientDiscoveryRequest request() {
    return new PatientDiscoveryRequest(new Ii("1.3.6.1.4.1.21367.13.70.1", "msg-1"), "20240102030405", "P",
        new Device(Ii.of("1.2.840.114350.1.13.999.234"), "https://responder.example/xcpd", null),
        new Device(Ii.of("1.3.6.1.4.1.21367.13.70.1"), null, "1.3.6.1.4.1.21367.13.70.1"), query());
  }

  static PatientDiscoveryResponse responseOk() {
    MatchedPatient p = new MatchedPatient(List.of(new Ii("1.2.840.114350.1.13.99998.8734", "34827K410")),
        new Demographics(List.of(new PersonName(List.of("James"), "Jones")), "M", "19630804",
            List.of(new PostalAddress(List.of("3443 North Arctic Avenue"), "Some City", "IL", null, null)),
            List.of(new Telecom("tel:+1-481-555-7684;ext=2342", "WP"))),
        List.of(new Ii("2.16.840.1.113883.4.1", "999-88-6345")), "1.2.840.114350.1.13.99998.8734",
        "NotHealthDataLocator", 92);
    return new PatientDiscoveryResponse(new Ii("1.2.840.114350.1.13.999.238", "55789"), "20240102030406",
        new Device(Ii.of("1.3.6.1.4.1.21367.13.70.1"), null, "1.3.6.1.4.1.21367.13.70.1"),
        new Device(Ii.of("1.2.840.114350.1.13.999.234"), "https://responder.example/xcpd", null), "AA",
        new Ii("1.3.6.1.4.1.21367.13.70.1", "msg-1"), List.of(), QueryResponseCode.OK, List.of(p), List.of(), query());
  }

  static PatientDiscoveryResponse responseError() {
    return new PatientDiscoveryResponse(new Ii("1.2.840.114350.1.13.999.238", "55790"), "20240102030407",
        new Device(Ii.of("1.3.6.1.4.1.21367.13.70.1"), null, null),
        new Device(Ii.of("1.2.840.114350.1.13.999.234"), null, null), "AE",
        new Ii("1.3.6.1.4.1.21367.13.70.1", "msg-2"), List.of("Internal error"), QueryResponseCode.AE, List.of(),
        List.of("InternalError"), query());
  }
}
