package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Header quirks of real peers (protocol.md §1.4, §9.2) are read without complaint: unqualified or
 * wsa-qualified mustUnderstand, a wsse:Security block marked mustUnderstand in a response, headers in
 * any order, unknown headers, white space around values, no Header at all. Only a block that really
 * demands understanding (soap:mustUnderstand, aimed at us) is reported as not understood.
 */
class TolerantHeaderReadingTest {
  private static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

  private static SoapHeaders headers(String headerXml) throws Exception {
    byte[] envelope = SoapFixtures.utf8("<s:Envelope xmlns:s='" + SoapFixtures.ENV + "' xmlns:a='"
        + SoapFixtures.WSA + "'><s:Header>" + headerXml + "</s:Header><s:Body><x/></s:Body></s:Envelope>");
    return SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME).headers();
  }

  @Test
  void unqualifiedMustUnderstandIsIgnored() throws Exception {
    SoapHeaders h = headers("<a:To mustUnderstand='1'>https://x/</a:To><a:Action mustUnderstand='1'>urn:a</a:Action>"
        + "<custom:Thing xmlns:custom='urn:custom' mustUnderstand='1'/>");
    assertThat(h.addressing().to()).contains("https://x/");
    assertThat(h.addressing().action()).contains("urn:a");
    assertThat(h.notUnderstood()).isEmpty();
  }

  @Test
  void wsaQualifiedMustUnderstandIsIgnored() throws Exception {
    SoapHeaders h = headers("<custom:Thing xmlns:custom='urn:custom' a:mustUnderstand='1'/>");
    assertThat(h.notUnderstood()).isEmpty();
  }

  @Test
  void securityMarkedMustUnderstandIsAcceptedAndHandedOn() throws Exception {
    SoapHeaders h = headers("<a:Action>urn:aResponse</a:Action><a:RelatesTo>urn:uuid:1</a:RelatesTo>"
        + "<wsse:Security xmlns:wsse='" + SoapFixtures.WSSE + "' xmlns:wsu='" + WSU + "' s:mustUnderstand='true'>"
        + "<wsu:Timestamp wsu:Id='TS-1'><wsu:Created>2024-01-01T00:00:00Z</wsu:Created></wsu:Timestamp>"
        + "</wsse:Security>");
    assertThat(h.notUnderstood()).isEmpty();
    Element security = h.security().orElseThrow();
    assertThat(security.getNamespaceURI()).isEqualTo(SoapFixtures.WSSE);
    Element ts = (Element) security.getElementsByTagNameNS(WSU, "Timestamp").item(0);
    assertThat(ts.getAttributeNS(WSU, "Id")).isEqualTo("TS-1");
  }

  @Test
  void headersInAnyOrderWithUnknownOnesBetween() throws Exception {
    SoapHeaders h = headers("<wsse:Security xmlns:wsse='" + SoapFixtures.WSSE + "'/>"
        + "<x:Trace xmlns:x='urn:trace'>abc</x:Trace>"
        + "<a:To>https://x/</a:To><a:ReplyTo><a:Address>" + SoapFixtures.WSA + "/anonymous</a:Address>"
        + "<a:ReferenceParameters><r/></a:ReferenceParameters></a:ReplyTo>"
        + "<a:MessageID>urn:uuid:2</a:MessageID><a:Action>urn:a</a:Action><a:From><a:Address>x</a:Address></a:From>");
    assertThat(h.addressing().action()).contains("urn:a");
    assertThat(h.addressing().messageId()).contains("urn:uuid:2");
    assertThat(h.addressing().replyTo()).contains(SoapFixtures.WSA + "/anonymous");
    assertThat(h.hasSecurity()).isTrue();
    assertThat(h.blocks()).extracting(QName::getLocalPart)
        .containsExactly("Security", "Trace", "To", "ReplyTo", "MessageID", "Action", "From");
    assertThat(h.notUnderstood()).isEmpty();
  }

  @Test
  void whiteSpaceAroundValuesIsTrimmed() throws Exception {
    SoapHeaders h = headers("<a:Action>\n   urn:a \n</a:Action><a:RelatesTo>\turn:uuid:1\n</a:RelatesTo>");
    assertThat(h.addressing().action()).contains("urn:a");
    assertThat(h.addressing().relatesTo()).contains("urn:uuid:1");
  }

  @Test
  void relatesToOfAnotherRelationshipIsNotTheReply() throws Exception {
    SoapHeaders h = headers("<a:RelatesTo RelationshipType='urn:other'>urn:uuid:9</a:RelatesTo>"
        + "<a:RelatesTo>urn:uuid:1</a:RelatesTo>");
    assertThat(h.addressing().relatesTo()).contains("urn:uuid:1");
  }

  @Test
  void onlyQualifiedMustUnderstandAimedAtUsIsNotUnderstood() throws Exception {
    SoapHeaders h = headers("<u:One xmlns:u='urn:u' s:mustUnderstand='true'/>"
        + "<u:Two xmlns:u='urn:u' s:mustUnderstand='1' s:role='" + SoapFixtures.ENV + "/role/ultimateReceiver'/>"
        + "<u:Three xmlns:u='urn:u' s:mustUnderstand='true' s:role='" + SoapFixtures.ENV + "/role/none'/>"
        + "<u:Four xmlns:u='urn:u' s:mustUnderstand='true' s:role='urn:some-other-node'/>"
        + "<u:Five xmlns:u='urn:u' s:mustUnderstand='false'/>");
    assertThat(h.notUnderstood()).containsExactly(new QName("urn:u", "One"), new QName("urn:u", "Two"));
  }

  @Test
  void envelopeWithoutHeader() throws Exception {
    SoapMessage<QName> m = SoapReader.read(SoapFixtures.envelopeAround("", "<x/>"), XmlLimits.DEFAULT,
        SoapFixtures.ROOT_NAME);
    assertThat(m.headers().blocks()).isEmpty();
    assertThat(m.headers().addressing().action()).isEmpty();
    assertThat(m.body()).isEqualTo(new QName("x"));
  }
}
