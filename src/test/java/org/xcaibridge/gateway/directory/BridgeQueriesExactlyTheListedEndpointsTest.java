package org.xcaibridge.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.gateway.directory.DirectoryBundles.bundle;
import static org.xcaibridge.gateway.directory.DirectoryBundles.organisation;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.FanOut;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.Partial;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * Three of our responding gateways (three homeCommunityIds) answer under /a, /b and /c of one loopback server that
 * counts every request by path. The directory lists A and B, and C only with its RAD-75 endpoint switched off: the
 * communities built from it are A and B, an ITI-38 fan-out over them asks exactly A's and B's ITI-38 URLs once each
 * — nothing reaches C — and each answer comes from the community asked.
 */
class BridgeQueriesExactlyTheListedEndpointsTest {
  private static final String REPOSITORY = "1.3.6.1.4.1.21367.13.80.130";
  private static final String AUTHORITY = "1.3.6.1.4.1.21367.13.20.130";
  private static final Map<String, String> HOMES = Map.of("a", "1.3.6.1.4.1.21367.13.70.131",
      "b", "1.3.6.1.4.1.21367.13.70.132", "c", "1.3.6.1.4.1.21367.13.70.133");
  @TempDir
  static Path temp;
  private static Vertx responderVertx;
  private static FolderArchive archive;
  private static HttpServer server;
  private static GatewayHarness harness;
  private static String base;
  private static String patientId;
  private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Path folder = temp.resolve("dicom");
    Files.createDirectories(folder);
    Path ct = Fixtures.sharedDicom().resolve("ct").resolve("CT_small.dcm");
    Files.copy(ct, folder.resolve("ct.dcm"));
    patientId = DicomReader.read(Files.readAllBytes(ct), ReadOptions.HEADERS).dataset().string(Tag.PatientID);
    responderVertx = Vertx.vertx();
    archive = GatewayHarness.get(FolderArchive.start(responderVertx, new FolderArchive.Options(folder,
        temp.resolve("work"), new ManifestSettings(REPOSITORY, "XCAI_DIR"), Duration.ZERO)));
    Router outer = Router.router(responderVertx);
    outer.route().handler(ctx -> {
      HITS.computeIfAbsent(ctx.normalizedPath(), p -> new AtomicInteger()).incrementAndGet();
      ctx.next();
    });
    for (Map.Entry<String, String> e : HOMES.entrySet()) {
      RespondingGateway gw = new RespondingGateway(responderVertx, archive,
          new ResponderIdentity(e.getValue(), REPOSITORY, AUTHORITY), ResponderSettings.DEFAULT);
      outer.route("/" + e.getKey() + "/*").subRouter(gw.router());
    }
    server = GatewayHarness.get(responderVertx.createHttpServer().requestHandler(outer).listen(0, "127.0.0.1"));
    base = "http://127.0.0.1:" + server.actualPort();
    harness = new GatewayHarness();
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    if (server != null) {
      GatewayHarness.get(server.close());
    }
    if (archive != null) {
      GatewayHarness.get(archive.close());
    }
    if (responderVertx != null) {
      GatewayHarness.get(responderVertx.close());
    }
  }

  @Test
  void theFanOutAsksExactlyTheDirectorysEndpoints() throws Exception {
    Path file = temp.resolve("directory.json");
    var c = organisation(HOMES.get("c"), "Community C", base + "/c", "ITI-55", "ITI-38", "ITI-39");
    c.getJsonArray("contained").add(DirectoryBundles.endpoint("off", "RAD-75", base + "/c/xcai/rad75", "off"));
    Files.writeString(file, bundle(
        organisation(HOMES.get("a"), "Community A", base + "/a", "ITI-55", "ITI-38", "ITI-39", "RAD-75"), c,
        organisation(HOMES.get("b"), "Community B", base + "/b", "ITI-38", "ITI-39", "RAD-75", "RAD-69"))
        .encode());
    DirectoryFeed feed = new DirectoryFeed(harness.vertx, DirectorySource.file(harness.vertx, file),
        Duration.ofHours(1), 1 << 20, Clock.systemUTC());
    DirectorySnapshot snapshot = GatewayHarness.get(feed.start());
    List<CommunityClient> clients = snapshot.communities().stream()
        .map(e -> harness.client(e, CommunitySettings.DEFAULT)).toList();
    CommunityDirectory directory = CommunityDirectory.of(clients);
    assertThat(directory.all()).extracting(x -> x.endpoints().name()).containsExactly("Community A", "Community B");
    assertThat(directory.find("urn:oid:" + HOMES.get("c"))).isEmpty();

    Partial<AdhocQueryResponse> answers = harness.await(() -> FanOut.ask(directory.all(), IheTransaction.ITI_38,
        Duration.ofSeconds(30), client -> client.query(new AdhocQueryRequest(new StoredQuery.FindDocuments(
            new Cx(patientId, AUTHORITY), DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS,
            client.endpoints().homeCommunityId()))));

    assertThat(answers.failures()).isEmpty();
    assertThat(answers.results()).hasSize(2);
    assertThat(answers.results().stream().flatMap(r -> r.documentEntries().stream()).map(d -> d.home()))
        .containsExactlyInAnyOrder("urn:oid:" + HOMES.get("a"), "urn:oid:" + HOMES.get("b"));
    assertThat(HITS).containsOnlyKeys("/a" + RespondingGateway.ITI38_PATH, "/b" + RespondingGateway.ITI38_PATH);
    assertThat(HITS.values()).allMatch(n -> n.get() == 1);
    assertThat(snapshot.communities()).extracting(CommunityEndpoints::rad75).extracting(Object::toString)
        .containsExactly(base + "/a/xcai/rad75", base + "/b/xcai/rad75");
    GatewayHarness.get(feed.stop());
  }
}
