package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * A directory refresh reaches the study core, seen through the DICOMweb front: three communities served by our
 * Responding Gateway over folders (each a study of the same patient, found with XCPD by demographics), the bridge
 * started with {@code communityDirectory.source} listing A and B. A QIDO study search finds A's and B's studies.
 * The directory then drops A, moves B to another address and adds C: the next search finds B's and C's studies,
 * A and B's old address get no request, B's new address and C do. A malformed refresh keeps that directory: the
 * next search still asks exactly B (new) and C.
 */
class DirectoryRefreshReachesTheStudyCoreTest {
  private static final String SPHD = "https://sequoiaproject.org/fhir/sphd/";
  @TempDir
  Path temp;
  private final Vertx responders = Vertx.vertx();
  private Vertx vertx;
  private Launcher.Running running;
  private final Map<String, Community> communities = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private SyntheticStudies.Patient patient;

  /** One community: its study, its archive, and servers (addresses) each counting the requests per path. */
  final class Community {
    final ResponderIdentity id;
    final String studyUid;
    final FolderArchive archive;
    final Router router;
    final Map<Integer, Map<String, AtomicInteger>> requests = new ConcurrentHashMap<>();

    Community(int n, SyntheticStudies gen) throws Exception {
      id = new ResponderIdentity("1.2.40.77." + n, "1.2.40.78." + n, "1.2.40.79." + n);
      SyntheticStudies.Study study = gen.ctHead(patient, 2);
      studyUid = study.studyInstanceUid();
      Path folder = temp.resolve("community-" + n);
      Files.createDirectories(folder);
      SyntheticSeries series = study.series().get(0);
      for (int i = 0; i < series.instanceCount(); i++) {
        try (OutputStream out = Files.newOutputStream(folder.resolve(i + ".dcm"))) {
          SyntheticStudies.write(out, study, series, i);
        }
      }
      archive = get(FolderArchive.start(responders, new FolderArchive.Options(folder, temp.resolve("work-" + n),
          new ManifestSettings(id.repositoryUniqueId(), "XCAI_" + n), Duration.ZERO)));
      router = new RespondingGateway(responders, archive, id, ResponderSettings.DEFAULT).router();
    }

    /** A new address for this community; gives its port. */
    int listen() throws Exception {
      HttpServer[] server = new HttpServer[1];
      server[0] = get(responders.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
          .requestHandler(req -> {
            requests.computeIfAbsent(server[0].actualPort(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(req.path(), k -> new AtomicInteger()).incrementAndGet();
            router.handle(req);
          }).listen());
      return server[0].actualPort();
    }

    int iti38(int port) {
      Map<String, AtomicInteger> m = requests.getOrDefault(port, Map.of());
      return m.getOrDefault(RespondingGateway.ITI38_PATH, new AtomicInteger()).get();
    }

    /** The directory's Organization for this community at {@code port}. */
    JsonObject organisation(int port) {
      JsonArray contained = new JsonArray();
      Map<String, String> paths = Map.of("ITI-55", RespondingGateway.ITI55_PATH, "ITI-38", RespondingGateway.ITI38_PATH,
          "ITI-39", RespondingGateway.ITI39_PATH, "RAD-75", RespondingGateway.RAD75_PATH);
      paths.forEach((t, path) -> contained.add(new JsonObject().put("resourceType", "Endpoint").put("status", "active")
          .put("address", "http://127.0.0.1:" + port + path)
          .put("extension", new JsonArray().add(new JsonObject().put("url", SPHD + "StructureDefinition/Transaction")
              .put("valueCodeableConcept", new JsonObject().put("coding", new JsonArray().add(new JsonObject()
                  .put("system", SPHD + "CodeSystem/TransactionCodes").put("code", (t.startsWith("ITI-55") ? "XCPD "
                      : "XCA ") + t))))))));
      return new JsonObject().put("resourceType", "Organization").put("id", id.homeCommunityOid())
          .put("name", "Community " + id.homeCommunityOid()).put("identifier", new JsonArray().add(new JsonObject()
              .put("type", new JsonObject().put("coding", new JsonArray().add(new JsonObject().put("code", "HCID"))))
              .put("value", "urn:oid:" + id.homeCommunityOid()))).put("contained", contained);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      get(running.close());
    }
    if (vertx != null) {
      get(vertx.close());
    }
    for (Community c : communities.values()) {
      get(c.archive.close());
    }
    get(responders.close());
  }

  @Test
  void searchesAskExactlyTheDirectorysCommunities() throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(8), Clock.systemUTC());
    patient = gen.patient();
    Community a = new Community(1, gen);
    Community b = new Community(2, gen);
    Community c = new Community(3, gen);
    int aPort = a.listen();
    int bOld = b.listen();
    int bNew = b.listen();
    int cPort = c.listen();

    Path file = temp.resolve("directory.json");
    Files.writeString(file, bundle(a.organisation(aPort), b.organisation(bOld)));
    Files.writeString(temp.resolve("none.yaml"), "# every key from the environment\n");
    vertx = Vertx.vertx();
    running = get(ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--work-dir",
        temp.resolve("work").toString(), "--port", "0", "--config", temp.resolve("none.yaml").toString()},
        Map.of("XCAI_RESPONDER_ENABLED", "false", "XCAI_COMMUNITY_DIRECTORY_SOURCE", file.toString(),
            "XCAI_CACHE_QUERY_TTL", "0s"), Clock.systemUTC()));

    assertThat(search()).containsExactlyInAnyOrder(a.studyUid, b.studyUid);
    assertThat(a.iti38(aPort)).isEqualTo(1);
    assertThat(b.iti38(bOld)).isEqualTo(1);

    // A leaves, B moves, C joins
    Files.writeString(file, bundle(b.organisation(bNew), c.organisation(cPort)));
    assertThat(get(running.roster.feed.refreshNow())).isTrue();
    assertThat(search()).containsExactlyInAnyOrder(b.studyUid, c.studyUid);
    assertThat(a.iti38(aPort)).as("the removed community is not asked").isEqualTo(1);
    assertThat(b.iti38(bOld)).as("the moved community's old address is not asked").isEqualTo(1);
    assertThat(b.iti38(bNew)).isEqualTo(1);
    assertThat(c.iti38(cPort)).isEqualTo(1);

    Files.writeString(file, "{ not json");
    assertThat(get(running.roster.feed.refreshNow())).isFalse();
    assertThat(search()).as("a malformed refresh keeps the previous directory")
        .containsExactlyInAnyOrder(b.studyUid, c.studyUid);
    assertThat(a.iti38(aPort)).isEqualTo(1);
    assertThat(b.iti38(bOld)).isEqualTo(1);
    assertThat(b.iti38(bNew)).isEqualTo(2);
    assertThat(c.iti38(cPort)).isEqualTo(2);
  }

  /** A viewer's study search through the front: the patient by a local id and demographics (XCPD finds them). */
  private Set<String> search() throws Exception {
    String query = "PatientID=LOCAL-7&IssuerOfPatientID=1.2.3.999&PatientName="
        + URLEncoder.encode(patient.name(), StandardCharsets.UTF_8) + "&PatientSex=" + patient.sex();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.frontPort()
        + FrontConfig.DEFAULT_BASE_PATH + "/studies?" + query)).header("Accept", "application/dicom+json")
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(200);
    assertThat(r.headers().allValues("Warning")).as("no community failed").isEmpty();
    Set<String> uids = new TreeSet<>();
    for (Object row : new JsonArray(r.body())) {
      uids.add(((JsonObject) row).getJsonObject("0020000D").getJsonArray("Value").getString(0));
    }
    return uids;
  }

  static String bundle(JsonObject... orgs) {
    JsonArray entries = new JsonArray();
    for (JsonObject o : orgs) {
      entries.add(new JsonObject().put("resource", o));
    }
    return new JsonObject().put("resourceType", "Bundle").put("entry", entries).encode();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
