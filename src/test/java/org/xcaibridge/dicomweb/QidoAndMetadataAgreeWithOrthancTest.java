package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicomweb.DicomJsonComparison.Disagreement;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.responder.OrthancPeer;
import org.xcaibridge.studies.StudySettings;

/**
 * Parity with Orthanc (issue 6, "Done when"): the shared corpus loaded into Orthanc with its DICOMweb plugin and
 * served by our responding gateway behind the bridge; QIDO-RS at study, series and instance level (with
 * {@code includefield=all}) and every series' metadata are compared attribute by attribute on what both return
 * ({@link DicomJsonComparison}; URLs aside). Every disagreement must be one of {@link OrthancDeviations#KNOWN},
 * Orthanc's documented departures from the standard, and every one listed there must still occur.
 *
 * <p>Compared are the studies that are the same on both sides: each of their files is accepted by Orthanc and by
 * our reader (with a Patient ID), and no two files of the corpus share one of their SOP Instance UIDs (each side
 * may keep a different one of such a pair; counts would differ for reasons that are the corpus's, not ours).
 */
@ExtendWith(OrthancPeer.Extension.class)
class QidoAndMetadataAgreeWithOrthancTest {
  private static final String JSON = "application/dicom+json";
  private static final String OCTETS = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
  @TempDir
  static Path temp;
  private static OrthancPeer orthanc;
  private static BridgeRig rig;
  /** Study → its series → their SOP Instance UIDs, for the studies both sides hold alike. */
  private static final Map<String, Map<String, Set<String>>> SAME = new TreeMap<>();
  /** SOP Instance UIDs of the files in Implicit VR Little Endian. */
  private static final Set<String> IMPLICIT_VR = new TreeSet<>();
  /** Per level, top-level attributes only one side returned: not compared, printed for the record. */
  private static final Map<String, Set<String>> ONLY_OURS = new TreeMap<>();
  private static final Map<String, Set<String>> ONLY_THEIRS = new TreeMap<>();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start(OrthancPeer peer) throws Exception {
    orthanc = peer;
    Corpus corpus = Corpus.of(Fixtures.sharedDicom());
    Map<String, Set<String>> orthancStudies = new TreeMap<>();
    for (Map.Entry<String, Path> f : peer.files().entrySet()) {
      String st = DicomReader.read(Files.readAllBytes(f.getValue()), ReadOptions.HEADERS).dataset()
          .string(Tag.StudyInstanceUID);
      orthancStudies.computeIfAbsent(st, k -> new TreeSet<>()).add(f.getKey());
    }
    for (String patient : corpus.patients()) {
      for (String st : corpus.studies(patient)) {
        Set<String> ours = new TreeSet<>(corpus.instances(st, null));
        if (!ours.equals(orthancStudies.get(st)) || ours.stream().anyMatch(s -> corpus.bySop.get(s).size() > 1)) {
          continue;
        }
        Map<String, Set<String>> series = SAME.computeIfAbsent(st, k -> new TreeMap<>());
        for (String se : corpus.series(st)) {
          series.put(se, new TreeSet<>(corpus.instances(st, se)));
        }
      }
    }
    corpus.bySop.forEach((sop, files) -> {
      if ("1.2.840.10008.1.2".equals(files.get(0).transferSyntax())) {
        IMPLICIT_VR.add(sop);
      }
    });
    rig = new BridgeRig(temp);
    rig.community("Corpus community", 303, Fixtures.sharedDicom(), CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    rig.startBridge(StudySettings.DEFAULT);
    for (String patient : corpus.patients()) { // the bridge answers a search naming no patient from what it found
      assertThat(rig.get("/studies?PatientID=" + patient, "Accept", JSON).statusCode()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void searchesAndSeriesMetadataAgreeOnEveryAttributeBothReturn() throws Exception {
    assertThat(SAME).as("studies held alike by both sides").hasSizeGreaterThan(5);
    List<Disagreement> found = new ArrayList<>();
    int[] counts = new int[3]; // attributes compared, bulk values compared, objects compared
    compare("study", "/studies?includefield=all&limit=1000", Tag.StudyInstanceUID, SAME.keySet(), found, counts);
    for (Map.Entry<String, Map<String, Set<String>>> study : SAME.entrySet()) {
      String st = study.getKey();
      compare("series", "/studies/" + st + "/series?includefield=all", Tag.SeriesInstanceUID,
          study.getValue().keySet(), found, counts);
      for (Map.Entry<String, Set<String>> series : study.getValue().entrySet()) {
        String se = series.getKey();
        compare("instance", "/studies/" + st + "/series/" + se + "/instances?includefield=all", Tag.SOPInstanceUID,
            series.getValue(), found, counts);
        compare("metadata", "/studies/" + st + "/series/" + se + "/metadata", Tag.SOPInstanceUID,
            series.getValue(), found, counts);
      }
    }
    // the study rows again, now that the instance headers of every series have been read: modalities from them too
    compare("study, headers read", "/studies?includefield=all&limit=1000", Tag.StudyInstanceUID, SAME.keySet(), found,
        counts);
    Map<OrthancDeviations.Deviation, List<Disagreement>> explained = new LinkedHashMap<>();
    List<Disagreement> unexplained = new ArrayList<>();
    for (Disagreement d : found) {
      OrthancDeviations.Deviation known = OrthancDeviations.explain(d);
      if (known == null) {
        unexplained.add(d);
      } else {
        explained.computeIfAbsent(known, k -> new ArrayList<>()).add(d);
      }
    }
    explained.forEach((k, v) -> System.out.println("[parity] " + v.size() + " × " + k.attribute() + ": " + v.get(0)));
    ONLY_OURS.forEach((k, v) -> System.out.println("[parity] " + k + ", only ours: " + v));
    ONLY_THEIRS.forEach((k, v) -> System.out.println("[parity] " + k + ", only Orthanc's: " + v));
    System.out.printf("[parity] %d objects, %d attributes, %d bulk values compared; %d disagreements, %d unexplained%n",
        counts[2], counts[0], counts[1], found.size(), unexplained.size());
    Map<String, List<Disagreement>> groups = new TreeMap<>();
    unexplained.forEach(d -> groups.computeIfAbsent(d.level() + " " + d.path() + " " + d.what(), k -> new ArrayList<>())
        .add(d));
    groups.forEach((k, v) -> System.out.println("[parity] unexplained " + v.size() + " × " + v.get(0)));
    assertThat(groups.keySet()).as("disagreements with Orthanc not listed in OrthancDeviations").isEmpty();
    Set<OrthancDeviations.Deviation> gone = new java.util.LinkedHashSet<>(OrthancDeviations.KNOWN);
    gone.removeAll(explained.keySet());
    assertThat(gone).as("listed deviations that no longer occur (remove them from the list and the doc)").isEmpty();
    assertThat(counts[2]).isGreaterThan(50);
    assertThat(counts[0]).isGreaterThan(2000);
  }

  /** One level: the rows (or metadata objects) of both sides for the same path, matched by {@code key}. */
  private static void compare(String level, String path, int key, Set<String> expected, List<Disagreement> found,
      int[] counts) throws Exception {
    Map<String, JsonObject> ours = byKey(rig.base + path, key);
    Map<String, JsonObject> theirs = byKey(orthanc.dicomWeb() + path, key);
    assertThat(ours.keySet()).as("ours: %s", path).containsAll(expected);
    assertThat(theirs.keySet()).as("Orthanc's: %s", path).containsAll(expected);
    DicomJsonComparison c = new DicomJsonComparison(level, QidoAndMetadataAgreeWithOrthancTest::bulk);
    for (String uid : expected) {
      c.compare(ours.get(uid), theirs.get(uid), IMPLICIT_VR.contains(uid));
      counts[2]++;
    }
    ONLY_OURS.computeIfAbsent(level, k -> new TreeSet<>()).addAll(c.onlyOurs);
    ONLY_THEIRS.computeIfAbsent(level, k -> new TreeSet<>()).addAll(c.onlyTheirs);
    counts[0] += c.compared;
    counts[1] += c.bulkCompared;
    found.addAll(c.disagreements);
  }

  private static Map<String, JsonObject> byKey(String url, int key) throws Exception {
    HttpResponse<byte[]> r = get(url, JSON);
    assertThat(r.statusCode()).as("%s: %s", url, new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    Map<String, JsonObject> out = new TreeMap<>();
    for (Object o : new JsonArray(new String(r.body(), StandardCharsets.UTF_8))) {
      JsonObject row = (JsonObject) o;
      out.put(row.getJsonObject(Tag.hex(key)).getJsonArray("Value").getString(0), row);
    }
    return out;
  }

  /** The bytes behind a BulkDataURI (one part, or the frames joined) against the other side's InlineBinary. */
  private static String bulk(String uri, boolean ours, byte[] inline) throws Exception {
    HttpResponse<byte[]> r = get(uri, OCTETS);
    if (r.statusCode() != 200) {
      return "HTTP " + r.statusCode() + " for " + uri;
    }
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (MultipartBody.Part p : MultipartBody.parse(r.headers().firstValue("Content-Type").orElseThrow(), r.body())) {
      all.write(p.body());
    }
    byte[] fetched = all.toByteArray();
    if (Arrays.equals(fetched, inline) || (inline.length == fetched.length + 1 && inline[fetched.length] == 0
        && Arrays.equals(fetched, Arrays.copyOf(inline, fetched.length)))) {
      return null; // equal, or equal but for the padding byte that makes a value's length even
    }
    return fetched.length + " bytes from " + (ours ? "our" : "Orthanc's") + " URI against " + inline.length + " inline";
  }

  private static HttpResponse<byte[]> get(String url, String accept) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(60))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
