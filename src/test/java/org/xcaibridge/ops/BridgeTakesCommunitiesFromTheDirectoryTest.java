package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityClient;

/**
 * The bridge started with {@code communityDirectory.source} and one static community: its communities are the
 * directory's plus the static one, the static entry winning for a shared homeCommunityId; a refresh that drops
 * one community and adds another keeps the client (and connections) of the unchanged one; a malformed refresh
 * leaves them all in place and readiness stays up, saying why.
 */
class BridgeTakesCommunitiesFromTheDirectoryTest {
  private static final String SPHD = "https://sequoiaproject.org/fhir/sphd/";
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A minimal directory entry: the HCID identifier and three contained Endpoints. */
  static JsonObject org(String oid, String name) {
    JsonArray contained = new JsonArray();
    for (String t : new String[] {"ITI-38", "ITI-39", "RAD-75"}) {
      contained.add(new JsonObject().put("resourceType", "Endpoint").put("status", "active")
          .put("address", "https://" + name.toLowerCase() + ".example/" + t.toLowerCase())
          .put("extension", new JsonArray().add(new JsonObject().put("url", SPHD + "StructureDefinition/Transaction")
              .put("valueCodeableConcept", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                  .put("system", SPHD + "CodeSystem/TransactionCodes").put("code", "XCA " + t)))))));
    }
    return new JsonObject().put("resourceType", "Organization").put("id", oid).put("name", name)
        .put("identifier", new JsonArray().add(new JsonObject().put("type", new JsonObject().put("coding",
            new JsonArray().add(new JsonObject().put("code", "HCID")))).put("value", "urn:oid:" + oid)))
        .put("contained", contained);
  }

  static String bundle(JsonObject... orgs) {
    JsonArray entries = new JsonArray();
    for (JsonObject o : orgs) {
      entries.add(new JsonObject().put("resource", o));
    }
    return new JsonObject().put("resourceType", "Bundle").put("entry", entries).encode();
  }

  @Test
  void directoryAndStaticCommunitiesMakeTheRoster() throws Exception {
    Path file = temp.resolve("directory.json");
    Files.writeString(file, bundle(org("1.2.40.1", "Alpha"), org("1.2.40.2", "Beta")));
    Map<String, String> env = Map.of(
        "XCAI_RESPONDER_ENABLED", "false",
        "XCAI_COMMUNITY_DIRECTORY_SOURCE", file.toString(),
        "XCAI_COMMUNITIES_0_HOME_COMMUNITY_ID", "urn:oid:1.2.40.2",
        "XCAI_COMMUNITIES_0_NAME", "Beta (configured)",
        "XCAI_COMMUNITIES_0_ITI38_URL", "https://beta.internal/iti38",
        "XCAI_COMMUNITIES_0_ITI39_URL", "https://beta.internal/iti39",
        "XCAI_COMMUNITIES_0_RAD75_URL", "https://beta.internal/rad75",
        "XCAI_COMMUNITIES_0_ASSIGNING_AUTHORITY", "1.2.40.2.9");
    Files.writeString(temp.resolve("none.yaml"), "# every key from the environment\n");
    vertx = Vertx.vertx();
    running = ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--work-dir",
            temp.resolve("work").toString(), "--port", "0", "--config", temp.resolve("none.yaml").toString()},
        env, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    assertThat(names()).containsExactly("Beta (configured)", "Alpha");
    CommunityClient beta = running.roster.directory().find("urn:oid:1.2.40.2").orElseThrow();

    Files.writeString(file, bundle(org("1.2.40.2", "Beta"), org("1.2.40.3", "Gamma")));
    assertThat(get(running.roster.feed.refreshNow())).isTrue();
    assertThat(names()).containsExactly("Beta (configured)", "Gamma");
    assertThat(running.roster.directory().find("urn:oid:1.2.40.2").orElseThrow()).isSameAs(beta);

    Files.writeString(file, "{ not json");
    assertThat(get(running.roster.feed.refreshNow())).isFalse();
    assertThat(names()).containsExactly("Beta (configured)", "Gamma");
    var ready = get(running.ops.health.ready());
    assertThat(ready).allMatch(Health.Check::up);
    assertThat(ready).anySatisfy(c -> assertThat(c.detail()).contains("previous directory is kept"));
  }

  private java.util.List<String> names() {
    return running.roster.directory().all().stream().map(c -> c.endpoints().name()).toList();
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
