package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.ops.PrometheusText.sum;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.testing.OnContext;

/**
 * The bridge run as Main runs it (over a generated folder, free ports): {@code /health/live} and
 * {@code /health/ready} answer with their checks, readiness follows the cache directory, and after real IHE
 * traffic — IPF's ITI-38 client against the embedded responder — {@code /metrics} shows the transaction, the
 * bytes and the front's own requests, in a text that the official Prometheus client's parser reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbesAndMetricsFollowRealTrafficTest {
  @TempDir
  static Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private HttpClientAgent client;
  private String patientId;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    Path folder = temp.resolve("dicom");
    patientId = DemoSet.generate(folder, 1).patientId();
    String[] args = {"--work-dir", temp.resolve("work").toString(), "--port", "0", "--responder-port", "0",
        "--data", folder.toString()};
    running = ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, args, Map.of(), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    client = vertx.createHttpClient();
  }

  @AfterAll
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  record Answer(int status, String contentType, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Answer get(String path) throws Exception {
    return OnContext.await(vertx, () -> client.request(HttpMethod.GET, running.frontPort(), "127.0.0.1", path)
        .compose(r -> r.send()).compose(r -> r.body().map(b -> new Answer(r.statusCode(),
            r.getHeader("Content-Type"), b.toString()))), Duration.ofSeconds(30));
  }

  private static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError(
            "no check " + name + " in " + health.encode()));
  }

  @Test
  void livenessPingsEveryEventLoop() throws Exception {
    Answer live = get(OpsRuntime.LIVE_PATH);
    assertThat(live.status()).as(live.body()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("UP");
    assertThat(check(live.json(), "eventLoops").getString("detail")).contains("event loops ran a task");
  }

  @Test
  void readinessNamesItsChecksAndFollowsTheCacheDirectory() throws Exception {
    Answer ready = get(OpsRuntime.READY_PATH);
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("name")))
        .contains("draining", "configuration", "cacheDirectory");
    Path cache = running.store.directory();
    Path aside = cache.resolveSibling("cache-aside");
    // root writes into read-only directories, so the directory is replaced by a file instead
    Files.move(cache, aside);
    Files.writeString(cache, "not a directory");
    try {
      Answer down = get(OpsRuntime.READY_PATH);
      assertThat(down.status()).as(down.body()).isEqualTo(503);
      assertThat(check(down.json(), "cacheDirectory").getString("status")).isEqualTo("DOWN");
      assertThat(check(down.json(), "draining").getString("status")).isEqualTo("UP");
    } finally {
      Files.delete(cache);
      Files.move(aside, cache);
    }
    assertThat(get(OpsRuntime.READY_PATH).status()).isEqualTo(200);
  }

  @Test
  void metricsMoveWithIheTrafficAndParse() throws Exception {
    List<PrometheusText.Sample> before = PrometheusText.parse(get(OpsRuntime.METRICS_PATH).body());
    try (IpfFindDocuments ipf = new IpfFindDocuments()) {
      for (int i = 0; i < 2; i++) {
        QueryResponse r = ipf.find(running.responderUrl() + RespondingGateway.ITI38_PATH, patientId,
            running.config.responder().assigningAuthority());
        assertThat(r.getStatus()).isEqualTo(Status.SUCCESS);
      }
    }
    get(OpsRuntime.READY_PATH);
    Answer scrape = get(OpsRuntime.METRICS_PATH);
    assertThat(scrape.contentType()).isEqualTo(BridgeMetrics.CONTENT_TYPE);
    List<PrometheusText.Sample> after = PrometheusText.parse(scrape.body());

    String community = running.config.responder().homeCommunityId();
    assertThat(iti38Count(after, community) - iti38Count(before, community)).isEqualTo(2.0);
    assertThat(sum(after, "xcai_bytes_total", "direction", "in", "channel", "ihe"))
        .isGreaterThan(sum(before, "xcai_bytes_total", "direction", "in", "channel", "ihe"));
    assertThat(sum(after, "xcai_bytes_total", "direction", "out", "channel", "ihe")).isGreaterThan(1000);
    assertThat(after).anyMatch(s -> s.name().equals("xcai_ihe_transactions_seconds_bucket")
        && s.has("transaction", "ITI-38") && s.has("le", "+Inf") && s.value() >= 2);
    assertThat(after).anyMatch(s -> s.name().equals("xcai_first_byte_seconds_count") && s.has("name", "ITI-38"));
    assertThat(sum(after, "xcai_dicomweb_requests_seconds_count", "route", OpsRuntime.READY_PATH, "status", "200"))
        .isGreaterThanOrEqualTo(1);
    assertThat(after).anyMatch(s -> s.name().equals("xcai_ready") && s.value() == 1.0);
    assertThat(after).anyMatch(s -> s.name().equals("xcai_cache_hits_total") && s.type().equals("counter"));
    assertThat(after).anyMatch(s -> s.name().equals("xcai_cache_stored_bytes") && s.type().equals("gauge"));
    assertThat(after).anyMatch(s -> s.name().equals("xcai_retrievals_in_flight") && s.value() == 0.0);
    assertThat(after).as("no label carries a patient id")
        .noneMatch(s -> s.labels().values().stream().anyMatch(v -> String.valueOf(v).contains(patientId)));
  }

  private static double iti38Count(List<PrometheusText.Sample> samples, String community) {
    return samples.stream().filter(s -> s.name().equals("xcai_ihe_transactions_seconds_count")
            && s.has("transaction", "ITI-38") && s.has("role", "responding") && s.has("outcome", "ok")
            && s.has("community", community))
        .mapToDouble(PrometheusText.Sample::value).sum();
  }
}
