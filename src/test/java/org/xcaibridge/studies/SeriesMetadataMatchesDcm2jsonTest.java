package org.xcaibridge.studies;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.MetadataOracle;
import org.xcaibridge.gateway.CommunitySettings;

/**
 * Series metadata (PS3.18 §10.4, Annex F) built from the cached instances' headers equals what dcm2json (dcmtk)
 * writes for each file, after the normalisations of the codec's differential test (see {@link MetadataOracle}):
 * every series of the corpus's studies of one patient, one object per instance in manifest order, Pixel Data as the
 * front's BulkDataURI with the file's VR, AvailableTransferSyntaxUID as pydicom reads the file's syntax. The JSON
 * is then kept: asking again crosses no network.
 */
class SeriesMetadataMatchesDcm2jsonTest {
  @TempDir
  static Path temp;
  @TempDir
  static Path scratch;
  static StudiesRig rig;
  static StudiesRig.Community community;
  static Map<String, JsonObject> files;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requireDcmtk("dcm2json");
    ExternalTools.requireDcmtk("dcmodify");
    rig = new StudiesRig(temp);
    community = rig.community("Community A", 321, "98892001", "98892003");
    rig.connect(community, CommunitySettings.DEFAULT, Duration.ofSeconds(10), Duration.ofSeconds(5));
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

  private static final InstanceUris URIS = (study, series, sop) -> (element, path) -> "bulkdata/" + sop + "/" + path;

  @Test
  void everySeriesMatchesDcm2jsonOfItsFiles() throws Exception {
    int series = 0;
    int instances = 0;
    for (StudyLocation l : rig.locator.all()) {
      for (String seriesUid : l.seriesInstanceUids()) {
        byte[] json = rig.await(() -> rig.service.seriesMetadata(l.studyInstanceUid(), seriesUid, URIS));
        String text = new String(json, StandardCharsets.UTF_8);
        List<String> objects = MetadataOracle.objects(text);
        JsonArray parsed = new JsonArray(text);
        List<String> expected = files.values().stream()
            .filter(o -> seriesUid.equals(o.getString("SeriesInstanceUID")))
            .map(o -> o.getString("SOPInstanceUID")).toList();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
          JsonObject o = parsed.getJsonObject(i);
          String sop = o.getJsonObject("00080018").getJsonArray("Value").getString(0);
          got.add(sop);
          Path file = rig.files.get(sop);
          assertThat(MetadataOracle.differences(file, objects.get(i), Set.of("00083002"), scratch))
              .as("instance %s (%s)", sop, file).isEmpty();
          assertThat(o.getJsonObject("00083002").getJsonArray("Value").getString(0))
              .isEqualTo(files.get(sop).getString("TransferSyntaxUID"));
          assertThat(o.getJsonObject("7FE00010").getString("BulkDataURI")).isEqualTo("bulkdata/" + sop + "/7FE00010");
          assertThat(o.containsKey("00020010")).as("no File Meta Information").isFalse();
          instances++;
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        series++;
      }
    }
    assertThat(series).isGreaterThanOrEqualTo(4);
    assertThat(instances).isEqualTo(files.values().stream()
        .filter(o -> StudiesRig.PATIENT.equals(o.getString("PatientID"))).count());
  }

  @Test
  void builtOnceThenServedFromTheMetadataCache() throws Exception {
    StudyLocation l = rig.locator.all().get(0);
    String seriesUid = l.seriesInstanceUids().get(0);
    byte[] first = rig.await(() -> rig.service.seriesMetadata(l.studyInstanceUid(), seriesUid, URIS));
    int before = rig.upstreamRequests();
    byte[] second = rig.await(() -> rig.service.seriesMetadata(l.studyInstanceUid(), seriesUid, URIS));
    assertThat(second).isEqualTo(first);
    assertThat(rig.upstreamRequests()).isEqualTo(before);
  }
}
