package org.xcaibridge.ops;

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
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;

/**
 * An independent IHE client for the started responder: IPF 5.1.0's {@code xca-iti38} Camel producer sends a
 * FindDocuments for a patient to a full endpoint URL, and IPF's ITI-38 response validator checks the answer
 * before the test reads it. Runs on its own CXF bus, which it restores on close.
 */
final class IpfFindDocuments implements AutoCloseable {
  private final CamelContext camel;
  private final Bus bus;
  private final Bus previous;

  IpfFindDocuments() throws Exception {
    previous = BusFactory.getThreadDefaultBus(false);
    bus = BusFactory.newInstance().createBus();
    BusFactory.setThreadDefaultBus(bus);
    camel = new DefaultCamelContext();
    camel.start();
  }

  /** Approved DocumentEntries of {@code patientId^^^&authority&ISO}, from {@code http://host:port/path}. */
  QueryResponse find(String endpointUrl, String patientId, String authority) throws Exception {
    FindDocumentsQuery q = new FindDocumentsQuery();
    q.setPatientId(new Identifiable(patientId, new AssigningAuthority(authority)));
    q.setStatus(List.of(AvailabilityStatus.APPROVED));
    QueryRegistry request = new QueryRegistry(q);
    request.setReturnType(QueryReturnType.LEAF_CLASS);
    String uri = "xca-iti38://" + endpointUrl.substring("http://".length()) + "?audit=false";
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
