package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Over real HTTP with the JDK's client: every answer of {@link DicomWebRouter} to an allowed origin —
 * 200, each row of the error table, an unmatched path, an unknown failure — carries the CORS headers;
 * the OPTIONS preflight allows Accept, Authorization and Range; an unknown origin gets no CORS headers;
 * error bodies are short JSON without stack traces.
 */
class CorsAndErrorsOnEveryAnswerTest {
  private static final String OHIF = "http://viewer.example:3000";
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    Router router = DicomWebRouter.create(vertx, new CorsSettings(List.of(OHIF, "https://other.example"), false,
        Duration.ofMinutes(5)));
    router.get("/ok").handler(ctx -> ctx.response().putHeader("Warning", QidoWarnings.additionalResults("t", 1))
        .end("[]"));
    router.get("/fail/:kind").handler(ctx -> ctx.fail(failure(ctx.pathParam("kind"))));
    router.get("/throw").handler(ctx -> {
      throw new IllegalStateException("secret detail /etc/passwd");
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(String kind) {
    return switch (kind) {
      case "400" -> new DicomWebException.BadRequest("limit", "limit must be a whole number ≥ 1, was 'x'");
      case "404" -> new DicomWebException.NotFound("no study 1.2.3 is known");
      case "406" -> new DicomWebException.NotAcceptable("nothing fits", List.of("application/dicom+json"));
      case "413" -> new DicomWebException.TooLarge("QidoLimits.maxUidList", 10, 11);
      case "502" -> new DicomWebException.UpstreamFailed("North", "SOAP fault XDSRegistryError", null);
      case "503" -> new DicomWebException.Unavailable("the cache disk is full", Duration.ofSeconds(30), null);
      case "504" -> new DicomWebException.UpstreamTimeout("South", Duration.ofSeconds(5));
      default -> new org.xcaibridge.dicom.UnsupportedTranscodingException("cannot transcode", null, null);
    };
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "/fail/400, 400, limit must be a whole number",
      "/fail/404, 404, no study 1.2.3",
      "/fail/406, 406, application/dicom+json",
      "/fail/413, 413, at most 10",
      "/fail/502, 502, community North failed",
      "/fail/503, 503, cache disk is full",
      "/fail/504, 504, community South did not answer within 5000 ms",
      "/fail/transcoding, 406, cannot transcode",
      "/nowhere, 404, no such DICOMweb resource",
      "/throw, 500, internal error (incident",
  })
  void errorsAreShortJsonWithCors(String path, int status, String says) throws Exception {
    HttpResponse<String> r = get(path, OHIF);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OHIF);
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Warning",
        "Content-Location", "ETag", "Content-Range");
    JsonObject body = new JsonObject(r.body());
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("message")).contains(says);
    assertThat(r.body()).doesNotContain("secret", "Exception", "\tat ");
    if (status == 503) {
      assertThat(r.headers().firstValue("Retry-After")).hasValue("30");
    }
  }

  @Test
  void successCarriesCorsAndExposesWarning() throws Exception {
    HttpResponse<String> r = get("/ok", "https://other.example");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://other.example");
    assertThat(r.headers().firstValue("Vary").orElse("")).containsIgnoringCase("Origin");
  }

  @Test
  void preflightAllowsTheHeadersViewersSend() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/studies/1.2.3/series"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", OHIF)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "accept, authorization, range").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isBetween(200, 204);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(OHIF);
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("accept", "authorization", "range");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
    assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("300");
  }

  @Test
  void anUnknownOriginGetsNoCorsHeaders() throws Exception {
    HttpResponse<String> r = get("/ok", "http://evil.example");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("message")).contains("Origin is not allowed");
  }

  @Test
  void sameOriginRequestsWithoutOriginWork() throws Exception {
    assertThat(get("/ok", null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.actualPort() + path);
  }
}
