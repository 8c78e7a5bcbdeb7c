package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.soap.Canary;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.XmlDoctypeException;

/**
 * Envelopes that point at a loopback canary — an external entity, an external DTD, a parameter entity,
 * XInclude, a schema location — posted to our Vert.x endpoint as plain SOAP and as MTOM root parts: every one
 * is answered with a SOAP Sender fault (400) and the canary sees 0 connections. A control parse of the first
 * payload with the JDK's unhardened StAX factory does reach the canary, so canary and payloads are live.
 */
class PostedXxeMakesNoConnectionTest {
  private Canary canary;
  private Vertx vertx;
  private RetrieveEndpoint endpoint;
  private final HostilePeer peer = new HostilePeer();

  @BeforeEach
  void start() throws Exception {
    canary = Canary.start();
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, new Documents(), MtomLimits.DEFAULT);
  }

  @AfterEach
  void stop() throws Exception {
    endpoint.close();
    Interop.await(vertx.close());
    canary.close();
  }

  private String canaryUrl(String path) {
    return canary.url(path);
  }

  private static byte[] envelope(String prolog, String body) {
    return (prolog + "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body>" + body
        + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
  }

  private List<byte[]> payloads() {
    return List.of(
        envelope("<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM '" + canaryUrl("entity") + "'>]>", "<x>&xxe;</x>"),
        envelope("<!DOCTYPE s:Envelope SYSTEM '" + canaryUrl("external.dtd") + "'>", "<x/>"),
        envelope("<!DOCTYPE s:Envelope [<!ENTITY % remote SYSTEM '" + canaryUrl("param.dtd") + "'> %remote;]>",
            "<x/>"),
        envelope("", "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='" + canaryUrl("xinclude")
            + "' parse='text'/>"),
        envelope("", "<x xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance' xsi:schemaLocation='urn:x "
            + canaryUrl("schema.xsd") + "'/>"));
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
  void noPayloadReachesTheCanary() throws Exception {
    for (byte[] payload : payloads()) {
      String expected = new String(payload, StandardCharsets.UTF_8).contains("<!DOCTYPE")
          ? "document type declarations" : "not a message this endpoint reads";
      peer.post(endpoint.url("/rad75"), HostilePeer.SOAP_TYPE, payload).assertSenderFault(expected);
      peer.post(endpoint.url("/rad75"), HostilePeer.MTOM_TYPE, HostilePeer.mtom(payload, 1, HostilePeer::smallPart))
          .assertSenderFault(expected);
    }
    assertThat(endpoint.seen).hasSize(10).allSatisfy(s -> assertThat(s.failure()).isNotNull());
    assertThat(endpoint.seen.peek().failure()).isInstanceOf(XmlDoctypeException.class);
    assertThat(canary.hits()).isZero();
    HostilePeer.assertRecovers(vertx, endpoint);
  }
}
