package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.activation.DataHandler;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.headers.Header;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveSeries;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveStudy;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.platform.camel.ihe.ws.AbstractWsEndpoint;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;
import org.w3c.dom.Element;

/**
 * IPF 5.1.0 as the requester: its own request models, sent by its Camel producers ({@code xcai-rad75},
 * {@code xdsi-rad69}, {@code xca-iti39}: IPF's CXF clients with MTOM and WS-Addressing as IPF configures each
 * transaction) from a plain Camel context on its own CXF bus; each answer is checked with IPF's response validator
 * for the transaction and read back through IPF's transformers.
 */
final class IpfRetriever implements AutoCloseable {
  private final CamelContext camel;
  private final Bus bus;
  private final Bus previousBus;

  IpfRetriever() throws Exception {
    previousBus = BusFactory.getThreadDefaultBus(false);
    bus = BusFactory.newInstance().createBus();
    BusFactory.setThreadDefaultBus(bus);
    camel = new DefaultCamelContext();
    camel.start();
  }

  /** One series of a request: its UID and the SOP Instance UIDs asked, all at {@code repository} of {@code home}. */
  record Series(String study, String series, List<String> instances, String repository, String home) {
    Series(RetrieveRig.Instance i) {
      this(i.study(), i.series(), List.of(i.sop()), RetrieveRig.REPOSITORY, RetrieveRig.HOME);
    }
  }

  /** IPF's RAD-69/75 request model: one RetrieveStudy per distinct study, one RetrieveSeries per entry. */
  static RetrieveImagingDocumentSet imagingRequest(List<String> transferSyntaxes, List<Series> series) {
    RetrieveImagingDocumentSet request = new RetrieveImagingDocumentSet();
    for (Series s : series) {
      RetrieveStudy study = request.getRetrieveStudies().stream()
          .filter(st -> st.getStudyInstanceUID().equals(s.study())).findFirst().orElseGet(() -> {
            RetrieveStudy st = new RetrieveStudy();
            st.setStudyInstanceUID(s.study());
            request.getRetrieveStudies().add(st);
            return st;
          });
      RetrieveSeries rs = new RetrieveSeries();
      rs.setSeriesInstanceUID(s.series());
      s.instances().forEach(uid -> rs.getDocuments().add(new DocumentReference(s.repository(), uid, s.home())));
      study.getRetrieveSerieses().add(rs);
    }
    request.getTransferSyntaxIds().addAll(transferSyntaxes);
    return request;
  }

  /** An answer and the WS-Addressing headers it came with. */
  record Answer(RetrievedDocumentSet set, Map<QName, Header> soapHeaders) {
    String wsa(String name) {
      Header h = soapHeaders.get(new QName("http://www.w3.org/2005/08/addressing", name));
      assertThat(h).as("wsa:" + name).isNotNull();
      return ((Element) h.getObject()).getTextContent().strip();
    }
  }

  Answer rad75(RetrieveRig rig, RetrieveImagingDocumentSet request) throws Exception {
    return send("xcai-rad75://127.0.0.1:" + rig.port() + "/xcai/rad75?audit=false", request,
        XdsCamelValidators.rad75ResponseValidator());
  }

  /**
   * Sends a RAD-75 request whose answer must break off, and returns how that showed: the exchange failed, or (CXF
   * reads MTOM attachments lazily, after the root part made the exchange) reading a document's bytes failed.
   * Null when everything could be read.
   */
  Exception rad75Failure(RetrieveRig rig, RetrieveImagingDocumentSet request) {
    Exchange exchange = camel.createProducerTemplate().request("xcai-rad75://127.0.0.1:" + rig.port()
        + "/xcai/rad75?audit=false", e -> e.getIn().setBody(request));
    if (exchange.getException() != null) {
      return exchange.getException();
    }
    for (RetrievedDocument d : exchange.getMessage().getBody(RetrievedDocumentSet.class).getDocuments()) {
      try {
        bytes(d.getDataHandler());
      } catch (Exception e) {
        return e;
      }
    }
    return null;
  }

  Answer rad69(RetrieveRig rig, RetrieveImagingDocumentSet request) throws Exception {
    return send("xdsi-rad69://127.0.0.1:" + rig.port() + "/xdsi/rad69?audit=false", request,
        XdsCamelValidators.rad69ResponseValidator());
  }

  /** ITI-39 for documents at {@code repository} of {@code home}. */
  Answer iti39(RetrieveRig rig, List<String> documentUniqueIds, String repository, String home)
      throws Exception {
    RetrieveDocumentSet request = new RetrieveDocumentSet();
    documentUniqueIds.forEach(uid -> request.getDocuments().add(new DocumentReference(repository, uid, home)));
    return send("xca-iti39://127.0.0.1:" + rig.port() + "/xca/iti39?audit=false", request,
        XdsCamelValidators.iti39ResponseValidator());
  }

  @SuppressWarnings("unchecked")
  /** Sends, then checks the answer with IPF's own response validator for the transaction. */
  private Answer send(String uri, Object body, Processor validator) throws Exception {
    Exchange exchange = camel.createProducerTemplate().request(uri, e -> e.getIn().setBody(body));
    assertThat(exchange.getException()).as("IPF's exchange").isNull();
    validator.process(exchange);
    return new Answer(exchange.getMessage().getBody(RetrievedDocumentSet.class),
        exchange.getMessage().getHeader(AbstractWsEndpoint.INCOMING_SOAP_HEADERS, Map.class));
  }

  /** The bytes IPF's DataHandler gives. */
  static byte[] bytes(DataHandler handler) throws Exception {
    try (InputStream in = handler.getInputStream()) {
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Override
  public void close() throws Exception {
    try {
      camel.close();
    } finally {
      bus.shutdown(true);
      BusFactory.setThreadDefaultBus(previousBus);
    }
  }
}
