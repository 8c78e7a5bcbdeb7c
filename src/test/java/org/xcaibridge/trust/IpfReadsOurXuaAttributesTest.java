package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;

import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.audit.types.ActiveParticipantRoleId;
import org.openehealth.ipf.commons.audit.types.PurposeOfUse;
import org.openehealth.ipf.commons.ihe.core.atna.AuditDataset;
import org.openehealth.ipf.commons.ihe.ws.cxf.audit.WsAuditDataset;
import org.openehealth.ipf.commons.ihe.ws.cxf.audit.XuaWsAuditDatasetEnricher;
import org.w3c.dom.Element;

/**
 * IPF 5.1.0's XUA handling ({@code XuaWsAuditDatasetEnricher}, ipf-commons-ihe-ws, on the test class
 * path through ipf-commons-ihe-xds) reads our assertion out of the wsse:Security header of a CXF
 * message, as an IPF responder does for its ATNA records: purpose of use, the patient id
 * (resource-id), and the human requestor (NameID and Issuer) with the SNOMED CT role.
 */
class IpfReadsOurXuaAttributesTest {

  @Test
  void enricherReadsPurposeRolePatientAndUser() throws Exception {
    Element security = XuaFixtures.wire(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .security().orElseThrow();
    WsAuditDataset dataset = enrich(security);

    assertThat(dataset.getPurposesOfUse()).hasSize(1);
    PurposeOfUse purpose = dataset.getPurposesOfUse()[0];
    assertThat(purpose.getCode()).isEqualTo("TREATMENT");
    assertThat(purpose.getCodeSystemName()).isEqualTo("2.16.840.1.113883.3.18.7.1");
    assertThat(purpose.getOriginalText()).isEqualTo("Treatment");
    assertThat(dataset.getXuaPatientId()).isEqualTo("PID-42^^^&1.2.840.99999.2&ISO");

    assertThat(dataset.getHumanUsers()).hasSize(1);
    AuditDataset.HumanUser user = dataset.getHumanUsers().get(0);
    String dn = XuaTestPki.SIGNER.certificate().getSubjectX500Principal().getName();
    assertThat(user.getId()).isEqualTo("<" + dn + "@gateway@test.example>");
    assertThat(user.getRoles()).hasSize(1);
    ActiveParticipantRoleId role = user.getRoles().get(0);
    assertThat(role.getCode()).isEqualTo("224608005");
    assertThat(role.getCodeSystemName()).isEqualTo("2.16.840.1.113883.6.96");
    assertThat(role.getOriginalText()).isEqualTo("Administrative AND/OR managerial worker");
  }

  @Test
  void aHeaderWithoutAssertionGivesIpfNothingThenOursGivesTheUser() throws Exception {
    Element security = XuaFixtures.wire(XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT))
        .security().orElseThrow();
    Element empty = (Element) security.cloneNode(true);
    empty.removeChild(XuaFixtures.child(empty, XuaFixtures.SAML2, "Assertion"));
    assertThat(enrich(empty).getHumanUsers()).isEmpty();
    assertThat(enrich(security).getHumanUsers()).hasSize(1);
  }

  private static WsAuditDataset enrich(Element security) {
    SoapMessage message = new SoapMessage(new MessageImpl());
    message.setExchange(new ExchangeImpl());
    Header header = new Header(new QName(XuaFixtures.WSSE, "Security"), security);
    header.setDirection(Header.Direction.DIRECTION_IN);
    message.getHeaders().add(header);
    WsAuditDataset dataset = new WsAuditDataset(true);
    new XuaWsAuditDatasetEnricher().enrichAuditDatasetFromRequest(message, Header.Direction.DIRECTION_IN, dataset);
    return dataset;
  }
}
