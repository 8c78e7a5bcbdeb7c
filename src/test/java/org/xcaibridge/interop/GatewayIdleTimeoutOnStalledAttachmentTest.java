package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.RetrievalOutcome;
import org.xcaibridge.gateway.TcpProxy;

/**
 * A CXF responding gateway that stops sending in the middle of an attachment (its DataHandler's stream blocks
 * after 256 KiB of 1 MB): the idle timeout fires, the instance being read fails with a {@code Timeout} of kind
 * IDLE (never ends as if whole), then the retrieval fails with the same error, and our side closes the
 * connection (seen by a TCP relay in front of CXF). A consumer that holds the stream paused longer than the
 * idle timeout is not taken for a stalled peer.
 */
class GatewayIdleTimeoutOnStalledAttachmentTest {
  private static final int SIZE = 1_000_000;
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.11.1", 20_000).add("1.2.3.4.5.11.2", SIZE);
  private GatewayHarness harness;
  private CxfRespondingGateway cxf;
  private TcpProxy proxy;

  @BeforeEach
  void start() throws Exception {
    cxf = CxfRespondingGateway.start(DOCS);
    harness = new GatewayHarness();
    proxy = TcpProxy.start(harness.vertx, cxf.port(), n -> TcpProxy.Plan.FORWARD);
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    harness.close();
    cxf.close();
  }

  private CommunityClient client(int idleMillis) {
    return harness.client(CommunityEndpoints.of(CxfRespondingGateway.HOME, "Stalling peer", null,
        URI.create(proxy.base("/iti38")), URI.create(proxy.base("/iti39")), URI.create(proxy.base("/rad75"))),
        GatewayHarness.quick(idleMillis, 10_000));
  }

  @Test
  void aStallMidAttachmentFailsTheInstanceAndClosesTheConnection() throws Exception {
    cxf.behaviour = CxfRespondingGateway.Behaviour.STALL_MID_ATTACHMENT;
    cxf.stallAfter = 256 * 1024;
    CommunityClient client = client(500);
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(
        List.of("1.2.3.4.5.11.2"))));
    GatewayHarness.Collected got = harness.collect(r);

    assertThat(got.instances()).singleElement().satisfies(i -> {
      assertThat(i.documentUniqueId()).isEqualTo("1.2.3.4.5.11.2");
      assertThat(i.sha256()).isNull(); // never ended
      assertThat(i.size()).isPositive().isLessThan(SIZE);
      assertThat(i.failure()).isInstanceOf(GatewayException.Timeout.class);
      assertThat(((GatewayException.Timeout) i.failure()).kind()).isEqualTo(GatewayException.TimeoutKind.IDLE);
      assertThat(i.failure()).hasMessageContaining("Stalling peer").hasMessageContaining("idle timeout of 500 ms");
    });
    assertThat(got.streamFailure()).isSameAs(got.instances().get(0).failure());
    GatewayHarness.until("our side closed the stalled connection", () -> proxy.closedByClient() == 1);
    assertThat(proxy.connections()).isEqualTo(1);
  }

  @Test
  void aConsumerPausedLongerThanTheIdleTimeoutIsNotAStall() throws Exception {
    CommunityClient client = client(1_000);
    List<String> uids = List.of("1.2.3.4.5.11.2", "1.2.3.4.5.11.1");
    ImagingRetrieval r = harness.await(() -> client.retrieveImages(IpfModels.ourRad75Request(uids)));
    List<String> digests = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    harness.vertx.runOnContext(v -> r.handler(instance -> {
      MessageDigest sha = GatewayHarness.sha256();
      boolean[] pausedOnce = {false};
      instance.body().exceptionHandler(failures::add);
      instance.body().endHandler(x -> digests.add(HexFormat.of().formatHex(sha.digest())));
      instance.body().handler(chunk -> {
        sha.update(chunk.getBytes());
        if (!pausedOnce[0]) { // mid-instance, hold the stream three idle timeouts long
          pausedOnce[0] = true;
          instance.body().pause();
          harness.vertx.setTimer(3_000, id -> instance.body().resume());
        }
      });
    }));
    RetrievalOutcome outcome = harness.await(r::outcome);

    assertThat(failures).isEmpty();
    assertThat(digests).containsExactlyElementsOf(DOCS.digestsOf(uids).values());
    assertThat(outcome.instances()).isEqualTo(2);
    assertThat(proxy.closedByClient()).isZero();
  }
}
