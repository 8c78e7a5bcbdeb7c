package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.xml.ws.WebServiceContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.namespace.QName;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;
import org.openehealth.ipf.commons.ihe.xds.rad75.Rad75PortType;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapMessage;

/**
 * Apache CXF 4.1.3 as the responding side: JAX-WS servers (CXF's {@code JaxWsServerFactoryBean} on 127.0.0.1,
 * a free port, CXF's Jetty transport, IPF's RAD-75 and ITI-39 port types and JAXB types, SOAP 1.2 with MTOM and WS-Addressing)
 * return documents as DataHandlers, which CXF sends as XOP attachments. Our Vert.x client ({@link RetrieveClient}
 * on {@code SoapHttpClient}) gets every attachment with the source's SHA-256, finds it through the
 * {@code xop:Include} cid, and reads the response action and RelatesTo; CXF read our action and MessageID.
 */
class VertxClientRetrievesFromCxfServerTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.7.1", 300_000).add("1.2.3.4.5.7.2", 5).add("1.2.3.4.5.7.3", 1_200_000)
      .add("1.3.6.1.4.1.21367.2017.4.1", 90_000).add("1.3.6.1.4.1.21367.2017.4.2", 400_000);
  private static final ConcurrentLinkedQueue<AddressingProperties> RECEIVED = new ConcurrentLinkedQueue<>();
  private static Vertx vertx;
  private static RetrieveClient client;
  private static String base;
  private static Server rad75;
  private static Server iti39;

  public static class Rad75Server implements Rad75PortType {
    @Resource
    WebServiceContext context;

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveImagingDocumentSet(
        RetrieveImagingDocumentSetRequestType body) {
      RECEIVED.add((AddressingProperties) context.getMessageContext()
          .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      List<String> uids = body.getStudyRequest().stream().flatMap(s -> s.getSeriesRequest().stream())
          .flatMap(s -> s.getDocumentRequests().stream()).map(d -> d.getDocumentUniqueId()).toList();
      return answer(uids);
    }
  }

  public static class Iti39Server implements Iti39PortType {
    @Resource
    WebServiceContext context;

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveDocumentSet(RetrieveDocumentSetRequestType body) {
      RECEIVED.add((AddressingProperties) context.getMessageContext()
          .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      return answer(body.getDocumentRequest().stream().map(d -> d.getDocumentUniqueId()).toList());
    }
  }

  /** Every requested document as a DataHandler (CXF turns each into an XOP attachment). */
  private static RetrieveDocumentSetResponseType answer(List<String> uids) {
    RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
    var status = new org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType();
    status.setStatus("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
    response.setRegistryResponse(status);
    for (String uid : uids) {
      var d = new RetrieveDocumentSetResponseType.DocumentResponse();
      d.setHomeCommunityId(IpfModels.HOME);
      d.setRepositoryUniqueId(IpfModels.REPOSITORY);
      d.setDocumentUniqueId(uid);
      d.setMimeType("application/dicom");
      d.setDocument(new DataHandler(new ByteArrayDataSource(DOCS.get(uid), "application/dicom")));
      response.getDocumentResponse().add(d);
    }
    return response;
  }

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    rad75 = publish(Rad75PortType.class, new Rad75Server(), "wsdl/rad75.wsdl", "urn:ihe:rad:xdsi-b:2009", "/rad75");
    iti39 = publish(Iti39PortType.class, new Iti39Server(), "wsdl/iti39.wsdl", "urn:ihe:iti:xds-b:2007", "/iti39");
    vertx = Vertx.vertx();
    client = new RetrieveClient(vertx, MtomLimits.DEFAULT);
  }

  /**
   * Publishes a JAX-WS endpoint the way CXF serves WSDL-first services: IPF's SEI and WSDL (SOAP 1.2), MTOM on,
   * the WS-Addressing feature, CXF's Jetty transport. ({@code Endpoint.publish} would refuse these SEIs: their
   * {@code @WebService} names a port, which JAX-WS allows on implementations only.)
   */
  private static Server publish(Class<?> sei, Object implementation, String wsdl, String namespace, String path) {
    JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
    factory.setServiceClass(sei);
    factory.setServiceBean(implementation);
    factory.setWsdlLocation(wsdl);
    factory.setServiceName(new QName(namespace, "RespondingGateway_Service"));
    factory.setEndpointName(new QName(namespace, "RespondingGateway_Port_Soap12"));
    factory.setAddress(base + path);
    factory.setProperties(new java.util.HashMap<>(Map.of("mtom-enabled", true))); // the binding is the WSDL's SOAP 1.2
    factory.getFeatures().add(new WSAddressingFeature());
    return factory.create();
  }

  @AfterAll
  static void stop() throws Exception {
    rad75.destroy();
    iti39.destroy();
    client.close();
    Interop.await(vertx.close());
  }

  @Test
  void rad75PlainRequestGetsThreeAttachmentsIdentical() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.7.1", "1.2.3.4.5.7.2", "1.2.3.4.5.7.3");
    RetrieveClient.Result result = client.call(base + "/rad75", IheTransaction.RAD_75,
        IpfModels.ourRad75Request(uids), false);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(bytesByDocument(m.body(), result)).containsExactlyEntriesOf(DOCS.digestsOf(uids));
    assertThat(result.attachments()).hasSize(3).allSatisfy(a -> assertThat(a.failure()).isNull());
    assertThat(m.headers().addressing().action()).contains(IheTransaction.RAD_75.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());
    assertCxfRead(IheTransaction.RAD_75.requestAction(), result.messageId());
  }

  @Test
  void iti39MtomRequestGetsTwoAttachmentsIdentical() throws Exception {
    List<String> uids = List.of("1.3.6.1.4.1.21367.2017.4.1", "1.3.6.1.4.1.21367.2017.4.2");
    RetrieveDocumentSetRequest request = new RetrieveDocumentSetRequest(uids.stream()
        .map(u -> new org.xcaibridge.ihe.DocumentRequest(IpfModels.HOME, IpfModels.REPOSITORY, u)).toList());
    RetrieveClient.Result result = client.call(base + "/iti39", IheTransaction.ITI_39, request, true);

    assertThat(result.status()).isEqualTo(200);
    assertThat(result.contentType()).startsWith("multipart/related").contains("application/xop+xml");
    SoapMessage<RetrieveDocumentSetResponse> m = result.message();
    assertThat(m.body().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(bytesByDocument(m.body(), result)).containsExactlyEntriesOf(DOCS.digestsOf(uids));
    assertThat(m.headers().addressing().action()).contains(IheTransaction.ITI_39.responseAction());
    assertThat(m.headers().addressing().relatesTo()).contains(result.messageId());
    assertCxfRead(IheTransaction.ITI_39.requestAction(), result.messageId());
  }

  /** SHA-256 of each document's attachment, found through its xop:Include, by document unique id. */
  private static Map<String, String> bytesByDocument(RetrieveDocumentSetResponse response,
      RetrieveClient.Result result) {
    Map<String, String> byCid = result.digests();
    Map<String, String> out = new LinkedHashMap<>();
    for (DocumentResponse d : response.documents()) {
      assertThat(d.content()).isInstanceOf(DocumentContent.XopInclude.class);
      String cid = ((DocumentContent.XopInclude) d.content()).contentId();
      assertThat(byCid).containsKey(cid);
      out.put(d.documentUniqueId(), byCid.get(cid));
    }
    return out;
  }

  private static void assertCxfRead(String action, String messageId) {
    AddressingProperties in = RECEIVED.poll();
    assertThat(in).isNotNull();
    assertThat(in.getAction().getValue()).isEqualTo(action);
    assertThat(in.getMessageID().getValue()).isEqualTo(messageId);
    assertThat(RECEIVED).isEmpty();
  }
}
