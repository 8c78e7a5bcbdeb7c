package org.xcaibridge.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunityFailure;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.FanOut;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.Partial;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;

/**
 * Five communities asked at once (issue 6's fan-out case): three CXF responding gateways that answer, one CXF
 * gateway that sits on every request, and one port nobody listens on. {@link FanOut} returns within the
 * per-community deadline with the three answers, in community order, and two failures naming the slow one
 * (a call timeout) and the dead one (unreachable). The directory finds each community by homeCommunityId, with
 * or without {@code urn:oid:}.
 */
class GatewayFanOutKeepsPartialResultsTest {
  private static final Documents DOCS = new Documents().add("1.2.3.4.5.14.1", 4_000);
  private static CxfRespondingGateway healthy;
  private static CxfRespondingGateway slow;
  private static GatewayHarness harness;
  private static CommunityDirectory directory;

  @BeforeAll
  static void start() throws Exception {
    healthy = CxfRespondingGateway.start(DOCS);
    slow = CxfRespondingGateway.start(DOCS);
    slow.behaviour = CxfRespondingGateway.Behaviour.SLOW;
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      dead = s.getLocalPort();
    }
    harness = new GatewayHarness();
    List<CommunityClient> clients = new ArrayList<>();
    clients.add(client("urn:oid:1.3.6.1.4.1.21367.14.1", "Alpha", healthy.base));
    clients.add(client("urn:oid:1.3.6.1.4.1.21367.14.2", "Slow", slow.base));
    clients.add(client("urn:oid:1.3.6.1.4.1.21367.14.3", "Beta", healthy.base));
    clients.add(client("urn:oid:1.3.6.1.4.1.21367.14.4", "Dead", "http://127.0.0.1:" + dead));
    clients.add(client("urn:oid:1.3.6.1.4.1.21367.14.5", "Gamma", healthy.base));
    directory = CommunityDirectory.of(clients);
    // a fresh CXF endpoint spends its first request warming up (JAXB, interceptors): not what is measured here
    harness.await(() -> clients.get(0).retrieveDocuments(request()));
  }

  private static RetrieveDocumentSetRequest request() {
    return new RetrieveDocumentSetRequest(List.of(new DocumentRequest(CxfRespondingGateway.HOME, IpfModels.REPOSITORY,
        "1.2.3.4.5.14.1")));
  }

  private static CommunityClient client(String home, String name, String base) {
    return harness.client(CommunityEndpoints.of(home, name, null, URI.create(base + "/iti38"),
        URI.create(base + "/iti39"), URI.create(base + "/rad75")), CommunitySettings.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
    healthy.close();
    slow.close();
  }

  @Test
  void theAnswersComeWithinTheDeadlineAndTheFailuresAreNamed() throws Exception {
    RetrieveDocumentSetRequest request = request();
    long start = System.nanoTime();
    Partial<String> partial = harness.await(() -> FanOut.ask(directory.all(), IheTransaction.ITI_39,
        Duration.ofSeconds(5), c -> c.retrieveDocuments(request).map(d -> c.endpoints().name() + ":"
            + d.documents().get(0).content().length())));
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(partial.results()).as("failures: %s", partial.failures()).containsExactly("Alpha:4000", "Beta:4000", "Gamma:4000");
    assertThat(partial.complete()).isFalse();
    assertThat(partial.failures()).extracting(f -> f.community().name()).containsExactly("Slow", "Dead");
    CommunityFailure slowOne = partial.failures().get(0);
    assertThat(slowOne.timedOut()).isTrue();
    assertThat(((GatewayException.Timeout) slowOne.cause()).kind()).isEqualTo(GatewayException.TimeoutKind.CALL);
    assertThat(partial.failures().get(1).cause()).isInstanceOf(GatewayException.Unreachable.class);
    assertThat(partial.failures().get(1).timedOut()).isFalse();
    assertThat(millis).isGreaterThanOrEqualTo(5_000).isLessThan(30_000); // the deadline, not the 60 s call timeout
  }

  @Test
  void theDirectoryFindsCommunitiesByHomeCommunityId() {
    assertThat(directory.find("urn:oid:1.3.6.1.4.1.21367.14.3")).hasValueSatisfying(
        c -> assertThat(c.endpoints().name()).isEqualTo("Beta"));
    assertThat(directory.find(" 1.3.6.1.4.1.21367.14.5")).hasValueSatisfying(
        c -> assertThat(c.endpoints().name()).isEqualTo("Gamma"));
    assertThat(directory.find("urn:oid:1.3.6.1.4.1.21367.14.9")).isEmpty();
    assertThat(directory.all()).extracting(c -> c.endpoints().name())
        .containsExactly("Alpha", "Slow", "Beta", "Dead", "Gamma");
  }
}
