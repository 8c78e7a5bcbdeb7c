package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.WebOracles;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.StudySettings;

/**
 * End to end over real HTTP on loopback: the bridge's DICOMweb front, its study core and gateway client, and our
 * own responding gateway over a copy of the shared corpus. Each patient of the corpus is searched by Patient ID;
 * every QIDO-RS level answers with the corpus's studies, series and instances (and their RetrieveURLs); a search
 * naming no patient answers from the studies found; and every study retrieved with {@code transfer-syntax=*}
 * gives each of its instances byte for byte as the file (SHA-256), in a well-formed multipart body — except the
 * Implicit VR, Big Endian and Deflated ones, which PS3.18 §8.7.3 keeps off the web: those come in Explicit VR
 * Little Endian, and pydicom reads the same dataset from them as from the file.
 */
class BridgeServesTheCorpusEndToEndTest {
  private static final String JSON = "application/dicom+json";
  @TempDir
  static Path temp;
  private static BridgeRig rig;
  private static Corpus corpus;

  @BeforeAll
  static void start() throws Exception {
    corpus = Corpus.of(Fixtures.sharedDicom());
    rig = new BridgeRig(temp);
    rig.community("Corpus community", 301, Fixtures.sharedDicom(), CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(5),
        Duration.ofSeconds(20));
    rig.startBridge(StudySettings.DEFAULT);
    for (String patient : corpus.patients()) {
      HttpResponse<byte[]> r = rig.get("/studies?PatientID=" + patient, "Accept", JSON);
      assertThat(r.statusCode()).as("study search for %s: %s", patient, new String(r.body())).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  private static JsonArray json(String path) throws Exception {
    HttpResponse<byte[]> r = rig.get(path, "Accept", JSON);
    assertThat(r.statusCode()).as("%s: %s", path, new String(r.body())).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(JSON);
    return new JsonArray(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Set<String> values(JsonArray rows, int tag) {
    Set<String> out = new HashSet<>();
    for (Object o : rows) {
      JsonObject a = ((JsonObject) o).getJsonObject(Tag.hex(tag));
      assertThat(a).as("attribute %s in %s", Tag.hex(tag), o).isNotNull();
      out.add(a.getJsonArray("Value").getString(0));
    }
    return out;
  }

  private static String retrieveUrl(Object row) {
    return ((JsonObject) row).getJsonObject("00081190").getJsonArray("Value").getString(0);
  }

  @Test
  void everySearchLevelAnswersWithTheCorpus() throws Exception {
    for (String patient : corpus.patients()) {
      JsonArray studies = json("/studies?PatientID=" + patient + "&includefield=00081030,00080060&_=1700000000000");
      assertThat(values(studies, Tag.StudyInstanceUID)).as(patient).isEqualTo(corpus.studies(patient));
      for (Object study : studies) {
        String st = ((JsonObject) study).getJsonObject("0020000D").getJsonArray("Value").getString(0);
        assertThat(retrieveUrl(study)).isEqualTo(rig.base + "/studies/" + st);
        JsonArray series = json("/studies/" + st + "/series?includefield=0008103E");
        assertThat(values(series, Tag.SeriesInstanceUID)).isEqualTo(corpus.series(st));
        assertThat(values(series, 0x00080060)).as("Modality of every series of %s", st).doesNotContain("");
        for (Object se : series) {
          String seUid = ((JsonObject) se).getJsonObject("0020000E").getJsonArray("Value").getString(0);
          assertThat(retrieveUrl(se)).isEqualTo(rig.base + "/studies/" + st + "/series/" + seUid);
          JsonArray instances = json("/studies/" + st + "/series/" + seUid + "/instances");
          assertThat(values(instances, Tag.SOPInstanceUID)).isEqualTo(corpus.instances(st, seUid));
          for (Object i : instances) {
            String sop = ((JsonObject) i).getJsonObject("00080018").getJsonArray("Value").getString(0);
            assertThat(retrieveUrl(i)).isEqualTo(rig.base + "/studies/" + st + "/series/" + seUid + "/instances/" + sop);
          }
        }
        assertThat(values(json("/studies/" + st + "/instances"), Tag.SOPInstanceUID))
            .isEqualTo(corpus.instances(st, null));
        assertThat(values(json("/series?StudyInstanceUID=" + st), Tag.SeriesInstanceUID)).isEqualTo(corpus.series(st));
        JsonArray all = json("/instances?StudyInstanceUID=" + st);
        assertThat(values(all, Tag.SOPInstanceUID)).isEqualTo(corpus.instances(st, null));
        assertThat(values(all, Tag.PatientID)).containsExactly(patient); // study attributes on all-instance rows
      }
    }
    Set<String> everyStudy = new HashSet<>();
    corpus.patients().forEach(p -> everyStudy.addAll(corpus.studies(p)));
    assertThat(values(json("/studies?limit=1000"), Tag.StudyInstanceUID)).as("a search naming no patient")
        .isEqualTo(everyStudy);
  }

  @Test
  void emptySearchesAre204AndTruncatedOnesSaySo() throws Exception {
    assertThat(rig.get("/studies?PatientID=nobody-has-this-id", "Accept", JSON).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> page = rig.get("/studies?limit=2&offset=1", "Accept", JSON);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new JsonArray(new String(page.body()))).hasSize(2);
    assertThat(page.headers().allValues("Warning")).anyMatch(w -> w.startsWith("299 ") && w.contains("additional results"));
    assertThat(rig.get("/studies?StudyDate=2020-01-01", "Accept", JSON).statusCode()).isEqualTo(400);
    assertThat(rig.get("/studies/1.2.3.999/series", "Accept", JSON).statusCode()).isEqualTo(404);
  }

  @Test
  void everyStudyComesBackAsTheFilesByteForByte() throws Exception {
    ExternalTools.requirePydicom();
    int instances = 0;
    int transcoded = 0;
    for (String patient : corpus.patients()) {
      for (String st : corpus.studies(patient)) {
        HttpResponse<byte[]> r = rig.get("/studies/" + st, "Accept",
            "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertThat(r.statusCode()).as("study %s: %s", st, r.statusCode() == 200 ? "" : new String(r.body()))
            .isEqualTo(200);
        List<MultipartBody.Part> parts = MultipartBody.parse(r.headers().firstValue("Content-Type").orElseThrow(),
            r.body());
        List<String> sops = new ArrayList<>();
        for (MultipartBody.Part p : parts) {
          String location = p.header("Content-Location");
          String sop = location.substring(location.lastIndexOf('/') + 1);
          sops.add(sop);
          Corpus.File f = corpus.first(sop);
          if (f.transferSyntax() != null && TRANSCODED.contains(f.transferSyntax())) {
            // PS3.18 §8.7.3: never Implicit VR LE, Big Endian or Deflated on the web; the same dataset for pydicom
            assertThat(p.header("Content-Type")).isEqualTo("application/dicom; transfer-syntax=" + ELE);
            Path served = Files.write(Files.createTempFile(temp, "served", ".dcm"), p.body());
            assertThat(pydicomTransferSyntax(served)).isEqualTo(ELE);
            assertThat(WebOracles.pydicomDifferences(f.path(), served)).as("instance %s", sop).isEmpty();
            transcoded++;
            continue;
          }
          assertThat(corpus.shas(sop)).as("instance %s of study %s", sop, st).contains(Corpus.sha256(p.body()));
          assertThat(p.header("Content-Type")).isEqualTo("application/dicom"
              + (f.transferSyntax() == null ? "" : "; transfer-syntax=" + f.transferSyntax()));
        }
        assertThat(sops).containsExactlyInAnyOrderElementsOf(corpus.instances(st, null));
        instances += parts.size();
      }
    }
    assertThat(instances).isEqualTo(corpus.bySop.size());
    assertThat(transcoded).as("Implicit VR, Deflated files in the corpus").isGreaterThan(3);
  }

  private static final String ELE = "1.2.840.10008.1.2.1";
  private static final Set<String> TRANSCODED = Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2");

  private static String pydicomTransferSyntax(Path file) throws Exception {
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c",
        "import sys, pydicom; print(pydicom.dcmread(sys.argv[1]).file_meta.TransferSyntaxUID)", file.toString()), null, 60);
    assertThat(r.exitCode()).as("pydicom: %s", r.stderr()).isZero();
    return r.out().trim();
  }
}
