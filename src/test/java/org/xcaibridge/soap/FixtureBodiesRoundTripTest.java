package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bare bodies among the IHE fixtures (and the bodies inside the NIST test plans), written into a
 * request and a response envelope and read back, come out element for element, attribute for attribute
 * and character for character the same.
 */
class FixtureBodiesRoundTripTest {
  private static final QName RESPONSE_BODY = new QName("", "ResponseBody");

  @ParameterizedTest
  @ValueSource(strings = {
      "01_rad75_request_two_studies.nist-rig_5421.xml",
      "02_rad69_request_to_iig_with_homeCommunityId.nist-iig_5401.xml",
      "03_rad75_expected_response_success.nist-rig_5421.testplan.xml",
      "04_rad75_expected_response_partialsuccess.nist-rig_5427.testplan.xml",
      "05_rad75_expected_response_transfer_syntax_failure.nist-rig_5424.testplan.xml",
      "08_kos_documententry_metadata_rad68.nist-ids_4801.xml",
      "10_iti18_38_query_finddocumentsbyreferenceid.nist-11897.xml",
      "13_iti55_request_PRPA_IN201305UV02.ipf.xml",
      "14_iti55_response_PRPA_IN201306UV02.ipf.xml"})
  void bodySurvivesTheEnvelope(String file) throws Exception {
    byte[] source = SoapFixtures.ihe(file);
    List<String> expected = canonicalBody(source);
    BodyWriter copy = w -> {
      XMLStreamReader in = positionAtBody(source);
      SoapFixtures.copyElement(in, w);
    };
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());

    byte[] request = writer.request("urn:test:action", "http://127.0.0.1/x", SecurityHeader.none(), copy).envelope();
    byte[] response = writer.response("urn:test:actionResponse", "urn:uuid:1", SecurityHeader.none(), copy);

    assertThat(SoapReader.read(request, XmlLimits.DEFAULT, SoapFixtures::canonical).body())
        .isEqualTo(expected);
    assertThat(SoapReader.read(response, XmlLimits.DEFAULT, SoapFixtures::canonical).body())
        .isEqualTo(expected);
    assertThat(expected.get(0)).startsWith("start {urn:");
  }

  private static List<String> canonicalBody(byte[] source) throws XMLStreamException {
    return SoapFixtures.canonical(positionAtBody(source));
  }

  /** On the body's start tag: the document element, or the element inside a test plan's ResponseBody. */
  private static XMLStreamReader positionAtBody(byte[] source) throws XMLStreamException {
    XMLStreamReader in = SecureXml.reader(source, XmlLimits.DEFAULT);
    in.nextTag();
    if (in.getLocalName().equals("TestPlan")) {
      while (!(in.isStartElement() && in.getName().equals(RESPONSE_BODY))) {
        in.next();
      }
      in.nextTag();
    }
    return in;
  }
}
