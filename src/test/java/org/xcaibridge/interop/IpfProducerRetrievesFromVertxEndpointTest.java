package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.cxf.headers.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveImagingDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveSeries;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RetrieveStudy;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.platform.camel.ihe.ws.AbstractWsEndpoint;
import org.openehealth.ipf.platform.camel.ihe.xds.XdsCamelValidators;
import org.w3c.dom.Element;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.Addressing;
import org.xcaibridge.soap.MtomLimits;

/**
 * IPF 5.1.0 as the initiating side: its {@code xcai-rad75://127.0.0.1:PORT/rad75} producer (plain Camel context,
 * IPF's CXF client, MTOM and WS-Addressing as IPF configures RAD-75) sends IPF's own request model to our Vert.x
 * endpoint. Our endpoint reads it with our codecs and answers with MTOM attachments; IPF's response validator
 * accepts the answer, the bytes of IPF's DataHandlers have the SHA-256 of the source instances, and the
 * WS-Addressing headers IPF received are the RAD-75 response action and a RelatesTo naming its MessageID.
 */
class IpfProducerRetrievesFromVertxEndpointTest {
  private static final Documents DOCS = new Documents()
      .add("1.2.3.4.5.9.1", 210_000).add("1.2.3.4.5.9.2", 3).add("1.2.3.4.5.9.3", 90_000);
  private static Vertx vertx;
  private static RetrieveEndpoint endpoint;
  private static IpfCamel ipf;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    endpoint = RetrieveEndpoint.start(vertx, DOCS, MtomLimits.DEFAULT);
    ipf = IpfCamel.start(null, false);
  }

  @AfterAll
  static void stop() throws Exception {
    ipf.close();
    endpoint.close();
    Interop.await(vertx.close());
  }

  @Test
  void ipfProducerGetsThreeInstancesIdentical() throws Exception {
    List<String> uids = List.of("1.2.3.4.5.9.1", "1.2.3.4.5.9.2", "1.2.3.4.5.9.3");
    RetrieveSeries series = new RetrieveSeries();
    series.setSeriesInstanceUID(IpfModels.SERIES);
    uids.forEach(u -> series.getDocuments().add(new DocumentReference(IpfModels.REPOSITORY, u, IpfModels.HOME)));
    RetrieveStudy study = new RetrieveStudy();
    study.setStudyInstanceUID(IpfModels.STUDY);
    study.getRetrieveSerieses().add(series);
    RetrieveImagingDocumentSet request = new RetrieveImagingDocumentSet();
    request.getRetrieveStudies().add(study);
    request.getTransferSyntaxIds().add("1.2.840.10008.1.2.1");
    String uri = "xcai-rad75://127.0.0.1:" + endpoint.url("").replaceFirst("^http://127\\.0\\.0\\.1:", "")
        + "/rad75?audit=false";

    Exchange exchange = ipf.camel.createProducerTemplate().request(uri, e -> e.getIn().setBody(request));

    assertThat(exchange.getException()).isNull();
    XdsCamelValidators.rad75ResponseValidator().process(exchange); // IPF's own check of our answer
    RetrievedDocumentSet set = exchange.getMessage().getBody(RetrievedDocumentSet.class);
    assertThat(set.getStatus()).isEqualTo(Status.SUCCESS);
    Map<String, String> received = new LinkedHashMap<>();
    for (RetrievedDocument d : set.getDocuments()) {
      assertThat(d.getMimeType()).isEqualTo("application/dicom");
      received.put(d.getRequestData().getDocumentUniqueId(), IpfModels.sha256(d.getDataHandler()));
    }
    assertThat(received).containsExactlyEntriesOf(DOCS.digestsOf(uids));

    RetrieveEndpoint.Seen seen = endpoint.last().orElseThrow();
    assertThat(seen.failure()).isNull();
    assertThat(seen.contentType()).startsWith("multipart/related");
    assertThat(seen.message().body()).isEqualTo(IpfModels.ourRad75Request(uids));
    Addressing sent = seen.message().headers().addressing();
    assertThat(sent.action()).contains(IheTransaction.RAD_75.requestAction());
    assertThat(sent.messageId()).isPresent();
    assertThat(sent.to()).contains(endpoint.url("/rad75"));
    @SuppressWarnings("unchecked")
    Map<QName, Header> soapHeaders = exchange.getMessage().getHeader(AbstractWsEndpoint.INCOMING_SOAP_HEADERS,
        Map.class);
    assertThat(text(soapHeaders, "Action")).isEqualTo(IheTransaction.RAD_75.responseAction());
    assertThat(text(soapHeaders, "RelatesTo")).isEqualTo(sent.messageId().get());
  }

  /** A WS-Addressing header as IPF's CXF client received it. */
  private static String text(Map<QName, Header> headers, String wsaName) {
    Header h = headers.get(new QName("http://www.w3.org/2005/08/addressing", wsaName));
    assertThat(h).as(wsaName).isNotNull();
    return ((Element) h.getObject()).getTextContent().strip();
  }
}
