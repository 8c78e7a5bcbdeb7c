package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.soap.SoapFault;

/**
 * Each way a community fails reaches the caller as its own {@link GatewayException}, naming the community and
 * the transaction: a CXF peer answering with a SOAP fault, a CXF peer answering Failure, a CXF peer that sits on
 * the request past the first-byte timeout, and a port nobody listens on. After each, the same client still
 * works against a healthy peer.
 */
class GatewayFailuresAreTypedTest {
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.10.1", 50_000).add("1.2.3.4.5.10.2", 70_000);
  private GatewayHarness harness;
  private CxfRespondingGateway cxf;

  @BeforeEach
  void start() throws Exception {
    cxf = CxfRespondingGateway.start(DOCS);
    harness = new GatewayHarness();
  }

  @AfterEach
  void stop() throws Exception {
    harness.close();
    cxf.close();
  }

  private CommunityClient client(String base, CommunitySettings settings) {
    return harness.client(CommunityEndpoints.of(CxfRespondingGateway.HOME, "Peer", null,
        URI.create(base + "/iti38"), URI.create(base + "/iti39"), URI.create(base + "/rad75")), settings);
  }

  @Test
  void aSoapFaultIsAFault() throws Exception {
    cxf.behaviour = CxfRespondingGateway.Behaviour.FAULT;
    CommunityClient client = client(cxf.base, CommunitySettings.DEFAULT);
    Throwable t = harness.failure(() -> client.retrieveImages(IpfModels.ourRad75Request(List.of("1.2.3.4.5.10.1"))));

    assertThat(t).isInstanceOf(GatewayException.Fault.class);
    GatewayException.Fault f = (GatewayException.Fault) t;
    assertThat(f.fault().code()).isIn(SoapFault.RECEIVER, SoapFault.SENDER);
    assertThat(f.fault().reasonText()).contains("imaging document source offline");
    assertThat(f.community().homeCommunityId()).isEqualTo(CxfRespondingGateway.HOME);
    assertThat(f.transaction()).isEqualTo(IheTransaction.RAD_75);
    assertThat(f.isTimeout()).isFalse();
    assertThat(f).hasMessageContaining("Peer (" + CxfRespondingGateway.HOME + ")");
    assertRecovers(client);
  }

  @Test
  void aFailureRegistryResponseIsAnErrorResponse() throws Exception {
    CommunityClient client = client(cxf.base, CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(1));
    Throwable t = harness.failure(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.10.404", "1.2.3.4.5.10.405"))));

    assertThat(t).isInstanceOf(GatewayException.ErrorResponse.class);
    GatewayException.ErrorResponse e = (GatewayException.ErrorResponse) t;
    assertThat(e.errors()).extracting(x -> x.errorCode()).containsExactly("XDSDocumentUniqueIdError",
        "XDSDocumentUniqueIdError");
    assertThat(e.errors()).extracting(x -> x.codeContext()).containsExactly("1.2.3.4.5.10.404", "1.2.3.4.5.10.405");
    assertThat(cxf.rad75Calls).containsExactly(1, 1); // both calls were made before giving up

    Throwable iti39 = harness.failure(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY, "1.2.3.4.5.10.404")))));
    assertThat(iti39).isInstanceOf(GatewayException.ErrorResponse.class).hasMessageContaining("XDSDocumentUniqueIdError");
    assertRecovers(client);
  }

  @Test
  void aPeerSlowToAnswerRunsOutTheFirstByteTimeout() throws Exception {
    cxf.behaviour = CxfRespondingGateway.Behaviour.SLOW;
    CommunityClient client = client(cxf.base, GatewayHarness.quick(5_000, 400));
    long start = System.nanoTime();
    Throwable t = harness.failure(() -> client.retrieveImages(IpfModels.ourRad75Request(List.of("1.2.3.4.5.10.1"))));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(t).isInstanceOf(GatewayException.Timeout.class);
    GatewayException.Timeout timeout = (GatewayException.Timeout) t;
    assertThat(timeout.kind()).isEqualTo(GatewayException.TimeoutKind.FIRST_BYTE);
    assertThat(timeout.isTimeout()).isTrue();
    assertThat(timeout).hasMessageContaining("first-byte timeout of 400 ms");
    assertThat(millis).isGreaterThanOrEqualTo(400).isLessThan(5_000); // not the idle one
  }

  @Test
  void aDeadPeerIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    CommunityClient client = client("http://127.0.0.1:" + port, CommunitySettings.DEFAULT);
    Throwable t = harness.failure(() -> client.retrieveImages(IpfModels.ourRad75Request(List.of("1.2.3.4.5.10.1"))));

    assertThat(t).isInstanceOf(GatewayException.Unreachable.class).hasMessageContaining("unreachable");
    assertThat(((GatewayException) t).isTimeout()).isFalse();
    Throwable q = harness.failure(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY, "1.2.3.4.5.10.1")))));
    assertThat(q).isInstanceOf(GatewayException.Unreachable.class);
  }

  private void assertRecovers(CommunityClient client) throws Exception {
    cxf.behaviour = CxfRespondingGateway.Behaviour.ANSWER;
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.10.1", "1.2.3.4.5.10.2"))));
    GatewayHarness.Collected got = harness.collect(r);
    assertThat(got.instances()).extracting(GatewayHarness.Received::sha256)
        .containsExactlyElementsOf(DOCS.digestsOf(List.of("1.2.3.4.5.10.1", "1.2.3.4.5.10.2")).values());
  }
}
