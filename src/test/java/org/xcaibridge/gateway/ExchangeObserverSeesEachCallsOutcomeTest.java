package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;

/**
 * The observer of {@link InitiatorSetup} hears of each call once, with the outcome the gateway gives it: a peer
 * that never answers is a timeout, one answering a SOAP 1.2 fault a failure (its bytes counted), an HTML page and a
 * closed port errors.
 */
class ExchangeObserverSeesEachCallsOutcomeTest {
  private static final String FAULT = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>"
      + "<env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">"
      + "archive down</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>";

  private static GatewayHarness harness;
  private static HttpServer peer;
  private static String base;
  private final List<String> ended = new CopyOnWriteArrayList<>();
  private final AtomicLong bytes = new AtomicLong();

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    peer = GatewayHarness.get(harness.vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      switch (req.path()) {
        case "/silent/iti38":
          break; // never answers
        case "/fault/iti38":
          req.response().setStatusCode(500).putHeader("Content-Type", "application/soap+xml; charset=UTF-8")
              .end(FAULT);
          break;
        default:
          req.response().setStatusCode(502).putHeader("Content-Type", "text/html").end("<html>bad gateway</html>");
      }
    })).listen(0, "127.0.0.1"));
    base = "http://127.0.0.1:" + peer.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    GatewayHarness.get(peer.close());
    harness.close();
  }

  private CommunityClient client(String root) {
    ExchangeObserver observer = new ExchangeObserver() {
      @Override
      public Call start(CommunityEndpoints community, IheTransaction transaction) {
        return outcome -> ended.add(community.name() + " " + transaction + " " + outcome.label());
      }

      @Override
      public void received(CommunityEndpoints community, IheTransaction transaction, long n) {
        bytes.addAndGet(n);
      }
    };
    return CommunityClient.create(harness.vertx, GatewayHarness.endpoints("peer", GatewayHarness.HOME, root),
        GatewayHarness.quick(2000, 300), InitiatorSetup.demo().withObserver(observer));
  }

  private static AdhocQueryRequest query() {
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx("P1", "1.2.3.4"),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, GatewayHarness.HOME);
  }

  @Test
  void eachCallEndsOnceWithItsOutcome() throws Exception {
    CommunityClient silent = client(base + "/silent");
    assertThat(harness.failure(() -> silent.query(query()))).isInstanceOf(GatewayException.Timeout.class);
    CommunityClient fault = client(base + "/fault");
    assertThat(harness.failure(() -> fault.query(query()))).isInstanceOf(GatewayException.Fault.class);
    assertThat(bytes.get()).as("the fault's bytes").isEqualTo(FAULT.length());
    CommunityClient html = client(base + "/html");
    assertThat(harness.failure(() -> html.query(query()))).isInstanceOf(GatewayException.ProtocolViolation.class);
    CommunityClient closed = client("http://127.0.0.1:1");
    assertThat(harness.failure(() -> closed.query(query()))).isInstanceOf(GatewayException.class);
    assertThat(ended).containsExactly("peer ITI_38 timeout", "peer ITI_38 failure", "peer ITI_38 error",
        "peer ITI_38 error");
    GatewayHarness.get(io.vertx.core.Future.join(silent.close(), fault.close(), html.close(), closed.close()));
  }
}
