package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.soap.MTOMFeature;
import jakarta.xml.ws.soap.SOAPBinding;
import java.net.URL;
import java.util.List;
import javax.xml.namespace.QName;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;
import org.openehealth.ipf.commons.ihe.xds.rad75.Rad75PortType;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.soap.Addressing;
import org.xcaibridge.soap.MtomLimits;

/**
 * Apache CXF 4.1.3 as the initiating side: a JAX-WS client (port from IPF's WSDL and JAXB types, SOAP 1.2,
 * MTOM and WS-Addressing features on) sends RAD-75 and ITI-39 requests to our Vert.x endpoint, which answers
 * with MTOM attachments. CXF resolves the {@code xop:Include}s itself (its JAXB attachment unmarshaller), and
 * the bytes its DataHandlers give have the SHA-256 of the source documents; the addressing headers CXF read
 * are the response action and a RelatesTo naming the MessageID our endpoint received.
 */
class CxfClientRetrievesFromVertxEndpointTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.6.1", 150_000).add("1.2.3.4.5.6.2", 700_001).add("1.2.3.4.5.6.3", 1)
      .add("1.3.6.1.4.1.21367.2017.3.1", 260_000).add("1.3.6.1.4.1.21367.2017.3.2", 33);
  private static Vertx vertx;
  private static RetrieveEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, DOCS, MtomLimits.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    endpoint.close();
    Interop.await(vertx.close());
  }

  private static <T> T cxfPort(Class<T> sei, String wsdl, String namespace, String path) {
    URL url = CxfClientRetrievesFromVertxEndpointTest.class.getClassLoader().getResource(wsdl);
    Service service = Service.create(url, new QName(namespace, "RespondingGateway_Service"));
    T port = service.getPort(new QName(namespace, "RespondingGateway_Port_Soap12"), sei,
        new AddressingFeature(true, true), new MTOMFeature(true));
    ((BindingProvider) port).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint.url(path));
    assertThat(((SOAPBinding) ((BindingProvider) port).getBinding()).isMTOMEnabled()).isTrue();
    return port;
  }

  @Test
  void rad75AnsweredWithThreeAttachmentsCxfReadsIdentically() throws Exception {
    Rad75PortType port = cxfPort(Rad75PortType.class, "wsdl/rad75.wsdl", "urn:ihe:rad:xdsi-b:2009", "/rad75");
    List<String> uids = List.of("1.2.3.4.5.6.1", "1.2.3.4.5.6.2", "1.2.3.4.5.6.3");

    RetrieveDocumentSetResponseType response =
        port.documentRepositoryRetrieveImagingDocumentSet(IpfModels.rad75Request(uids));

    assertThat(IpfModels.simplified(response).getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(IpfModels.digests(response)).containsExactlyEntriesOf(DOCS.digestsOf(uids));
    assertThat(response.getDocumentResponse()).extracting(d -> d.getMimeType()).containsOnly("application/dicom");

    RetrieveEndpoint.Seen seen = endpoint.last().orElseThrow();
    assertThat(seen.failure()).isNull();
    assertThat(seen.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    assertThat(seen.message().body()).isEqualTo(IpfModels.ourRad75Request(uids));
    Addressing sent = seen.message().headers().addressing();
    assertThat(sent.action()).contains(IheTransaction.RAD_75.requestAction());
    assertThat(sent.to()).contains(endpoint.url("/rad75"));
    assertThat(sent.messageId()).isPresent();
    assertInboundAddressing(port, IheTransaction.RAD_75.responseAction(), sent.messageId().get());
  }

  @Test
  void iti39PartialSuccessWithTwoAttachmentsCxfReadsIdentically() throws Exception {
    Iti39PortType port = cxfPort(Iti39PortType.class, "wsdl/iti39.wsdl", "urn:ihe:iti:xds-b:2007", "/iti39");
    List<String> uids = List.of("1.3.6.1.4.1.21367.2017.3.1", "1.3.6.1.4.1.21367.2017.3.404",
        "1.3.6.1.4.1.21367.2017.3.2");

    RetrieveDocumentSetResponseType response = port.documentRepositoryRetrieveDocumentSet(IpfModels.iti39Request(uids));

    var simplified = IpfModels.simplified(response);
    assertThat(simplified.getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(simplified.getErrors()).singleElement()
        .satisfies(e -> assertThat(e.getCodeContext()).isEqualTo("1.3.6.1.4.1.21367.2017.3.404"));
    assertThat(IpfModels.digests(response)).containsExactlyEntriesOf(DOCS.digestsOf(List.of(uids.get(0),
        uids.get(2))));

    RetrieveEndpoint.Seen seen = endpoint.last().orElseThrow();
    assertThat(seen.failure()).isNull();
    assertThat(seen.message().body()).isInstanceOf(RetrieveDocumentSetRequest.class);
    Addressing sent = seen.message().headers().addressing();
    assertThat(sent.action()).contains(IheTransaction.ITI_39.requestAction());
    assertInboundAddressing(port, IheTransaction.ITI_39.responseAction(), sent.messageId().orElseThrow());
  }

  /** What CXF's WS-Addressing layer read from our response. */
  private static void assertInboundAddressing(Object port, String action, String relatesTo) {
    AddressingProperties in = (AddressingProperties) ((BindingProvider) port).getResponseContext()
        .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
    assertThat(in).isNotNull();
    assertThat(in.getAction().getValue()).isEqualTo(action);
    assertThat(in.getRelatesTo().getValue()).isEqualTo(relatesTo);
  }
}
