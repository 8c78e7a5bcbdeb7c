package org.xcaibridge.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
  private HttpServer canary;
  private final AtomicInteger hits = new AtomicInteger();

  @BeforeEach
  void startCanary() throws Exception {
    canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    canary.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] answer = "canary".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    });
    canary.start();
  }

  @AfterEach
  void stopCanary() {
    canary.stop(0);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + canary.getAddress().getPort() + "/" + path;
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
    assertThat(hits.get()).isPositive();
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
    assertThat(hits.get()).isZero();
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
    assertThat(hits.get()).isZero();
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
    assertThat(hits.get()).isZero();
    SoapFixtures.assertRecovers();
  }
}
