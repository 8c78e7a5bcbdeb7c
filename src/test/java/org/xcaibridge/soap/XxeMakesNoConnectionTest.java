package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * External entities, external DTDs, parameter entities, XInclude and schema locations that point at a
 * loopback canary make no connection through any of our parsers. A control run with the JDK's
 * unhardened StAX factory does connect, so the canary and the payloads are live.
 */
class XxeMakesNoConnectionTest {
  private Canary canary;

  @BeforeEach
  void startCanary() throws Exception {
    canary = Canary.start();
  }

  @AfterEach
  void stopCanary() {
    canary.close();
  }

  private String url(String path) {
    return canary.url(path);
  }

  private List<byte[]> payloads() {
    return List.of(
        SoapFixtures.envelopeAround("<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"" + url("entity") + "\">]>",
            "<x>&xxe;</x>"),
        SoapFixtures.envelopeAround("<!DOCTYPE s:Envelope SYSTEM \"" + url("external.dtd") + "\">", "<x/>"),
        SoapFixtures.envelopeAround("<!DOCTYPE s:Envelope [<!ENTITY % remote SYSTEM \"" + url("param.dtd")
            + "\"> %remote;]>", "<x/>"),
        SoapFixtures.envelopeAround("", "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='"
            + url("xinclude") + "' parse='text'/>"),
        SoapFixtures.envelopeAround("", "<x xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'"
            + " xsi:schemaLocation='urn:x " + url("schema.xsd") + "'/>"));
  }

  @Test
  void controlUnhardenedParserDoesConnect() throws Exception {
    XMLStreamReader r = XMLInputFactory.newDefaultFactory()
        .createXMLStreamReader(new ByteArrayInputStream(payloads().get(0)));
    while (r.hasNext()) {
      r.next();
    }
    assertThat(canary.hits()).isPositive();
  }

  @Test
  void soapReaderMakesNoConnection() throws Exception {
    for (byte[] payload : payloads()) {
      try {
        SoapReader.read(payload, XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME);
      } catch (XmlDoctypeException expected) {
        // the DTD payloads; the XInclude and schemaLocation ones are plain elements to a SOAP reader
      }
    }
    assertThatThrownBy(() -> SoapReader.read(payloads().get(0), XmlLimits.DEFAULT, SoapFixtures.ROOT_NAME))
        .isInstanceOf(XmlDoctypeException.class);
    assertThat(canary.hits()).isZero();
    SoapFixtures.assertRecovers();
  }

  @Test
  void domParsingMakesNoConnection() throws Exception {
    for (byte[] payload : payloads()) {
      try {
        SecureXml.parseDocument(payload, XmlLimits.DEFAULT);
      } catch (XmlDoctypeException expected) {
        // the DTD payloads
      }
      try {
        SecureXml.documentBuilder(XmlLimits.DEFAULT).parse(new ByteArrayInputStream(payload));
      } catch (org.xml.sax.SAXException expected) {
        // disallow-doctype-decl
      }
    }
    assertThat(canary.hits()).isZero();
    SoapFixtures.assertRecovers();
  }

  @Test
  void rawHardenedFactoriesMakeNoConnection() throws Exception {
    for (byte[] payload : payloads()) {
      try {
        XMLStreamReader r = SecureXml.inputFactory(XmlLimits.DEFAULT)
            .createXMLStreamReader(new ByteArrayInputStream(payload));
        while (r.hasNext()) {
          r.next();
        }
      } catch (javax.xml.stream.XMLStreamException refused) {
        // an undeclared entity once the DTD is skipped
      }
      try {
        SecureXml.transformerFactory().newTransformer()
            .transform(new StreamSource(new ByteArrayInputStream(payload)), new DOMResult());
      } catch (javax.xml.transform.TransformerException refused) {
        // external access refused
      }
    }
    assertThat(canary.hits()).isZero();
    SoapFixtures.assertRecovers();
  }
}
