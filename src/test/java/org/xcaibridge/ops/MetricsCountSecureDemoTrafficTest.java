package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.ops.PrometheusText.sum;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.TlsSetup;

/**
 * The secure demo run as {@code serve --secure} runs it, scraped at {@code /metrics} before and after real traffic and
 * read by the official Prometheus client's parser: QIDO-RS and WADO-RS requests count under their route templates
 * (no UID in any label) with their status, first byte and bytes out; the bridge's own RAD-75 and ITI-38 to its
 * responder count as initiating transactions of that community with outcome {@code success}; a request without an
 * assertion counts as a SAML rejection ({@code missing}); a handshake without a client certificate, and one whose
 * client refuses the server, as TLS rejections.
 */
class MetricsCountSecureDemoTrafficTest {
  private static final String JSON = "application/dicom+json";
  private static final String DICOM = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private String patientId;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() throws Exception {
    PrometheusText.requireParser();
    vertx = VertxRuntime.create(); // as Main runs: the native transport where it loads
    DemoSet demo = DemoSet.generate(temp.resolve("dicom"), 1);
    patientId = demo.patientId();
    running = await(demo.startSecureBridge(vertx, temp.resolve("work"), Map.of()));
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      await(running.close());
    }
    await(vertx.close());
  }

  @Test
  void dicomwebAndIheTrafficAndRefusalsMoveTheCounters() throws Exception {
    List<PrometheusText.Sample> before = scrape();
    String community = running.config.responder().homeCommunityId();

    // DICOMweb: a patient's studies, their series, the study retrieved twice (the second from the cache)
    HttpResponse<byte[]> studies = get("/dicomweb/studies?PatientID=" + patientId, JSON);
    assertThat(studies.statusCode()).as(new String(studies.body())).isEqualTo(200);
    String study = new JsonArray(new String(studies.body())).getJsonObject(0).getJsonObject("0020000D")
        .getJsonArray("Value").getString(0);
    assertThat(get("/dicomweb/studies/" + study + "/series", JSON).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> retrieved = get("/dicomweb/studies/" + study, DICOM);
    assertThat(retrieved.statusCode()).isEqualTo(200);
    assertThat(get("/dicomweb/studies/" + study, DICOM).statusCode()).isEqualTo(200);
    assertThat(get("/dicomweb/studies/1.2.3.999999/series", JSON).statusCode()).isEqualTo(404);

    // IHE refusals at the responder's door
    CommunityClient unsigned = client(InitiatorSetup.demo().withTls(TlsSetup.load(running.secure.pki.clientTls())));
    assertThat(failure(() -> unsigned.query(query()))).isInstanceOf(GatewayException.Fault.class);
    CommunityClient untrusting = client(InitiatorSetup.demo());
    assertThat(failure(() -> untrusting.query(query()))).isInstanceOf(GatewayException.Tls.class);
    HttpClientAgent anonymous = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false));
    Throwable noCertificate = failure(() -> anonymous.request(HttpMethod.POST, URI.create(running.responderUrl())
        .getPort(), "127.0.0.1", RespondingGateway.ITI38_PATH).compose(r -> r.send("<x/>")).compose(r -> r.body()));
    assertThat(noCertificate).as("a client without a certificate is refused").isNotNull();

    List<PrometheusText.Sample> after = waitForScrape("both TLS refusals counted", s ->
        delta(before, s, "xcai_rejections_total", "kind", "tls", "reason", "no_client_certificate") >= 1
            && delta(before, s, "xcai_rejections_total", "kind", "tls", "reason", "client_refused_server") >= 1);
    // closed only now: Vert.x closes a client nothing refers to any more, even with a request in flight
    await(anonymous.close());
    await(unsigned.close());
    await(untrusting.close());

    String wado = "/dicomweb/studies/:study";
    assertThat(delta(before, after, "xcai_dicomweb_requests_seconds_count", "route", "/dicomweb/studies",
        "method", "GET", "status", "200")).isEqualTo(1);
    assertThat(delta(before, after, "xcai_dicomweb_requests_seconds_count", "route", "/dicomweb/studies/:study/series",
        "status", "200")).isEqualTo(1);
    assertThat(delta(before, after, "xcai_dicomweb_requests_seconds_count", "route", wado, "status", "200"))
        .isEqualTo(2);
    assertThat(delta(before, after, "xcai_dicomweb_requests_seconds_count", "route", "/dicomweb/studies/:study/series",
        "status", "404")).as("an unknown study is counted under its route too: %s", after.stream().filter(s -> s.has("status", "404")
            && s.name().endsWith("_count")).toList()).isEqualTo(1);
    assertThat(after).anyMatch(s -> s.name().equals("xcai_dicomweb_requests_seconds_bucket") && s.has("route", wado)
        && s.has("le", "+Inf") && s.value() >= 2);
    assertThat(delta(before, after, "xcai_first_byte_seconds_count", "channel", "dicomweb", "name", wado))
        .isEqualTo(2);
    assertThat(delta(before, after, "xcai_bytes_total", "direction", "out", "channel", "dicomweb"))
        .isGreaterThanOrEqualTo(2.0 * retrieved.body().length);
    assertThat(sum(after, "xcai_retrievals_in_flight")).isZero();

    // the bridge's own calls to its responder: the study found (ITI-38) and retrieved (RAD-75), now or by prefetch
    assertThat(sum(after, "xcai_ihe_transactions_seconds_count", "role", "initiating", "community", community,
        "transaction", "ITI-38", "outcome", "success")).isGreaterThanOrEqualTo(1);
    assertThat(sum(after, "xcai_ihe_transactions_seconds_count", "role", "initiating", "community", community,
        "transaction", "RAD-75", "outcome", "success")).isGreaterThanOrEqualTo(1);
    assertThat(sum(after, "xcai_ihe_received_bytes_total", "community", community, "transaction", "RAD-75"))
        .isGreaterThanOrEqualTo(retrieved.body().length / 2.0);
    assertThat(sum(after, "xcai_ihe_transactions_seconds_count", "role", "responding", "transaction", "RAD-75",
        "outcome", "ok")).isGreaterThanOrEqualTo(1);
    assertThat(sum(after, "xcai_cache_written_bytes_total")).isGreaterThan(0);
    assertThat(delta(before, after, "xcai_cache_hits_total")).as("the second retrieval").isGreaterThanOrEqualTo(1);

    assertThat(delta(before, after, "xcai_rejections_total", "kind", "saml", "reason", "missing")).isEqualTo(1);
    assertThat(after).as("no label carries a UID or a patient id").noneMatch(s -> s.labels().values().stream()
        .anyMatch(v -> String.valueOf(v).contains(study) || String.valueOf(v).contains(patientId)));
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + running.frontPort() + path);
    return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private List<PrometheusText.Sample> scrape() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.frontPort()
        + OpsRuntime.METRICS_PATH)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(BridgeMetrics.CONTENT_TYPE);
    return PrometheusText.parse(r.body());
  }

  private interface Condition {
    boolean holds(List<PrometheusText.Sample> samples);
  }

  /** Scrapes until {@code condition} holds: the server hears of a refused handshake a moment after the client. */
  private List<PrometheusText.Sample> waitForScrape(String what, Condition condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<PrometheusText.Sample> s = scrape();
      if (condition.holds(s)) {
        return s;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what + "; rejections: " + s.stream()
            .filter(x -> x.name().startsWith("xcai_rejections")).toList());
      }
      Thread.sleep(100);
    }
  }

  private static double delta(List<PrometheusText.Sample> before, List<PrometheusText.Sample> after, String name,
      String... labels) {
    return sum(after, name, labels) - sum(before, name, labels);
  }

  private AdhocQueryRequest query() {
    ResponderIdentity id = running.config.responder().identity();
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(patientId, id.assigningAuthorityOid()),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, id.homeCommunityId());
  }

  private CommunityClient client(InitiatorSetup setup) {
    String base = running.responderUrl();
    return CommunityClient.create(vertx, CommunityEndpoints.of(running.config.responder().homeCommunityId(),
        "test", URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
        URI.create(base + RespondingGateway.ITI39_PATH), URI.create(base + RespondingGateway.RAD75_PATH)),
        CommunitySettings.DEFAULT, setup);
  }

  private <T> Throwable failure(Supplier<Future<T>> call) throws Exception {
    Promise<T> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(p));
    try {
      await(p.future());
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call was answered but should have been refused");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }
}
