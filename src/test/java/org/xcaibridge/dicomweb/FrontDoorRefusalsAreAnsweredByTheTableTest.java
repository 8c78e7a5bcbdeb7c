package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.Requester;
import org.xcaibridge.studies.StudySettings;

/**
 * A {@link FrontDoor} on the DICOMweb front, over real HTTP: its refusals are answered by the error table — 401, 400
 * and 403 with their {@code WWW-Authenticate} challenge, 503 with Retry-After — with the CORS headers, and no
 * community is asked; a CORS preflight, and any OPTIONS request when no origin is configured, is not put to the
 * door; an admitted request reaches the study core.
 */
class FrontDoorRefusalsAreAnsweredByTheTableTest {
  private static final String OHIF = "http://localhost:3000";
  @TempDir
  Path temp;
  private BridgeRig rig;
  private BridgeRig.Community community;
  private HttpServer front;
  private final AtomicInteger communityRequests = new AtomicInteger();
  private final AtomicInteger asked = new AtomicInteger();
  private final AtomicReference<Future<Requester>> answer = new AtomicReference<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() throws Exception {
    rig = new BridgeRig(temp);
    community = rig.community("North", 361, Fixtures.sharedDicom().resolve("study-sets").resolve("98892001"),
        CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    community.hook = (req, router) -> {
      communityRequests.incrementAndGet();
      router.handle(req);
    };
    rig.startBridge(StudySettings.DEFAULT.withPrefetchConcurrency(0));
  }

  @AfterEach
  void stop() throws Exception {
    if (front != null) {
      BridgeRig.await(front.close());
    }
    rig.close();
  }

  private String startFront(CorsSettings cors) throws Exception {
    FrontDoor door = request -> {
      asked.incrementAndGet();
      return answer.get();
    };
    AtomicReference<io.vertx.ext.web.Router> router = new AtomicReference<>();
    front = BridgeRig.await(rig.bridgeVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> router.get().handle(req)).listen());
    String base = "http://127.0.0.1:" + front.actualPort() + "/dicomweb";
    router.set(DicomWebFront.create(rig.bridgeVertx, rig.service, DicomWebSettings.of(base, cors), door));
    return base;
  }

  @Test
  void refusalsCarryTheirChallengeAndCorsAndAskNoCommunity() throws Exception {
    String base = startFront(new CorsSettings(List.of(OHIF), false, Duration.ofMinutes(10)));
    int[][] cases = {{401}, {400}, {403}};
    for (int[] c : cases) {
      String challenge = "Bearer realm=\"test\", error=\"x" + c[0] + "\"";
      answer.set(Future.failedFuture(new DicomWebException.Unauthenticated(c[0], challenge, "refused " + c[0])));
      HttpResponse<String> r = get(base + "/studies?PatientID=98890234");
      assertThat(r.statusCode()).isEqualTo(c[0]);
      assertThat(r.headers().firstValue("WWW-Authenticate")).contains(challenge);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(OHIF);
      assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase())
          .contains("www-authenticate");
      assertThat(new JsonObject(r.body()).getString("message")).isEqualTo("refused " + c[0]);
    }
    answer.set(Future.failedFuture(new DicomWebException.Unavailable("keys unavailable", Duration.ofSeconds(30),
        null)));
    HttpResponse<String> down = get(base + "/studies/1.2.3/metadata");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Retry-After")).contains("30");
    assertThat(down.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(communityRequests.get()).isZero();

    int before = asked.get();
    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/studies"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", OHIF)
        .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(asked.get()).as("a preflight is not put to the door").isEqualTo(before);

    answer.set(Future.succeededFuture(Requester.service()));
    HttpResponse<String> admitted = get(base + "/studies?PatientID=98890234");
    assertThat(admitted.statusCode()).isEqualTo(200);
    assertThat(communityRequests.get()).isPositive();
  }

  @Test
  void withoutCorsAnOptionsRequestIsNotPutToTheDoorEither() throws Exception {
    String base = startFront(CorsSettings.NONE);
    answer.set(Future.failedFuture(new DicomWebException.Unauthenticated(401, "Bearer realm=\"test\"", "no")));
    HttpResponse<String> options = http.send(HttpRequest.newBuilder(URI.create(base + "/studies"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(options.statusCode()).isNotEqualTo(401);
    assertThat(asked.get()).isZero();
    assertThat(get(base + "/studies").statusCode()).isEqualTo(401);
    assertThat(asked.get()).isEqualTo(1);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Origin", OHIF)
        .header("Accept", "application/dicom+json").timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
