package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssigningAuthority;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.QueryRegistry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveSeries;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveStudy;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.StoredQuery;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;

/**
 * IPF 5.1.0 as the initiating side: its {@code xca-iti38}, {@code xca-iti39} and {@code xcai-rad75} Camel producers
 * (IPF's CXF clients, SOAP 1.2, WS-Addressing and MTOM as IPF configures each transaction) send IPF's own request
 * models to our gateway, and IPF's response validator for the transaction checks every answer before the test sees
 * it. A plain Camel context on its own CXF bus, as the interop tests run IPF.
 */
final class IpfInitiatingGateway implements AutoCloseable {
  private final CamelContext camel;
  private final Bus bus;
  private final Bus previous;
  private final String uri;
  private final int port;

  IpfInitiatingGateway(int port) throws Exception {
    this.port = port;
    previous = BusFactory.getThreadDefaultBus(false);
    bus = BusFactory.newInstance().createBus();
    BusFactory.setThreadDefaultBus(bus);
    camel = new DefaultCamelContext();
    camel.start();
    uri = "xca-iti38://127.0.0.1:" + port + RespondingGateway.ITI38_PATH + "?audit=false";
  }

  /** A FindDocuments for Approved entries of a patient in the given assigning authority. */
  static FindDocumentsQuery findDocuments(String patientId, String authority) {
    FindDocumentsQuery q = new FindDocumentsQuery();
    q.setPatientId(new Identifiable(patientId, new AssigningAuthority(authority)));
    q.setStatus(List.of(AvailabilityStatus.APPROVED));
    return q;
  }

  /** Sends the query and returns IPF's model of the answer, which IPF's own validator has accepted. */
  QueryResponse query(StoredQuery query, QueryReturnType returnType) throws Exception {
    QueryRegistry request = new QueryRegistry(query);
    request.setReturnType(returnType);
    Exchange exchange = camel.createProducerTemplate().request(uri, e -> e.getIn().setBody(request));
    assertThat(exchange.getException()).as("IPF producer failure").isNull();
    XdsCamelValidators.iti38ResponseValidator().process(exchange);
    return exchange.getMessage().getBody(QueryResponse.class);
  }

  /** ITI-39 for these manifests at our repository and community. */
  RetrievedDocumentSet iti39(List<String> documentUniqueIds) throws Exception {
    RetrieveDocumentSet request = new RetrieveDocumentSet();
    documentUniqueIds.forEach(uid -> request.getDocuments().add(new DocumentReference(
        GatewayRig.IDENTITY.repositoryUniqueId(), uid, GatewayRig.IDENTITY.homeCommunityId())));
    return send("xca-iti39", RespondingGateway.ITI39_PATH, request, XdsCamelValidators.iti39ResponseValidator());
  }

  /** RAD-75 for these instances of one series, at the repository a manifest names, in our community. */
  RetrievedDocumentSet rad75(String study, String series, String repository, List<String> instances,
      List<String> transferSyntaxes) throws Exception {
    RetrieveSeries rs = new RetrieveSeries();
    rs.setSeriesInstanceUID(series);
    instances.forEach(uid -> rs.getDocuments().add(new DocumentReference(repository, uid,
        GatewayRig.IDENTITY.homeCommunityId())));
    RetrieveStudy st = new RetrieveStudy();
    st.setStudyInstanceUID(study);
    st.getRetrieveSerieses().add(rs);
    RetrieveImagingDocumentSet request = new RetrieveImagingDocumentSet();
    request.getRetrieveStudies().add(st);
    request.getTransferSyntaxIds().addAll(transferSyntaxes);
    return send("xcai-rad75", RespondingGateway.RAD75_PATH, request, XdsCamelValidators.rad75ResponseValidator());
  }

  private RetrievedDocumentSet send(String component, String path, Object body, Processor validator)
      throws Exception {
    Exchange exchange = camel.createProducerTemplate().request(component + "://127.0.0.1:" + port + path
        + "?audit=false", e -> e.getIn().setBody(body));
    assertThat(exchange.getException()).as("IPF producer failure").isNull();
    validator.process(exchange);
    return exchange.getMessage().getBody(RetrievedDocumentSet.class);
  }

  @Override
  public void close() throws Exception {
    try {
      camel.close();
    } finally {
      bus.shutdown(true);
      BusFactory.setThreadDefaultBus(previous);
    }
  }
}
