package org.xcaibridge.interop;

import jakarta.activation.DataHandler;
import jakarta.annotation.Resource;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.xml.ws.WebServiceContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import javax.xml.namespace.QName;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;
import org.openehealth.ipf.commons.ihe.xds.rad75.Rad75PortType;

/**
 * Test glue: Apache CXF 4.1.3 JAX-WS servers at {@code base + "/rad75"} and {@code base + "/iti39"} on 127.0.0.1
 * (a free port, CXF's Jetty transport), published the way CXF serves WSDL-first services: IPF's port types and
 * WSDLs (SOAP 1.2), the WS-Addressing feature, MTOM on or off. Each answers with every document asked for as a
 * DataHandler (an XOP attachment with MTOM, inline base64 without), and records the addressing it read.
 */
final class CxfRetrieveServers implements AutoCloseable {
  final String base;
  private final Server rad75;
  private final Server iti39;

  CxfRetrieveServers(Documents documents, boolean mtom, Queue<AddressingProperties> received) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    rad75 = publish(Rad75PortType.class, new Rad75Server(documents, received), "wsdl/rad75.wsdl",
        "urn:ihe:rad:xdsi-b:2009", "/rad75", mtom);
    iti39 = publish(Iti39PortType.class, new Iti39Server(documents, received), "wsdl/iti39.wsdl",
        "urn:ihe:iti:xds-b:2007", "/iti39", mtom);
  }

  public static class Rad75Server implements Rad75PortType {
    private final Documents documents;
    private final Queue<AddressingProperties> received;
    @Resource
    WebServiceContext context;

    Rad75Server(Documents documents, Queue<AddressingProperties> received) {
      this.documents = documents;
      this.received = received;
    }

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveImagingDocumentSet(
        RetrieveImagingDocumentSetRequestType body) {
      received.add((AddressingProperties) context.getMessageContext().get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      return answer(documents, body.getStudyRequest().stream().flatMap(s -> s.getSeriesRequest().stream())
          .flatMap(s -> s.getDocumentRequests().stream()).map(d -> d.getDocumentUniqueId()).toList());
    }
  }

  public static class Iti39Server implements Iti39PortType {
    private final Documents documents;
    private final Queue<AddressingProperties> received;
    @Resource
    WebServiceContext context;

    Iti39Server(Documents documents, Queue<AddressingProperties> received) {
      this.documents = documents;
      this.received = received;
    }

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveDocumentSet(RetrieveDocumentSetRequestType body) {
      received.add((AddressingProperties) context.getMessageContext().get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      return answer(documents, body.getDocumentRequest().stream().map(d -> d.getDocumentUniqueId()).toList());
    }
  }

  /** Every requested document as a DataHandler (CXF turns each into an XOP attachment, or base64 text). */
  private static RetrieveDocumentSetResponseType answer(Documents documents, List<String> uids) {
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
      d.setDocument(new DataHandler(new ByteArrayDataSource(documents.get(uid), "application/dicom")));
      response.getDocumentResponse().add(d);
    }
    return response;
  }

  /**
   * ({@code Endpoint.publish} would refuse these SEIs: their {@code @WebService} names a port, which JAX-WS
   * allows on implementations only.)
   */
  private Server publish(Class<?> sei, Object implementation, String wsdl, String namespace, String path,
      boolean mtom) {
    JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
    factory.setServiceClass(sei);
    factory.setServiceBean(implementation);
    factory.setWsdlLocation(wsdl);
    factory.setServiceName(new QName(namespace, "RespondingGateway_Service"));
    factory.setEndpointName(new QName(namespace, "RespondingGateway_Port_Soap12"));
    factory.setAddress(base + path);
    factory.setProperties(new HashMap<>(Map.of("mtom-enabled", mtom))); // the binding is the WSDL's SOAP 1.2
    factory.getFeatures().add(new WSAddressingFeature());
    return factory.create();
  }

  @Override
  public void close() {
    rad75.destroy();
    iti39.destroy();
  }
}
