package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ITI-55 fixtures of {@code shared/fixtures/ihe} (IPF samples) read into our models:
 * 13 → {@link PatientDiscoveryRequest} (PRPA_IN201305UV02), 14 → {@link PatientDiscoveryResponse}
 * (PRPA_IN201306UV02, two candidates).
 */
class Iti55FixturesParseIntoModelsTest {

  @Test
  void fixture13Request() throws Exception {
    PatientDiscoveryRequest r = (PatientDiscoveryRequest) IheTestXml.read(
        IheTestXml.fixture("13_iti55_request_PRPA_IN201305UV02.ipf.xml"));
    assertThat(r.messageId()).isEqualTo(new Ii("1.2.840.114350.1.13.0.1.7.1.1", "35423"));
    assertThat(r.creationTime()).isEqualTo("20090417150301");
    assertThat(r.processingCode()).isEqualTo("T");
    assertThat(r.receiver()).isEqualTo(new Device(Ii.of("1.2.840.114350.1.13.999.234"),
        "http://servicelocation/QDQuery", null));
    assertThat(r.sender()).isEqualTo(new Device(Ii.of("1.2.840.114350.1.13.999.567"), null, "1.2.3.928.955"));
    assertThat(r.sender().homeCommunityId()).isEqualTo("urn:oid:1.2.3.928.955");
    PatientQuery q = r.query();
    assertThat(q.queryId()).isEqualTo(new Ii("1.2.840.114350.1.13.28.1.18.5.999", "18204"));
    assertThat(q.minimumDegreeMatch()).isEqualTo(100);
    assertThat(q.demographics().administrativeGender()).isEqualTo("M");
    assertThat(q.demographics().birthTime()).isEqualTo("19630805");
    assertThat(q.livingSubjectIds()).containsExactly(new Ii("1.2.840.114350.1.13.99997.2.3412", "1234"),
        new Ii("2.16.840.1.113883.4.1", "58910"));
    assertThat(q.demographics().names()).containsExactly(new PersonName(List.of("Jimmy"), "Jones"));
    assertThat(q.demographics().addresses()).isEmpty();
  }

  @Test
  void fixture14ResponseWithTwoCandidates() throws Exception {
    PatientDiscoveryResponse r = (PatientDiscoveryResponse) IheTestXml.read(
        IheTestXml.fixture("14_iti55_response_PRPA_IN201306UV02.ipf.xml"));
    assertThat(r.messageId()).isEqualTo(new Ii("1.2.840.114350.1.13.999.238", "55789"));
    assertThat(r.acknowledgementCode()).isEqualTo("AA");
    assertThat(r.targetMessageId()).isEqualTo(new Ii("1.2.840.114350.1.13.0.1.7.1.1", "35423"));
    assertThat(r.queryResponseCode()).isEqualTo(QueryResponseCode.OK);
    assertThat(r.receiver().homeCommunityOid()).isEqualTo("1.2.3.928.955");
    assertThat(r.sender().telecom()).isEqualTo("http://servicelocation/QDQuery");
    assertThat(r.detectedIssueCodes()).isEmpty();
    assertThat(r.subjects()).hasSize(2);

    MatchedPatient first = r.subjects().get(0);
    assertThat(first.patientIds()).containsExactly(new Ii("1.2.840.114350.1.13.99998.8734", "34827K410"));
    assertThat(first.patientIds().get(0).toCx().encode()).isEqualTo("34827K410^^^&1.2.840.114350.1.13.99998.8734&ISO");
    assertThat(first.homeCommunityId()).isEqualTo("urn:oid:1.2.840.114350.1.13.99998.8734");
    assertThat(first.healthDataLocatorCode()).isEqualTo("SupportsHealthDataLocator");
    assertThat(first.matchScore()).isEqualTo(92);
    assertThat(first.demographics()).isEqualTo(new Demographics(List.of(new PersonName(List.of("James"), "Jones")),
        "M", "19630804", List.of(new PostalAddress(List.of("3443 North Arctic Avenue"), "Some City", "IL", null, null)),
        List.of(new Telecom("tel:+1-481-555-7684;ext=2342", "WP"), new Telecom("tel:+1-765-555-4352", "HP"))));
    assertThat(first.otherIds()).containsExactly(new Ii("1.2.840.114350.1.13.99997.2.3412", "38273D433"),
        new Ii("2.16.840.1.113883.4.1", "999-88-6345"));

    MatchedPatient second = r.subjects().get(1);
    assertThat(second.patientIds()).containsExactly(new Ii("1.2.840.114350.1.13.99998.8734", "34827R534"));
    assertThat(second.matchScore()).isEqualTo(85);
    assertThat(second.healthDataLocatorCode()).isEqualTo("NotHealthDataLocator");
    assertThat(second.demographics().birthTime()).isEqualTo("19630713");

    assertThat(r.query().queryId()).isEqualTo(new Ii("1.2.840.114350.1.13.28.1.18.5.999", "18204"));
    assertThat(r.query().demographics().birthTime()).isEqualTo("19630804");
  }
}
