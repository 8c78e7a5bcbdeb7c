package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.WebOracles;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.StudySettings;

/**
 * The JS dicomweb-client with dcmjs — what OHIF's DICOMweb data source is made of — drives the bridge (over our
 * responder serving the shared corpus) as OHIF does ({@code src/test/js/ohif-flow.mjs}): a study search for a
 * patient and the study list with nothing typed, series searches with OHIF's includefield list, series metadata
 * naturalized by dcmjs, frame 1 of every image with {@code transfer-syntax=*}, and the Pixel Data BulkDataURI the
 * metadata gives. Everything succeeds and decodes; the studies, series and instances are the corpus's; frames equal
 * pydicom's; the bulk Pixel Data of a single-frame image is its frame.
 */
class DicomwebClientDrivesTheBridgeLikeOhifTest {
  @TempDir
  static Path temp;
  private static BridgeRig rig;
  private static Corpus corpus;
  private static Map<Path, List<String>> pydicom;

  @BeforeAll
  static void start() throws Exception {
    Peers.requireDicomwebClient();
    ExternalTools.requirePydicom();
    corpus = Corpus.of(Fixtures.sharedDicom());
    List<Path> files = new ArrayList<>();
    corpus.bySop.values().forEach(l -> l.forEach(f -> files.add(f.path())));
    pydicom = WebOracles.pydicomFrames(files);
    rig = new BridgeRig(temp);
    rig.community("Corpus community", 303, Fixtures.sharedDicom(), CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    rig.startBridge(StudySettings.DEFAULT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  /** 98890234: CT and MR studies, uncompressed; 1CT1: one CT in JPEG Lossless, JPEG-LS, RLE and uncompressed. */
  @ParameterizedTest
  @ValueSource(strings = {"98890234", "1CT1", "8NM1"})
  void ohifsCallsSucceedAndDecode(String patient) throws Exception {
    JsonObject r = Peers.node("ohif-flow.mjs", rig.base, patient);
    assertThat(r.getBoolean("ok")).as(r.encode()).isTrue();
    JsonArray studies = r.getJsonArray("studies");
    Set<String> studyUids = new HashSet<>();
    int frames = 0;
    for (Object o : studies) {
      JsonObject st = (JsonObject) o;
      String uid = st.getString("uid");
      studyUids.add(uid);
      assertThat(st.getString("patientId")).isEqualTo(patient);
      assertThat(st.getString("retrieveURL")).isEqualTo(rig.base + "/studies/" + uid);
      Set<String> seriesUids = new HashSet<>();
      for (Object so : st.getJsonArray("series")) {
        JsonObject se = (JsonObject) so;
        seriesUids.add(se.getString("uid"));
        assertThat(se.getString("modality")).as("Modality of series %s", se.getString("uid")).isNotBlank();
        assertThat(se.getBoolean("hasDescription")).isTrue();
        Set<String> sops = new HashSet<>();
        for (Object io : se.getJsonArray("instances")) {
          JsonObject i = (JsonObject) io;
          String sop = i.getString("sop");
          sops.add(sop);
          Corpus.File f = corpus.first(sop);
          assertThat(i.getString("ts")).as("AvailableTransferSyntaxUID of %s", sop).isEqualTo(f.transferSyntax());
          List<String> expected = pydicom.get(f.path());
          if (i.getJsonObject("frame1") == null || expected == null || corpus.bySop.get(sop).size() > 1) {
            continue;
          }
          JsonObject frame1 = i.getJsonObject("frame1");
          assertThat(frame1.getInteger("length") + ":" + frame1.getString("sha256")).as("frame 1 of %s", f.path())
              .isEqualTo(expected.get(0));
          JsonArray pixelData = i.getJsonArray("pixelData");
          if (expected.size() == 1) {
            assertThat(pixelData).as("Pixel Data of %s by its BulkDataURI", f.path()).hasSize(1);
            JsonObject p = pixelData.getJsonObject(0);
            assertThat(p.getInteger("length") + ":" + p.getString("sha256")).isEqualTo(expected.get(0));
          }
          frames++;
        }
        assertThat(sops).isEqualTo(corpus.instances(uid, se.getString("uid")));
      }
      assertThat(seriesUids).isEqualTo(corpus.series(uid));
    }
    assertThat(studyUids).isEqualTo(corpus.studies(patient));
    assertThat(frames).isGreaterThan(0);
    assertThat(r.getJsonArray("listed").getList()).as("the study list with nothing typed").containsAll(studyUids);
  }
}
