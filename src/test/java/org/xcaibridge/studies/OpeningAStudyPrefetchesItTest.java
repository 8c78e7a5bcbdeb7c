package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;

/**
 * Listing a study's series counts as opening it: its series are retrieved into the cache in the background (two at
 * a time), each instance exactly once although the attribute probe asks for first instances meanwhile; the study
 * is then retrieved, series after series in manifest order, every instance identical to its file, without a
 * request to the community.
 */
class OpeningAStudyPrefetchesItTest {
  private static final String STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";

  @TempDir
  static Path temp;
  static StudiesRig rig;
  static StudiesRig.Community community;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    community = rig.community("Community B", 361, "98892003");
    rig.connect(community, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5));
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(2));
    files = Pydicom.read(rig.files.values());
    rig.await(() -> rig.service.searchStudies(StudySearch.forPatient(PatientSelector.of(StudiesRig.PATIENT, null))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void theStudyIsCachedOnceAndThenServedLocally() throws Exception {
    List<JsonObject> instances = Pydicom.study(files, STUDY);
    StudyLocation location = rig.service.locate(STUDY).orElseThrow();
    assertThat(location.seriesInstanceUids()).hasSizeGreaterThanOrEqualTo(3);

    QueryRows rows = rig.await(() -> rig.service.series(STUDY));
    assertThat(rows.rows()).hasSize(location.seriesInstanceUids().size());
    GatewayHarness.until("every instance of the study is cached", () -> instances.stream().allMatch(o ->
        rig.store.summary(new InstanceKey(STUDY, o.getString("SeriesInstanceUID"), o.getString("SOPInstanceUID")))
            .isPresent()));
    GatewayHarness.until("the prefetch has settled", () -> rig.store.stats().inFlightSeries() == 0
        && rig.store.stats().inFlightDownloads() == 0);
    assertThat(rig.store.stats().committed()).as("each instance stored once").isEqualTo(instances.size());

    int upstream = rig.upstreamRequests();
    StudiesRig.Read study = rig.read(() -> rig.service.retrieveStudy(STUDY, TransferSyntaxRequest.AS_STORED));
    assertThat(study.failure()).isNull();
    assertThat(study.notDelivered()).isEmpty();
    assertThat(rig.upstreamRequests()).isEqualTo(upstream);
    assertThat(study.instances()).hasSameSizeAs(instances)
        .allSatisfy(g -> assertThat(g.sha256()).isEqualTo(rig.sha.get(g.sop())));
    List<String> seriesOrder = study.instances().stream().map(g -> files.get(g.sop()).getString("SeriesInstanceUID"))
        .distinct().toList();
    assertThat(seriesOrder).as("series after series, in manifest order")
        .containsExactlyElementsOf(location.seriesInstanceUids());
  }
}
