package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xcaibridge.trust.AuditChecks;

/**
 * The secure demo ({@code --secure}: two-way TLS and signed XUA assertions between the bridge and its responder, both
 * auditing to a UDP receiver here) with {@code frontDoor} configured: the DICOMweb routes ask for a bearer token.
 * Without one, or with an expired one, one for another audience or issuer, or one whose signature does not verify,
 * the answer is 401 with an RFC 6750 challenge and the CORS headers, no IHE transaction is made, and each refused
 * token is audited as a failed user authentication (a missing one is not: it is the first step); a preflight
 * needs no token, nor do the probes. With a valid token (signed by BouncyCastle) the request is served and the
 * responder's own audit of the transaction it caused — written from the assertion it validated — names the token's
 * user (its mapped {@code name} claim) as the requestor, not the bridge's service identity.
 */
class BearerTokensGuardTheFrontAndNameTheUserTest {
  private static final String ORIGIN = "http://localhost:3000";
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private DatagramSocket syslog;
  private final List<String> audits = new CopyOnWriteArrayList<>();
  // HTTP/1.1 as a browser speaks it over plain http: the JDK's h2c upgrade once left a /metrics request here
  // unanswered past its own timeout in the full suite (server idle, the client waiting), and viewers never use h2c
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final BearerTokens tokens = new BearerTokens();
  private String patientId;
  private String base;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    DemoSet demo = DemoSet.generate(temp.resolve("dicom"), 1);
    patientId = demo.patientId();
    syslog = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
    syslog.handler(p -> audits.add(p.data().toString(StandardCharsets.UTF_8)));
    await(syslog.listen(0, "127.0.0.1"));
    Map<String, String> env = new HashMap<>(BearerTokens.env(tokens.writePublicKey(temp.resolve("keys"))));
    env.putAll(Map.of("XCAI_SECURE_AUDIT_HOST", "127.0.0.1", "XCAI_SECURE_AUDIT_PORT",
        Integer.toString(syslog.localAddress().port()), "XCAI_SECURE_AUDIT_TRANSPORT", "udp"));
    running = await(demo.startSecureBridge(vertx, temp.resolve("work"), env));
    base = "http://127.0.0.1:" + running.frontPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      await(running.close());
    }
    await(vertx.close());
  }

  @Test
  void refusedTokensGet401WithAChallengeAndCauseNoIheCall() throws Exception {
    long iheBefore = iheTransactions();
    JsonObject expired = BearerTokens.claims(BearerTokens.USER);
    expired.put("iat", Instant.now().getEpochSecond() - 3600).put("exp", Instant.now().getEpochSecond() - 600);
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("expired", tokens.token(expired));
    refused.put("audience", tokens.token(BearerTokens.claims(BearerTokens.USER).put("aud", "another-service")));
    refused.put("issuer", tokens.token(BearerTokens.claims(BearerTokens.USER).put("iss", "https://evil.example")));
    refused.put("signature", BearerTokens.token(BearerTokens.claims(BearerTokens.USER), tokens.other));
    for (Map.Entry<String, String> e : refused.entrySet()) {
      HttpResponse<String> r = get("/dicomweb/studies?PatientID=refused-" + e.getKey(), e.getValue());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(e.getKey())
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm=\"xcai-bridge\"")
              .contains("error=\"invalid_token\""));
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(e.getKey()).contains(ORIGIN);
      assertThat(new JsonObject(r.body()).getInteger("status")).isEqualTo(401);
    }
    HttpResponse<String> none = get("/dicomweb/studies?PatientID=refused-none", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"xcai-bridge\"");
    assertThat(none.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    HttpResponse<String> basic = send(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies/1.2.3/metadata"))
        .header("Authorization", "Basic dXNlcjpwYXNz").header("Origin", ORIGIN).GET());
    assertThat(basic.statusCode()).isEqualTo(401);

    HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + "/dicomweb/studies"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization"));
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("authorization");
    assertThat(get("/health/ready", null).statusCode()).as("probes need no token").isEqualTo(200);

    Thread.sleep(300);
    assertThat(iheTransactions()).as("IHE transactions after refusals").isEqualTo(iheBefore);
    // the next admitted request's transactions are audited; none of the refused ones were
    assertThat(get("/dicomweb/studies?PatientID=admitted-after", tokens.token(BearerTokens.claims(BearerTokens.USER)))
        .statusCode()).isIn(200, 204);
    waitFor("the admitted request's audit", () -> audits.stream().anyMatch(a -> a.contains("admitted-after")));
    assertThat(audits).noneMatch(a -> a.contains("refused-"));
    // each refused token (not the missing one, nor Basic) is a failed user authentication in the audit trail
    waitFor("four user authentication failures", () -> userAuthenticationFailures().size() == refused.size());
    assertThat(userAuthenticationFailures()).allMatch(a -> a.contains("front door: bearer token refused"))
        .anyMatch(a -> a.contains("(EXPIRED)")).anyMatch(a -> a.contains("(WRONG_AUDIENCE)"))
        .anyMatch(a -> a.contains("(WRONG_ISSUER)")).anyMatch(a -> a.contains("(BAD_SIGNATURE)"));
    assertThat(iheTransactions()).isGreaterThan(iheBefore);
  }

  @Test
  void aValidTokensUserIsTheRequestorTheResponderAudits() throws Exception {
    String alice = tokens.token(BearerTokens.claims(BearerTokens.USER));
    HttpResponse<String> studies = get("/dicomweb/studies?PatientID=" + patientId, alice);
    assertThat(studies.statusCode()).isEqualTo(200);
    assertThat(studies.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    JsonArray rows = new JsonArray(studies.body());
    assertThat(rows).isNotEmpty();
    String study = rows.getJsonObject(0).getJsonObject("0020000D").getJsonArray("Value").getString(0);

    // the demo's studies were searched at start (in the service's name) and are cached: the metadata makes the
    // bridge fetch the series with RAD-75, now in Alice's name
    HttpResponse<String> metadata = get("/dicomweb/studies/" + study + "/metadata", alice);
    assertThat(metadata.statusCode()).isEqualTo(200);
    assertThat(new JsonArray(metadata.body())).isNotEmpty();
    waitFor("the responder's RAD-75 audit naming the token's user", () -> respondingSide("RAD-75").stream()
        .anyMatch(d -> BearerTokens.USER.equals(AuditChecks.text(d, "/AuditMessage/ActiveParticipant[@UserIsRequestor='true'"
            + " and @UserName]/@UserName"))));
    assertThat(respondingSide("RAD-75")).noneMatch(d -> AuditChecks.text(d,
        "/AuditMessage/ActiveParticipant[@UserIsRequestor='true' and @UserName]/@UserName").endsWith("service"));

    // a query the cache cannot answer goes to the community in the user's name too; another user, another name
    String bob = tokens.token(BearerTokens.claims("Dr. Bob Other"));
    assertThat(get("/dicomweb/studies?PatientID=nobody-asked-by-bob", bob).statusCode()).isIn(200, 204);
    waitFor("the responder's ITI-38 audit naming Bob", () -> respondingSide("ITI-38").stream()
        .anyMatch(d -> "Dr. Bob Other".equals(AuditChecks.text(d,
            "/AuditMessage/ActiveParticipant[@UserIsRequestor='true' and @UserName]/@UserName"))
            && AuditChecks.text(d, "/AuditMessage/ParticipantObjectIdentification/@ParticipantObjectID")
                .contains("nobody-asked-by-bob")));
  }

  private List<String> userAuthenticationFailures() {
    return audits.stream().filter(a -> a.contains("csd-code=\"110114\"") && a.contains("front door")).toList();
  }

  /** Audit messages of {@code type} the responder wrote (not the bridge's of the same exchange). */
  private List<Document> respondingSide(String type) {
    return AuditChecks.writtenBy(audits, type, running.responderUrl());
  }

  /** IHE transactions counted on /metrics (the embedded responder's, in this process). */
  private long iheTransactions() throws Exception {
    long n = 0;
    for (String line : get("/metrics", null).body().split("\n")) {
      if (line.startsWith("xcai_ihe_transactions_seconds_count{")) {
        n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return n;
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Origin", ORIGIN)
        .header("Accept", "application/dicom+json").GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }
}
