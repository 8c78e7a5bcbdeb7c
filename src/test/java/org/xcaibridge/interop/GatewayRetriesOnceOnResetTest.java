package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.gateway.TcpProxy;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;

/**
 * The retry rule, proven by counting TCP connections and requests at a relay in front of a CXF responding
 * gateway: a connection reset before any answer is retried once (two connections, the call succeeds); resets
 * on every connection fail after exactly two; a reset after part of the answer has arrived is never retried
 * (one connection), and neither is a RAD-75 call once instances of the same retrieval have been handed on.
 */
class GatewayRetriesOnceOnResetTest {
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.12.1", 30_000).add("1.2.3.4.5.12.2", 300_000)
      .add("1.2.3.4.5.12.3", 20_000);
  private static CxfRespondingGateway cxf;
  private static GatewayHarness harness;
  private TcpProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    cxf = CxfRespondingGateway.start(DOCS);
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stopAll() throws Exception {
    harness.close();
    cxf.close();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    proxy = null;
  }

  private CommunityClient client(IntFunction<TcpProxy.Plan> plans, int batch) throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    proxy = TcpProxy.start(harness.vertx, cxf.port(), plans);
    return harness.client(CommunityEndpoints.of(CxfRespondingGateway.HOME, "Flaky peer", null,
        URI.create(proxy.base("/iti38")), URI.create(proxy.base("/iti39")), URI.create(proxy.base("/rad75"))),
        CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(batch));
  }

  private static RetrieveDocumentSetRequest iti39(String uid) {
    return new RetrieveDocumentSetRequest(List.of(new DocumentRequest(CxfRespondingGateway.HOME,
        IpfModels.REPOSITORY, uid)));
  }

  @Test
  void aResetBeforeTheAnswerIsRetriedOnce() throws Exception {
    CommunityClient client = client(n -> n == 1 ? TcpProxy.Plan.RESET_ON_REQUEST : TcpProxy.Plan.FORWARD, 10);
    RetrievedDocuments docs = harness.await(() -> client.retrieveDocuments(iti39("1.2.3.4.5.12.1")));

    assertThat(docs.documents()).singleElement()
        .satisfies(d -> assertThat(d.content().getBytes()).isEqualTo(DOCS.get("1.2.3.4.5.12.1")));
    assertThat(proxy.connections()).isEqualTo(2);

    // the same for a RAD-75 retrieval whose first call is reset
    CommunityClient rad = client(n -> n == 1 ? TcpProxy.Plan.RESET_ON_REQUEST : TcpProxy.Plan.FORWARD, 10);
    ImagingRetrieval r = harness.await(() -> rad.retrieveImages(IpfModels.ourRad75Request(List.of("1.2.3.4.5.12.2"))));
    GatewayHarness.Collected got = harness.collect(r);
    assertThat(got.instances()).singleElement()
        .satisfies(i -> assertThat(i.sha256()).isEqualTo(Documents.sha256(DOCS.get("1.2.3.4.5.12.2"))));
    assertThat(got.outcome().calls()).isEqualTo(1);
    assertThat(proxy.connections()).isEqualTo(2);
  }

  @Test
  void resetsOnEveryConnectionFailAfterTwo() throws Exception {
    CommunityClient client = client(n -> TcpProxy.Plan.RESET_ON_REQUEST, 10);
    Throwable t = harness.failure(() -> client.retrieveDocuments(iti39("1.2.3.4.5.12.1")));

    assertThat(t).isInstanceOf(GatewayException.ConnectionLost.class);
    assertThat(((GatewayException.ConnectionLost) t).responseStarted()).isFalse();
    assertThat(proxy.connections()).isEqualTo(2);
    assertThat(proxy.requests()).isEqualTo(2);
  }

  @Test
  void aResetAfterPartOfTheAnswerIsNotRetried() throws Exception {
    CommunityClient client = client(n -> TcpProxy.Plan.resetAfterAnswerBytes(100_000), 10);
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(List.of("1.2.3.4.5.12.2"))));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.instances()).singleElement().satisfies(i -> {
      assertThat(i.sha256()).isNull();
      assertThat(i.failure()).isInstanceOf(GatewayException.ConnectionLost.class);
      assertThat(((GatewayException.ConnectionLost) i.failure()).responseStarted()).isTrue();
    });
    assertThat(got.streamFailure()).isInstanceOf(GatewayException.ConnectionLost.class);
    assertThat(proxy.connections()).isEqualTo(1);
  }

  @Test
  void aResetOfALaterCallAfterInstancesWereHandedOnIsNotRetried() throws Exception {
    // call 1 (one instance) goes through; call 2, on the same kept-alive connection, is reset before any
    // answer: bytes of this retrieval were already handed on
    CommunityClient client = client(n -> n == 1 ? TcpProxy.Plan.FORWARD : TcpProxy.Plan.RESET_ON_REQUEST, 1);
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.12.1", "1.2.3.4.5.12.3"))));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.instances()).singleElement()
        .satisfies(i -> assertThat(i.sha256()).isEqualTo(Documents.sha256(DOCS.get("1.2.3.4.5.12.1"))));
    assertThat(got.streamFailure()).isInstanceOf(GatewayException.ConnectionLost.class);
    assertThat(proxy.requests()).isEqualTo(2);
  }
}
