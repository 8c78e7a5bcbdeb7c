package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The wsse:Security slot: finished bytes are spliced in byte for byte (so a signature over them
 * survives), a callback may write the block instead, and what is not one wsse:Security element is
 * refused. On reading, the block comes back as a standalone DOM element.
 */
class SecurityHeaderSlotTest {
  private static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  private static final String ELEMENT = "<wsse:Security xmlns:wsse=\"" + SoapFixtures.WSSE + "\"\n"
      + "    xmlns:wsu='" + WSU + "'><wsu:Timestamp   wsu:Id=\"TS-1\">"
      + "<wsu:Created>2024-01-01T00:00:00Z</wsu:Created></wsu:Timestamp><!-- kept --></wsse:Security>";
  private static final BodyWriter BODY = w -> w.writeEmptyElement("x");

  @Test
  void finishedBytesAreSplicedVerbatim() throws Exception {
    byte[] given = SoapFixtures.utf8("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ELEMENT + "\n");
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds())
        .request("urn:a", "https://x/", SecurityHeader.ofXml(given), BODY).envelope();

    String text = new String(envelope, StandardCharsets.UTF_8);
    assertThat(text).contains("<wsa:To>https://x/</wsa:To>" + ELEMENT + "</soap:Header>");
    assertThat(text).doesNotContain("\uFEFF").containsOnlyOnce("<?xml");
  }

  @Test
  void readBackBlockIsStandalone() throws Exception {
    // Prefixes declared on the Envelope only, one of them used only inside an attribute value (as SAML's
    // xsi:type="xs:string" does): the copy must declare them itself, or c14n and QName values break.
    String xs = "http://www.w3.org/2001/XMLSchema";
    byte[] envelope = SoapFixtures.utf8("<s:Envelope xmlns:s='" + SoapFixtures.ENV + "' xmlns:wsse='"
        + SoapFixtures.WSSE + "' xmlns:wsu='" + WSU + "' xmlns:xs='" + xs + "'><s:Header>"
        + "<wsse:Security s:mustUnderstand='1'><wsu:Timestamp wsu:Id='TS-1' type='xs:string'/></wsse:Security>"
        + "</s:Header><s:Body><x/></s:Body></s:Envelope>");
    Element security = SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME)
        .headers().security().orElseThrow();
    assertThat(security.lookupNamespaceURI("xs")).isEqualTo(xs);

    ByteArrayOutputStream serialised = new ByteArrayOutputStream();
    SecureXml.transformerFactory().newTransformer().transform(new DOMSource(security), new StreamResult(serialised));
    Document again = SecureXml.parseDocument(serialised.toByteArray(), XmlLimits.DEFAULT);
    Element ts = (Element) again.getElementsByTagNameNS(WSU, "Timestamp").item(0);
    assertThat(ts.getAttributeNS(WSU, "Id")).isEqualTo("TS-1");
    assertThat(ts.lookupNamespaceURI("xs")).isEqualTo(xs);
    assertThat(again.getDocumentElement().getAttributeNS(SoapFixtures.ENV, "mustUnderstand")).isEqualTo("1");
  }

  @Test
  void splicedBlockReadsBackAsTheSameElement() throws Exception {
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds()).response("urn:aResponse", "urn:uuid:1",
        SecurityHeader.ofXml(SoapFixtures.utf8(ELEMENT)), BODY);
    Element read = SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME).headers().security().orElseThrow();
    Element original = SecureXml.parseDocument(SoapFixtures.utf8(ELEMENT), XmlLimits.DEFAULT).getDocumentElement();
    // The copy also declares soap and wsa (in scope on the Envelope); everything else is the same.
    read.removeAttribute("xmlns:soap");
    read.removeAttribute("xmlns:wsa");
    assertThat(read.isEqualNode(original)).isTrue();
  }

  @Test
  void callbackMayWriteTheBlock() throws Exception {
    SecurityHeader written = SecurityHeader.writtenBy(w -> {
      w.writeStartElement("wsse", "Security", SoapFixtures.WSSE);
      w.writeNamespace("wsse", SoapFixtures.WSSE);
      w.writeEmptyElement("wsu", "Timestamp", WSU);
      w.writeNamespace("wsu", WSU);
      w.writeEndElement();
    });
    byte[] envelope = new SoapWriter(SoapFixtures.countingIds()).request("urn:a", "https://x/", written, BODY).envelope();
    Element security = SoapReader.read(envelope, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME).headers().security().orElseThrow();
    assertThat(security.getElementsByTagNameNS(WSU, "Timestamp").getLength()).isEqualTo(1);
  }

  @Test
  void callbackMustWriteExactlyOneSecurityElement() {
    SoapWriter writer = new SoapWriter(SoapFixtures.countingIds());
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/",
        SecurityHeader.writtenBy(w -> w.writeEmptyElement("wrong")), BODY))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("wsse:Security");
    assertThatThrownBy(() -> writer.request("urn:a", "https://x/", SecurityHeader.writtenBy(w -> {
      w.writeEmptyElement("wsse", "Security", SoapFixtures.WSSE);
      w.writeNamespace("wsse", SoapFixtures.WSSE);
      w.writeEmptyElement("wsse", "Security", SoapFixtures.WSSE);
      w.writeNamespace("wsse", SoapFixtures.WSSE);
    }), BODY)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void bytesThatAreNotOneSecurityElementAreRefused() {
    String ns = " xmlns:wsse='" + SoapFixtures.WSSE + "'";
    for (String bad : new String[] {
        "<wsse:Other" + ns + "/>",
        "<Security/>",
        "<!DOCTYPE wsse:Security []><wsse:Security" + ns + "/>",
        "<!-- before --><wsse:Security" + ns + "/>",
        "<wsse:Security" + ns + "/><?pi after?>",
        "<wsse:Security" + ns + ">",
        "<?xml version='1.0' encoding='ISO-8859-1'?><wsse:Security" + ns + "/>"}) {
      assertThatThrownBy(() -> SecurityHeader.ofXml(bad.getBytes(StandardCharsets.ISO_8859_1)))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(SecurityHeader.ofXml(SoapFixtures.utf8("<wsse:Security" + ns + "/>"))).isNotNull();
  }
}
