package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
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
import org.xcaibridge.gateway.RetrievalOutcome;
import org.xcaibridge.gateway.TcpProxy;

/**
 * A viewer that goes away in the middle of a study: {@link ImagingRetrieval#cancel()} while an instance from a
 * CXF responding gateway is half read fails that instance and the retrieval with {@code Cancelled}, makes no
 * further call, and closes the connection (seen by a TCP relay). An instance the consumer does not want is
 * discarded and the next one still comes whole.
 */
class GatewayCancelClosesTheConnectionTest {
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.15.1", 2_000_000).add("1.2.3.4.5.15.2", 40_000)
      .add("1.2.3.4.5.15.3", 60_000);
  private GatewayHarness harness;
  private CxfRespondingGateway cxf;
  private TcpProxy proxy;
  private CommunityClient client;

  @BeforeEach
  void start() throws Exception {
    cxf = CxfRespondingGateway.start(DOCS);
    harness = new GatewayHarness();
    proxy = TcpProxy.start(harness.vertx, cxf.port(), n -> TcpProxy.Plan.FORWARD);
    client = harness.client(CommunityEndpoints.of(CxfRespondingGateway.HOME, "CXF", null,
        URI.create(proxy.base("/iti38")), URI.create(proxy.base("/iti39")), URI.create(proxy.base("/rad75"))),
        CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(1));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    harness.close();
    cxf.close();
  }

  @Test
  void cancelMidInstanceFailsItAndClosesTheConnection() throws Exception {
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.15.1", "1.2.3.4.5.15.2"))));
    Promise<Throwable> instanceFailure = Promise.promise();
    long[] received = {0};
    harness.vertx.runOnContext(v -> r.handler(instance -> {
      instance.body().exceptionHandler(instanceFailure::tryComplete);
      instance.body().endHandler(x -> instanceFailure.tryComplete(null));
      instance.body().handler(chunk -> {
        received[0] += chunk.length();
        if (received[0] > 100_000) {
          instance.body().pause();
          r.cancel();
        }
      });
    }));
    Throwable failed = GatewayHarness.get(instanceFailure.future());
    Throwable outcome = harness.failure(r::outcome);

    assertThat(failed).isInstanceOf(GatewayException.Cancelled.class).hasMessageContaining("cancelled");
    assertThat(outcome).isSameAs(failed);
    assertThat(received[0]).isLessThan(2_000_000);
    GatewayHarness.until("the connection is closed", () -> proxy.closedByClient() == 1);
    assertThat(cxf.rad75Calls).containsExactly(1); // the second call was never made
  }

  @Test
  void aDiscardedInstanceIsSkippedAndTheNextComesWhole() throws Exception {
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.15.2", "1.2.3.4.5.15.3"))));
    Promise<String> second = Promise.promise();
    harness.vertx.runOnContext(v -> r.handler(instance -> {
      if (instance.documentUniqueId().equals("1.2.3.4.5.15.2")) {
        instance.discard();
        return;
      }
      var sha = GatewayHarness.sha256();
      instance.body().handler(b -> sha.update(b.getBytes()));
      instance.body().endHandler(x -> second.complete(java.util.HexFormat.of().formatHex(sha.digest())));
    }));
    assertThat(GatewayHarness.get(second.future())).isEqualTo(Documents.sha256(DOCS.get("1.2.3.4.5.15.3")));
    RetrievalOutcome outcome = harness.await(r::outcome);
    assertThat(outcome.instances()).isEqualTo(2);
    assertThat(outcome.calls()).isEqualTo(2);
  }
}
