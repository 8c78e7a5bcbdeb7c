package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.soap.SOAPMessage;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * Envelopes built by an independent SOAP 1.2 stack (SAAJ, saaj-impl) read correctly: WS-Addressing
 * headers with SAAJ's own mustUnderstand, a security block, the body, and a fault with subcodes.
 */
class WeReadWhatSaajWritesTest {

  private static byte[] bytes(SOAPMessage m) throws Exception {
    m.saveChanges();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void requestFromSaaj() throws Exception {
    SOAPMessage m = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createMessage();
    SOAPHeader header = m.getSOAPHeader();
    SOAPHeaderElement action = header.addHeaderElement(new QName(SoapFixtures.WSA, "Action", "wsa"));
    action.setMustUnderstand(true);
    action.addTextNode("urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet");
    header.addHeaderElement(new QName(SoapFixtures.WSA, "MessageID", "wsa")).addTextNode("urn:uuid:5");
    header.addHeaderElement(new QName(SoapFixtures.WSA, "ReplyTo", "wsa"))
        .addChildElement(new QName(SoapFixtures.WSA, "Address", "wsa"))
        .addTextNode("http://www.w3.org/2005/08/addressing/anonymous");
    header.addHeaderElement(new QName(SoapFixtures.WSA, "To", "wsa")).addTextNode("https://r.example/rad75");
    SOAPHeaderElement security = header.addHeaderElement(new QName(SoapFixtures.WSSE, "Security", "wsse"));
    security.setMustUnderstand(true);
    security.addChildElement("Timestamp", "wsu",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
    SOAPElement body = m.getSOAPBody().addChildElement(new QName("urn:ihe:rad:xdsi-b:2009",
        "RetrieveImagingDocumentSetRequest", "iherad"));
    body.addChildElement("StudyRequest", "iherad").setAttribute("studyInstanceUID", "1.2.3");

    SoapMessage<String> read = SoapReader.read(bytes(m), XmlLimits.DEFAULT, r -> {
      r.nextTag();
      return r.getAttributeValue(null, "studyInstanceUID");
    });

    Addressing a = read.headers().addressing();
    assertThat(a.action()).contains("urn:ihe:rad:2011:CrossGatewayRetrieveImagingDocumentSet");
    assertThat(a.messageId()).contains("urn:uuid:5");
    assertThat(a.replyTo()).contains("http://www.w3.org/2005/08/addressing/anonymous");
    assertThat(a.to()).contains("https://r.example/rad75");
    assertThat(read.headers().hasSecurity()).isTrue();
    assertThat(read.headers().notUnderstood()).isEmpty();
    assertThat(read.body()).isEqualTo("1.2.3");
  }

  @Test
  void faultFromSaaj() throws Exception {
    SOAPMessage m = MessageFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL).createMessage();
    SOAPFault fault = m.getSOAPBody().addFault(SOAPConstants.SOAP_SENDER_FAULT, "bad request", Locale.ENGLISH);
    fault.appendFaultSubcode(new QName("urn:bridge:faults", "UnknownCommunity", "b"));
    fault.addDetail().addDetailEntry(new QName("urn:d", "Problem", "d")).addTextNode("x");

    SoapFaultException e = (SoapFaultException) DepthBombRejectedTest.catchAny(
        () -> SoapReader.read(bytes(m), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME));

    assertThat(e.fault().code()).isEqualTo(SoapFault.SENDER);
    assertThat(e.fault().subcodes()).containsExactly(new QName("urn:bridge:faults", "UnknownCommunity"));
    assertThat(e.fault().reasons()).containsExactly(new SoapFault.Reason("en", "bad request"));
    assertThat(e.fault().detail()).hasSize(1);
    assertThat(e.fault().detail().get(0).getTextContent()).isEqualTo("x");
  }
}
