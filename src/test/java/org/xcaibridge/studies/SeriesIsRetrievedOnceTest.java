package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.responder.RespondingGateway;

/**
 * A series is retrieved with ONE RAD-75 for all its instances (our responder counts the requests), every instance
 * byte-identical to its file (SHA-256) and in the transfer syntax pydicom reads from the file; a second retrieval
 * is served from the cache with no request to any community. With a community limit of 3 DocumentRequests per
 * call the gateway splits that one retrieval into ceil(n/3) calls. Two callers at once share one retrieval; an
 * uncached instance is fetched as part of its series, which is then all cached.
 */
class SeriesIsRetrievedOnceTest {
  private static final String STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";

  @TempDir
  static Path temp;
  @TempDir
  static Path temp3;
  static StudiesRig rig;
  static StudiesRig rig3;
  static StudiesRig.Community community;
  static StudiesRig.Community community3;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    community = rig.community("Community B", 302, "98892003");
    rig.connect(community, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5));
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    rig3 = new StudiesRig(temp3);
    community3 = rig3.community("Community B in threes", 312, "98892003");
    rig3.connect(community3, CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(3), Duration.ofSeconds(10),
        Duration.ofSeconds(5));
    rig3.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));
    files = Pydicom.read(rig.files.values());
    for (StudiesRig r : List.of(rig, rig3)) {
      r.await(() -> r.service.searchStudies(StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null))));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (StudiesRig r : new StudiesRig[] {rig, rig3}) {
      if (r != null) {
        r.close();
      }
    }
  }

  /** The study's series by size, largest first. */
  private static List<String> seriesBySize() {
    Map<String, Long> counts = Pydicom.study(files, STUDY).stream()
        .collect(Collectors.groupingBy(o -> o.getString("SeriesInstanceUID"), Collectors.counting()));
    return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .map(Map.Entry::getKey).toList();
  }

  private static List<JsonObject> filesOf(String series) {
    return files.values().stream().filter(o -> series.equals(o.getString("SeriesInstanceUID"))).toList();
  }

  @Test
  void oneRad75ForTheSeriesThenNothingUpstream() throws Exception {
    String series = seriesBySize().get(0);
    List<JsonObject> expected = filesOf(series);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(7);
    int rad75 = community.requests(RespondingGateway.RAD75_PATH);
    long flights = rig.store.stats().upstreamRetrievals();

    StudiesRig.Read first = rig.read(() -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(first.failure()).isNull();
    assertThat(first.notDelivered()).isEmpty();
    assertThat(community.requests(RespondingGateway.RAD75_PATH)).isEqualTo(rad75 + 1);
    assertThat(rig.store.stats().upstreamRetrievals()).isEqualTo(flights + 1);
    assertThat(first.instances()).hasSameSizeAs(expected);
    for (StudiesRig.Got g : first.instances()) {
      assertThat(g.failure()).isNull();
      assertThat(g.sha256()).as("instance %s", g.sop()).isEqualTo(rig.sha.get(g.sop()));
      assertThat(g.transferSyntaxUid()).isEqualTo(files.get(g.sop()).getString("TransferSyntaxUID"));
    }

    int upstream = rig.upstreamRequests();
    StudiesRig.Read second = rig.read(() -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(rig.upstreamRequests()).as("requests to the community").isEqualTo(upstream);
    assertThat(second.instances()).extracting(StudiesRig.Got::sha256)
        .containsExactlyElementsOf(first.instances().stream().map(StudiesRig.Got::sha256).toList());
    assertThat(second.instances()).allSatisfy(g -> assertThat(g.transferSyntaxUid())
        .isEqualTo(files.get(g.sop()).getString("TransferSyntaxUID")));
  }

  @Test
  void theGatewaySplitsTheOneRetrievalPerTheCommunityLimit() throws Exception {
    String series = seriesBySize().get(0);
    int n = filesOf(series).size();
    int rad75 = community3.requests(RespondingGateway.RAD75_PATH);
    long flights = rig3.store.stats().upstreamRetrievals();
    StudiesRig.Read read = rig3.read(() -> rig3.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(read.failure()).isNull();
    assertThat(read.instances()).hasSize(n).allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig3.sha.get(g.sop())));
    assertThat(community3.requests(RespondingGateway.RAD75_PATH)).isEqualTo(rad75 + (n + 2) / 3);
    assertThat(rig3.store.stats().upstreamRetrievals()).isEqualTo(flights + 1);
  }

  @Test
  void twoCallersAtOnceShareOneRetrieval() throws Exception {
    String series = seriesBySize().get(1);
    int rad75 = community.requests(RespondingGateway.RAD75_PATH);
    Future<StudiesRig.Read> one = rig.harness.vertx.executeBlocking(() -> rig.read(
        () -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED)), false);
    Future<StudiesRig.Read> two = rig.harness.vertx.executeBlocking(() -> rig.read(
        () -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED)), false);
    StudiesRig.Read a = GatewayHarness.get(one);
    StudiesRig.Read b = GatewayHarness.get(two);
    assertThat(a.failure()).isNull();
    assertThat(b.failure()).isNull();
    assertThat(a.instances()).hasSize(filesOf(series).size())
        .allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig.sha.get(g.sop())));
    assertThat(b.instances()).extracting(StudiesRig.Got::sop)
        .containsExactlyInAnyOrderElementsOf(a.instances().stream().map(StudiesRig.Got::sop).toList());
    assertThat(b.instances()).allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig.sha.get(g.sop())));
    assertThat(community.requests(RespondingGateway.RAD75_PATH)).isEqualTo(rad75 + 1);
  }

  @Test
  void anUncachedInstanceComesWithItsWholeSeries() throws Exception {
    String series = seriesBySize().get(2);
    List<JsonObject> expected = filesOf(series);
    String sop = expected.get(expected.size() - 1).getString("SOPInstanceUID");
    int rad75 = community.requests(RespondingGateway.RAD75_PATH);
    StudiesRig.Got got = rig.readInstance(() -> rig.service.retrieveInstance(STUDY, series, sop,
        TransferSyntaxRequest.AS_STORED));
    assertThat(got.failure()).isNull();
    assertThat(got.transferSyntaxUid()).isEqualTo(files.get(sop).getString("TransferSyntaxUID"));
    assertThat(got.sha256()).isEqualTo(rig.sha.get(sop));
    GatewayHarness.until("the series is cached", () -> expected.stream().allMatch(o -> rig.store.summary(
        new org.xcaibridge.cache.InstanceKey(STUDY, series, o.getString("SOPInstanceUID"))).isPresent()));
    assertThat(community.requests(RespondingGateway.RAD75_PATH)).isEqualTo(rad75 + 1);
    int upstream = rig.upstreamRequests();
    StudiesRig.Read all = rig.read(() -> rig.service.retrieveSeries(STUDY, series, TransferSyntaxRequest.AS_STORED));
    assertThat(all.instances()).hasSameSizeAs(expected);
    assertThat(rig.upstreamRequests()).isEqualTo(upstream);
  }

}
