package org.xcaibridge.interop;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.annotation.Resource;
import jakarta.xml.ws.WebServiceContext;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.namespace.QName;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;
import org.openehealth.ipf.commons.ihe.xds.rad75.Rad75PortType;

/**
 * Apache CXF 4.1.3 as a responding gateway for the gateway tests: JAX-WS servers (IPF's RAD-75 and ITI-39 port
 * types and WSDLs, SOAP 1.2, WS-Addressing, MTOM on or off) on CXF's Jetty transport at 127.0.0.1. Documents the
 * gateway knows come back as DataHandlers (XOP attachments with MTOM, inline base64 without); unknown ones as an
 * {@code XDSDocumentUniqueIdError}, with status PartialSuccess or Failure. It can also answer with a fault, sit
 * on a request (slow peer), or stall in the middle of an attachment until released.
 */
final class CxfRespondingGateway implements AutoCloseable {
  static final String HOME = IpfModels.HOME;

  enum Behaviour { ANSWER, FAULT, SLOW, STALL_MID_ATTACHMENT }

  final String base;
  final Documents docs;
  /** DocumentRequests per RAD-75 call received, in order. */
  final List<Integer> rad75Calls = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<AddressingProperties> addressing = new ConcurrentLinkedQueue<>();
  volatile Behaviour behaviour = Behaviour.ANSWER;
  /** For STALL_MID_ATTACHMENT: bytes of the attachment sent before the stall. */
  volatile int stallAfter = 256 * 1024;
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Server> servers = new CopyOnWriteArrayList<>();

  private CxfRespondingGateway(Documents docs) throws IOException {
    this.docs = docs;
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
  }

  /** RAD-75 at {@code /rad75} and ITI-39 at {@code /iti39} with MTOM; RAD-75 without MTOM at {@code /rad75-inline}. */
  static CxfRespondingGateway start(Documents docs) throws IOException {
    CxfRespondingGateway g = new CxfRespondingGateway(docs);
    g.publish(Rad75PortType.class, g.new Rad75(), "wsdl/rad75.wsdl", "urn:ihe:rad:xdsi-b:2009", "/rad75", true);
    g.publish(Rad75PortType.class, g.new Rad75(), "wsdl/rad75.wsdl", "urn:ihe:rad:xdsi-b:2009", "/rad75-inline",
        false);
    g.publish(Iti39PortType.class, g.new Iti39(), "wsdl/iti39.wsdl", "urn:ihe:iti:xds-b:2007", "/iti39", true);
    return g;
  }

  int port() {
    return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
  }

  private void publish(Class<?> sei, Object implementation, String wsdl, String namespace, String path,
      boolean mtom) {
    JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
    factory.setServiceClass(sei);
    factory.setServiceBean(implementation);
    factory.setWsdlLocation(wsdl);
    factory.setServiceName(new QName(namespace, "RespondingGateway_Service"));
    factory.setEndpointName(new QName(namespace, "RespondingGateway_Port_Soap12"));
    factory.setAddress(base + path);
    factory.setProperties(new HashMap<>(Map.of("mtom-enabled", mtom)));
    factory.getFeatures().add(new WSAddressingFeature());
    servers.add(factory.create());
  }

  public class Rad75 implements Rad75PortType {
    @Resource
    WebServiceContext context;

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveImagingDocumentSet(
        RetrieveImagingDocumentSetRequestType body) {
      addressing.add((AddressingProperties) context.getMessageContext()
          .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      List<String> uids = body.getStudyRequest().stream().flatMap(s -> s.getSeriesRequest().stream())
          .flatMap(s -> s.getDocumentRequests().stream()).map(d -> d.getDocumentUniqueId()).toList();
      rad75Calls.add(uids.size());
      return answer(uids);
    }
  }

  public class Iti39 implements Iti39PortType {
    @Resource
    WebServiceContext context;

    @Override
    public RetrieveDocumentSetResponseType documentRepositoryRetrieveDocumentSet(RetrieveDocumentSetRequestType body) {
      addressing.add((AddressingProperties) context.getMessageContext()
          .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND));
      return answer(body.getDocumentRequest().stream().map(d -> d.getDocumentUniqueId()).toList());
    }
  }

  private RetrieveDocumentSetResponseType answer(List<String> uids) {
    Behaviour b = behaviour;
    if (b == Behaviour.FAULT) {
      throw new IllegalStateException("imaging document source offline");
    }
    if (b == Behaviour.SLOW) {
      awaitRelease();
    }
    RetrieveDocumentSetResponseType response = new RetrieveDocumentSetResponseType();
    RegistryResponseType status = new RegistryResponseType();
    RegistryErrorList errors = new RegistryErrorList();
    for (String uid : uids) {
      if (!docs.has(uid)) {
        RegistryError e = new RegistryError();
        e.setErrorCode("XDSDocumentUniqueIdError");
        e.setCodeContext(uid);
        e.setLocation(HOME);
        e.setSeverity("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
        errors.getRegistryError().add(e);
        continue;
      }
      var d = new RetrieveDocumentSetResponseType.DocumentResponse();
      d.setHomeCommunityId(HOME);
      d.setRepositoryUniqueId(IpfModels.REPOSITORY);
      d.setDocumentUniqueId(uid);
      d.setMimeType("application/dicom");
      d.setDocument(new DataHandler(source(docs.get(uid), b == Behaviour.STALL_MID_ATTACHMENT)));
      response.getDocumentResponse().add(d);
    }
    if (!errors.getRegistryError().isEmpty()) {
      errors.setHighestSeverity("urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error");
      status.setRegistryErrorList(errors);
    }
    status.setStatus(errors.getRegistryError().isEmpty() ? "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"
        : response.getDocumentResponse().isEmpty() ? "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"
        : "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
    response.setRegistryResponse(status);
    return response;
  }

  /** The document's bytes; when stalling, the stream blocks after {@link #stallAfter} bytes until released. */
  private DataSource source(byte[] bytes, boolean stall) {
    return new DataSource() {
      @Override
      public InputStream getInputStream() {
        InputStream in = new ByteArrayInputStream(bytes);
        if (!stall) {
          return in;
        }
        return new FilterInputStream(in) {
          private int sent;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (sent >= stallAfter) {
              awaitRelease();
              throw new IOException("released after the stall");
            }
            int n = super.read(b, off, Math.min(len, stallAfter - sent));
            sent += Math.max(n, 0);
            return n;
          }
        };
      }

      @Override
      public OutputStream getOutputStream() {
        throw new UnsupportedOperationException();
      }

      @Override
      public String getContentType() {
        return "application/dicom";
      }

      @Override
      public String getName() {
        return "instance";
      }
    };
  }

  private void awaitRelease() {
    try {
      release.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release.countDown();
    servers.forEach(Server::destroy);
  }
}
