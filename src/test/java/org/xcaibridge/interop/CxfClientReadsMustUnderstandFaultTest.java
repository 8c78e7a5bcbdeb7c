package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.Vertx;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPHeaderElement;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.AddressingFeature;
import jakarta.xml.ws.soap.MTOMFeature;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.iti39.Iti39PortType;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.MustUnderstandException;

/**
 * A request with header blocks we do not process, marked {@code soap:mustUnderstand}, gets an
 * {@code env:MustUnderstand} fault whose {@code env:NotUnderstood} headers name each block by its qualified name
 * (SOAP 1.2 Part 1 §5.4.8). Apache CXF 4.1.3 is the client: a JAX-WS handler adds the two header blocks, CXF
 * reads the fault (its code is MustUnderstand), and the same handler reads the NotUnderstood headers from the
 * SAAJ message CXF built, resolving each {@code qname} attribute against the namespaces in scope.
 */
class CxfClientReadsMustUnderstandFaultTest {
  private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  private static final QName TRACE = new QName("urn:example:ext", "Trace");
  private static final QName AUDIT = new QName("urn:example:other", "Audit");
  private static Vertx vertx;
  private static RetrieveEndpoint endpoint;

  /** Adds the two blocks going out; records the NotUnderstood names coming back. */
  static final class ExtensionHeaders implements SOAPHandler<SOAPMessageContext> {
    final List<QName> notUnderstood = new CopyOnWriteArrayList<>();

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
      try {
        if ((Boolean) context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY)) {
          SOAPHeader header = context.getMessage().getSOAPHeader();
          if (header == null) {
            header = context.getMessage().getSOAPPart().getEnvelope().addHeader();
          }
          for (QName block : List.of(TRACE, AUDIT)) {
            SOAPHeaderElement e = header.addHeaderElement(block);
            e.setMustUnderstand(true);
            e.addTextNode("x");
          }
        } else {
          read(context);
        }
      } catch (SOAPException e) {
        throw new IllegalStateException(e);
      }
      return true;
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
      try {
        read(context);
      } catch (SOAPException e) {
        throw new IllegalStateException(e);
      }
      return true;
    }

    private void read(SOAPMessageContext context) throws SOAPException {
      SOAPHeader header = context.getMessage().getSOAPHeader();
      if (header == null) {
        return;
      }
      Iterator<?> it = header.getChildElements(new QName(SOAP12, "NotUnderstood"));
      while (it.hasNext()) {
        SOAPElement e = (SOAPElement) it.next();
        String qname = e.getAttribute("qname");
        int colon = qname.indexOf(':');
        String prefix = colon < 0 ? null : qname.substring(0, colon);
        notUnderstood.add(new QName(e.lookupNamespaceURI(prefix), qname.substring(colon + 1)));
      }
    }

    @Override
    public Set<QName> getHeaders() {
      return Set.of();
    }

    @Override
    public void close(MessageContext context) {}
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, new Documents().add("1.2.3.9.1", 10), MtomLimits.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    endpoint.close();
    Interop.await(vertx.close());
  }

  @Test
  void mustUnderstandFaultNamesEachBlockInNotUnderstoodHeaders() {
    URL wsdl = getClass().getClassLoader().getResource("wsdl/iti39.wsdl");
    String ns = "urn:ihe:iti:xds-b:2007";
    Iti39PortType port = Service.create(wsdl, new QName(ns, "RespondingGateway_Service")).getPort(
        new QName(ns, "RespondingGateway_Port_Soap12"), Iti39PortType.class, new AddressingFeature(true, true),
        new MTOMFeature(true));
    BindingProvider bp = (BindingProvider) port;
    bp.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint.url("/iti39"));
    ExtensionHeaders handler = new ExtensionHeaders();
    List<Handler> chain = new ArrayList<>(bp.getBinding().getHandlerChain());
    chain.add(handler);
    bp.getBinding().setHandlerChain(chain);

    SOAPFaultException fault = catchThrowableOfType(SOAPFaultException.class,
        () -> port.documentRepositoryRetrieveDocumentSet(IpfModels.iti39Request(List.of("1.2.3.9.1"))));

    assertThat(fault).isNotNull();
    assertThat(fault.getFault().getFaultCodeAsQName()).isEqualTo(new QName(SOAP12, "MustUnderstand"));
    assertThat(handler.notUnderstood).containsExactly(TRACE, AUDIT);
    RetrieveEndpoint.Seen seen = endpoint.last().orElseThrow();
    assertThat(seen.failure()).isInstanceOfSatisfying(MustUnderstandException.class,
        e -> assertThat(e.notUnderstood()).containsExactly(TRACE, AUDIT));
  }
}
