package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AssigningAuthority;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.requests.QueryRegistry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.StoredQuery;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;

/**
 * IPF 5.1.0 as the ITI-38 initiating side: its {@code xca-iti38} Camel producer (IPF's CXF client, SOAP 1.2 and
 * WS-Addressing as IPF configures XCA) sends IPF's own query model to our gateway, and IPF's ITI-38 response
 * validator checks every answer before the test sees it. A plain Camel context on its own CXF bus, as the interop
 * tests run IPF.
 */
final class IpfIti38Client implements AutoCloseable {
  private final CamelContext camel;
  private final Bus bus;
  private final Bus previous;
  private final String uri;

  IpfIti38Client(int port) throws Exception {
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
