package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.Detail;
import jakarta.xml.soap.DetailEntry;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.MimeHeaders;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * An independent SOAP 1.2 stack, the SAAJ implementation CXF's SAAJ support runs on (saaj-impl,
 * test scope), reads our requests, responses and faults as we meant them: header blocks with a
 * mustUnderstand it recognises, the spliced security block, the body, and every part of a fault.
 */
class SaajReadsWhatWeWriteTest {
  private static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  private static final BodyWriter BODY = w -> {
    w.writeStartElement("ihe", "RetrieveDocumentSetRequest", SoapFixtures.XDSB);
    w.writeNamespace("ihe", SoapFixtures.XDSB);
    w.writeStartElement("ihe", "DocumentUniqueId", SoapFixtures.XDSB);
    w.writeCharacters("1.2.3");
    w.writeEndElement();
    w.writeEndElement();
  };

  static SOAPMessage saaj(byte[] envelope) throws Exception {
    MimeHeaders headers = new MimeHeaders();
    headers.addHeader("Content-Type", "application/soap+xml; charset=utf-8");
    SOAPMessage m = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
        .createMessage(headers, new ByteArrayInputStream(envelope));
    m.getSOAPPart().getEnvelope(); // forces the parse
    return m;
  }

  @Test
  void requestHeadersAndBody() throws Exception {
    SoapWriter.Request request = new SoapWriter(SoapFixtures.countingIds()).request(
        "urn:ihe:iti:2007:CrossGatewayRetrieve", "https://responder.example/iti39", SecurityHeader.ofXml(
            SoapFixtures.utf8("<wsse:Security xmlns:wsse='" + SoapFixtures.WSSE + "' xmlns:wsu='" + WSU
                + "'><wsu:Timestamp/></wsse:Security>")), BODY);
    SOAPMessage m = saaj(request.envelope());

    List<SOAPHeaderElement> blocks = new ArrayList<>();
    m.getSOAPHeader().examineAllHeaderElements().forEachRemaining(blocks::add);
    assertThat(blocks).extracting(b -> b.getElementQName().getLocalPart())
        .containsExactly("Action", "MessageID", "ReplyTo", "To", "Security");
    assertThat(blocks.get(0).getMustUnderstand()).isTrue();
    assertThat(blocks.get(0).getTextContent()).isEqualTo("urn:ihe:iti:2007:CrossGatewayRetrieve");
    assertThat(blocks.get(1).getTextContent()).isEqualTo(request.messageId());
    assertThat(blocks.get(2).getTextContent()).isEqualTo("http://www.w3.org/2005/08/addressing/anonymous");
    assertThat(blocks.get(3).getMustUnderstand()).isFalse();
    assertThat(blocks.get(4).getElementQName()).isEqualTo(new QName(SoapFixtures.WSSE, "Security"));

    SOAPBody body = m.getSOAPBody();
    assertThat(body.hasFault()).isFalse();
    SOAPElement root = (SOAPElement) body.getChildElements().next();
    assertThat(root.getElementQName()).isEqualTo(new QName(SoapFixtures.XDSB, "RetrieveDocumentSetRequest"));
    assertThat(root.getTextContent()).isEqualTo("1.2.3");
  }

  @Test
  void responseRelatesTo() throws Exception {
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds()).response(
        "urn:ihe:iti:2007:CrossGatewayRetrieveResponse", "urn:uuid:42", SecurityHeader.none(), BODY);
    Iterator<SOAPHeaderElement> blocks = saaj(envelope).getSOAPHeader().examineAllHeaderElements();
    List<String> texts = new ArrayList<>();
    blocks.forEachRemaining(b -> texts.add(b.getLocalName() + "=" + b.getTextContent()));
    assertThat(texts).containsExactly("Action=urn:ihe:iti:2007:CrossGatewayRetrieveResponse", "RelatesTo=urn:uuid:42");
  }

  @Test
  void faultWithEveryPart() throws Exception {
    QName sub1 = new QName(SoapFixtures.WSA, "ActionNotSupported");
    QName sub2 = new QName("urn:bridge:faults", "UnknownCommunity");
    Element entry = SecureXml.parseDocument(SoapFixtures.utf8("<d:Problem xmlns:d='urn:d'>x</d:Problem>"),
        XmlLimits.DEFAULT).getDocumentElement();
    SoapFault fault = new SoapFault(SoapFault.SENDER, List.of(sub1, sub2),
        List.of(new SoapFault.Reason("en", "no such action"), new SoapFault.Reason("de", "keine solche Aktion")),
        Optional.of("https://responder.example/"), Optional.of("urn:role"), List.of(entry));

    SOAPFault read = saaj(new SoapWriter(SoapFixtures.countingIds()).fault("urn:uuid:1", fault)).getSOAPBody().getFault();

    assertThat(read.getFaultCodeAsQName()).isEqualTo(SoapFault.SENDER);
    List<QName> subcodes = new ArrayList<>();
    read.getFaultSubcodes().forEachRemaining(subcodes::add);
    assertThat(subcodes).containsExactly(sub1, sub2);
    assertThat(read.getFaultReasonText(Locale.ENGLISH)).isEqualTo("no such action");
    assertThat(read.getFaultReasonText(Locale.GERMAN)).isEqualTo("keine solche Aktion");
    assertThat(read.getFaultNode()).isEqualTo("https://responder.example/");
    assertThat(read.getFaultRole()).isEqualTo("urn:role");
    Detail detail = read.getDetail();
    DetailEntry d = detail.getDetailEntries().next();
    assertThat(d.getElementQName()).isEqualTo(new QName("urn:d", "Problem"));
    assertThat(d.getTextContent()).isEqualTo("x");
  }
}
