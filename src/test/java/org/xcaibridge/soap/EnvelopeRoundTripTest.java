package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What SoapWriter writes, SoapReader reads back: addressing headers, security slot, body. */
class EnvelopeRoundTripTest {
  private static final String ACTION = "urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet";
  private static final String TO = "https://responder.example/rad75";

  private static final BodyWriter BODY = w -> {
    w.writeStartElement("ihe", "RetrieveDocumentSetRequest", SoapFixtures.XDSB);
    w.writeNamespace("ihe", SoapFixtures.XDSB);
    w.writeStartElement("ihe", "DocumentUniqueId", SoapFixtures.XDSB);
    w.writeCharacters("1.2.3 & <4>");
    w.writeEndElement();
    w.writeEndElement();
  };

  private static final BodyReader<String> UNIQUE_ID = r -> {
    r.nextTag();
    return r.getElementText();
  };

  @Test
  void requestCarriesAddressingHeadersAndBody() throws Exception {
    SoapWriter.Request written = new SoapWriter(SoapFixtures.countingIds())
        .request(ACTION, TO, SecurityHeader.none(), BODY);

    assertThat(written.messageId()).isEqualTo("urn:uuid:00000000-0000-0000-0000-000000000001");
    SoapMessage<String> read = SoapReader.read(written.envelope(), XmlLimits.DEFAULT, UNIQUE_ID);
    Addressing a = read.headers().addressing();
    assertThat(a.action()).contains(ACTION);
    assertThat(a.to()).contains(TO);
    assertThat(a.messageId()).contains(written.messageId());
    assertThat(a.replyTo()).contains("http://www.w3.org/2005/08/addressing/anonymous");
    assertThat(a.relatesTo()).isEmpty();
    assertThat(read.headers().hasSecurity()).isFalse();
    assertThat(read.headers().notUnderstood()).isEmpty();
    assertThat(read.body()).isEqualTo("1.2.3 & <4>");
  }

  @Test
  void actionCarriesNamespaceQualifiedMustUnderstand() throws Exception {
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds())
        .request(ACTION, TO, SecurityHeader.none(), BODY).envelope();

    Document dom = SecureXml.parseDocument(envelope, XmlLimits.DEFAULT);
    Element action = (Element) dom.getElementsByTagNameNS(SoapFixtures.WSA, "Action").item(0);
    assertThat(action.getAttributeNS(SoapFixtures.ENV, "mustUnderstand")).isEqualTo("true");
    assertThat(action.getAttributeNode("mustUnderstand")).isNull(); // not the unqualified pitfall
  }

  @Test
  void responseRelatesToTheRequest() throws Exception {
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds()).response(
        ACTION + "Response", "urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02", SecurityHeader.none(), BODY);

    SoapMessage<QName> read = SoapReader.read(envelope, XmlLimits.DEFAULT, XMLStreamReader::getName);
    assertThat(read.headers().addressing().action()).contains(ACTION + "Response");
    assertThat(read.headers().addressing().relatesTo()).contains("urn:uuid:0fbfdced-6c01-4d09-a110-2201afedaa02");
    assertThat(read.headers().addressing().messageId()).isEmpty();
    assertThat(read.headers().blocks()).containsExactly(
        new QName(SoapFixtures.WSA, "Action"), new QName(SoapFixtures.WSA, "RelatesTo"));
    assertThat(read.body()).isEqualTo(new QName(SoapFixtures.XDSB, "RetrieveDocumentSetRequest"));
  }

  @Test
  void eachRequestGetsTheNextIdFromTheSource() throws Exception {
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());
    String first = writer.request(ACTION, TO, SecurityHeader.none(), BODY).messageId();
    String second = writer.request(ACTION, TO, SecurityHeader.none(), BODY).messageId();
    assertThat(List.of(first, second)).containsExactly(
        "urn:uuid:00000000-0000-0000-0000-000000000001", "urn:uuid:00000000-0000-0000-0000-000000000002");
  }

  @Test
  void emptyHeaderValuesAreKeptApartFromAbsentOnes() throws Exception {
    byte[] envelope = SoapFixtures.utf8("<s:Envelope xmlns:s='" + SoapFixtures.ENV + "' xmlns:a='"
        + SoapFixtures.WSA + "'><s:Header><a:To/></s:Header><s:Body><x/></s:Body></s:Envelope>");
    SoapMessage<QName> read = SoapReader.read(envelope, XmlLimits.DEFAULT, XMLStreamReader::getName);
    assertThat(read.headers().addressing().to()).isEqualTo(Optional.of(""));
    assertThat(read.headers().addressing().action()).isEmpty();
  }
}
