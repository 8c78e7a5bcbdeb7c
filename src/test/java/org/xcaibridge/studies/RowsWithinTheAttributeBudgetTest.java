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
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.responder.RespondingGateway;

/**
 * Series and instance rows carry what the manifest lacks — Modality, SeriesDescription, SeriesNumber, SeriesDate,
 * SeriesTime; InstanceNumber, Rows, Columns, BitsAllocated — as pydicom reads them from the files: for series rows
 * the first instance of each series is retrieved (one RAD-75 each, in parallel), for instance rows the series. A
 * community whose RAD-75 answers are held back longer than its attribute budget gets its rows answered in time,
 * naming the attributes still unknown; once the instances have arrived the rows are complete.
 */
class RowsWithinTheAttributeBudgetTest {
  private static final String CT_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1";
  private static final String MR_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1";

  @TempDir
  static Path temp;
  static StudiesRig rig;
  static StudiesRig.Community quick;
  static StudiesRig.Community held;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    rig = new StudiesRig(temp);
    quick = rig.community("Quick community", 331, "98892001");
    held = rig.community("Held community", 332, "98892003");
    rig.connect(quick, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(10));
    rig.connect(held, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofMillis(300));
    rig.start(StudySettings.DEFAULT.withPrefetchConcurrency(0));
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
  void seriesRowsTellWhatTheFirstInstanceSays() throws Exception {
    List<String> seriesUids = rig.service.locate(CT_STUDY).orElseThrow().seriesInstanceUids();
    long uncached = seriesUids.stream().filter(se -> files.values().stream()
        .filter(o -> se.equals(o.getString("SeriesInstanceUID")))
        .noneMatch(o -> rig.store.summary(new InstanceKey(CT_STUDY, se, o.getString("SOPInstanceUID"))).isPresent()))
        .count();
    int rad75 = quick.requests(RespondingGateway.RAD75_PATH);
    QueryRows rows = rig.await(() -> rig.service.series(CT_STUDY));
    assertThat(rows.missingAttributes()).isEmpty();
    assertThat(rows.rows()).hasSize(seriesUids.size());
    assertThat(quick.requests(RespondingGateway.RAD75_PATH)).as("one RAD-75 per series not cached")
        .isEqualTo(rad75 + uncached);
    for (Dataset row : rows.rows()) {
      String series = row.string(Tags.SeriesInstanceUID);
      List<JsonObject> of = files.values().stream().filter(o -> series.equals(o.getString("SeriesInstanceUID"))).toList();
      JsonObject f = of.get(0);
      assertThat(row.string(Tags.StudyInstanceUID)).isEqualTo(CT_STUDY);
      assertThat(row.string(Tags.Modality)).isEqualTo(f.getString("Modality"));
      assertThat(blankToNull(row.string(Tags.SeriesDescription))).isEqualTo(f.getString("SeriesDescription"));
      assertThat(row.string(Tags.SeriesNumber)).isEqualTo(f.getString("SeriesNumber"));
      assertThat(blankToNull(row.string(Tags.SeriesDate))).isEqualTo(f.getString("SeriesDate"));
      assertThat(blankToNull(row.string(Tags.SeriesTime))).isEqualTo(f.getString("SeriesTime"));
      assertThat(row.integer(Tags.NumberOfSeriesRelatedInstances, -1)).isEqualTo(of.size());
    }
  }

  @Test
  void instanceRowsTellWhatEachInstanceSays() throws Exception {
    String series = rig.service.locate(CT_STUDY).orElseThrow().seriesInstanceUids().get(0);
    QueryRows rows = rig.await(() -> rig.service.instances(CT_STUDY, series));
    assertThat(rows.missingAttributes()).isEmpty();
    List<JsonObject> of = files.values().stream().filter(o -> series.equals(o.getString("SeriesInstanceUID"))).toList();
    assertThat(rows.rows()).hasSameSizeAs(of);
    for (Dataset row : rows.rows()) {
      JsonObject f = files.get(row.string(Tags.SOPInstanceUID));
      assertThat(row.string(Tags.SOPClassUID)).isEqualTo(f.getString("SOPClassUID"));
      assertThat(row.string(Tags.InstanceNumber)).isEqualTo(f.getString("InstanceNumber"));
      assertThat(String.valueOf(row.integer(Tags.Rows, -1))).isEqualTo(f.getString("Rows"));
      assertThat(String.valueOf(row.integer(Tags.Columns, -1))).isEqualTo(f.getString("Columns"));
      assertThat(String.valueOf(row.integer(Tags.BitsAllocated, -1))).isEqualTo(f.getString("BitsAllocated"));
      assertThat(row.string(Tags.NumberOfFrames)).isEqualTo(f.getString("NumberOfFrames"));
    }
  }

  @Test
  void aHeldCommunityIsAnsweredWithinItsBudgetNamingWhatIsMissing() throws Exception {
    held.holdRad75Millis = 2_000;
    try {
      long start = System.nanoTime();
      QueryRows rows = rig.await(() -> rig.service.series(MR_STUDY));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("answered before the held instances could arrive").isLessThan(1_900);
      assertThat(rows.missingAttributes()).containsExactlyElementsOf(HeaderFacts.SERIES_ATTRIBUTES);
      assertThat(rows.rows()).hasSize(rig.service.locate(MR_STUDY).orElseThrow().seriesInstanceUids().size())
          .allSatisfy(r -> assertThat(r.string(Tags.Modality)).isNull());

      QueryRows instanceRows = rig.await(() -> rig.service.instances(MR_STUDY,
          rig.service.locate(MR_STUDY).orElseThrow().seriesInstanceUids().get(0)));
      assertThat(instanceRows.missingAttributes()).containsExactlyElementsOf(HeaderFacts.INSTANCE_ATTRIBUTES);
    } finally {
      held.holdRad75Millis = 0;
    }
    GatewayHarness.until("the held instances arrived and the rows are complete", () -> {
      try {
        return rig.await(() -> rig.service.series(MR_STUDY)).missingAttributes().isEmpty();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    QueryRows complete = rig.await(() -> rig.service.series(MR_STUDY));
    assertThat(complete.rows()).allSatisfy(r -> assertThat(r.string(Tags.Modality)).isEqualTo("MR"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
