package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.WebOracles;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.studies.StudySettings;

/**
 * End to end over real HTTP on loopback, bridge and our responder serving the shared corpus: every series'
 * metadata equals dcm2json's JSON of its files (after the codec's documented normalisations); every BulkDataURI it
 * names answers with the value dcm2json writes inline there (or, for compressed Pixel Data, the frames); every
 * frame of every instance equals pydicom's; study and instance metadata are the series' objects; gzip and ETag
 * work as HTTP says.
 */
class BridgeMetadataFramesAndBulkDataTest {
  private static final String JSON = "application/dicom+json";
  private static final String FRAMES = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*";
  @TempDir
  static Path temp;
  private static BridgeRig rig;
  private static Corpus corpus;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requireDcmtk("dcm2json");
    ExternalTools.requirePydicom();
    corpus = Corpus.of(Fixtures.sharedDicom());
    rig = new BridgeRig(temp);
    rig.community("Corpus community", 302, Fixtures.sharedDicom(), CommunitySettings.DEFAULT, Duration.ofSeconds(20));
    rig.startBridge(StudySettings.DEFAULT);
    for (String patient : corpus.patients()) {
      assertThat(rig.get("/studies?PatientID=" + patient, "Accept", JSON).statusCode()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  private static List<String> objects(byte[] array) throws Exception {
    List<String> out = new ArrayList<>();
    for (int[] span : JsonObjects.spans(array)) {
      out.add(new String(array, span[0], span[1] - span[0], StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String sopOf(String object) {
    return new JsonObject(object).getJsonObject("00080018").getJsonArray("Value").getString(0);
  }

  @Test
  void seriesMetadataEqualsDcm2jsonAndItsBulkDataUrisAnswer() throws Exception {
    int objects = 0;
    int bulk = 0;
    for (String patient : corpus.patients()) {
      for (String st : corpus.studies(patient)) {
        for (String se : corpus.series(st)) {
          HttpResponse<byte[]> r = rig.get("/studies/" + st + "/series/" + se + "/metadata", "Accept", JSON);
          assertThat(r.statusCode()).as("%s: %s", se, new String(r.body())).isEqualTo(200);
          for (String object : objects(r.body())) {
            String sop = sopOf(object);
            Corpus.File f = corpus.first(sop);
            WebOracles.MetadataCheck check = WebOracles.metadata(f.path(), object, temp);
            if (check == null) {
              continue; // dcm2json cannot read it (ISO 2022 IR 87); the codec's own test compares it with pydicom
            }
            String relative = Fixtures.sharedDicom().relativize(f.path()).toString();
            assertThat(WebOracles.unexplained(relative, check.differences())).as("metadata of %s", relative).isEmpty();
            for (Map.Entry<String, String> uri : check.uris().entrySet()) {
              assertThat(uri.getValue()).startsWith(rig.base + "/studies/" + st + "/series/" + se + "/instances/" + sop);
              // transfer-syntax=*: compressed Pixel Data cannot be Explicit VR Little Endian, the default (a 406)
              List<MultipartBody.Part> parts = parts(uri.getValue(), FRAMES);
              byte[] inline = check.bulk().get(uri.getKey());
              if (inline != null) {
                assertThat(parts).hasSize(1);
                assertThat(Corpus.sha256(parts.get(0).body())).as("%s of %s", uri.getKey(), relative)
                    .isEqualTo(Corpus.sha256(inline));
              } else {
                assertThat(uri.getKey()).as("only compressed Pixel Data has no inline value").isEqualTo("7FE00010");
                assertThat(digests(parts)).isEqualTo(pydicomFrames(f.path()));
              }
              bulk++;
            }
            objects++;
          }
        }
      }
    }
    assertThat(objects).isGreaterThan(40);
    assertThat(bulk).isGreaterThan(40);
  }

  @Test
  void everyFrameEqualsPydicoms() throws Exception {
    List<Path> files = new ArrayList<>();
    corpus.bySop.values().forEach(l -> l.forEach(f -> files.add(f.path())));
    Map<Path, List<String>> oracle = WebOracles.pydicomFrames(files);
    int frames = 0;
    for (List<Corpus.File> sameSop : corpus.bySop.values()) {
      Corpus.File f = sameSop.get(0);
      List<String> expected = oracle.get(f.path());
      if (expected == null || sameSop.size() > 1) {
        continue; // no pixel data, or two files share the UID and the archive serves one of them
      }
      StringBuilder list = new StringBuilder();
      for (int n = 1; n <= expected.size(); n++) {
        list.append(n == 1 ? "" : ",").append(n);
      }
      String url = rig.base + "/studies/" + f.study() + "/series/" + f.series() + "/instances/" + f.sop();
      List<MultipartBody.Part> parts = parts(url + "/frames/" + list, FRAMES);
      assertThat(digests(parts)).as("frames of %s", f.path()).isEqualTo(expected);
      for (int n = 1; n <= parts.size(); n++) {
        MultipartBody.Part p = parts.get(n - 1);
        assertThat(p.header("Content-Location")).isEqualTo(url + "/frames/" + n);
        String ts = f.transferSyntax() == null || Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1.99",
            "1.2.840.10008.1.2.2").contains(f.transferSyntax()) ? "1.2.840.10008.1.2.1" : f.transferSyntax();
        assertThat(p.header("Content-Type")).endsWith("; transfer-syntax=" + ts);
      }
      frames += parts.size();
    }
    assertThat(frames).isGreaterThan(60);
  }

  @Test
  void studyAndInstanceMetadataAreTheSeriesObjects() throws Exception {
    String patient = corpus.patients().iterator().next();
    for (String st : corpus.studies(patient)) {
      Set<String> fromSeries = new HashSet<>();
      for (String se : corpus.series(st)) {
        byte[] series = rig.get("/studies/" + st + "/series/" + se + "/metadata", "Accept", JSON).body();
        for (String object : objects(series)) {
          fromSeries.add(object);
          HttpResponse<byte[]> one = rig.get("/studies/" + st + "/series/" + se + "/instances/" + sopOf(object)
              + "/metadata", "Accept", JSON);
          assertThat(one.statusCode()).isEqualTo(200);
          assertThat(objects(one.body())).containsExactly(object);
        }
      }
      HttpResponse<byte[]> study = rig.get("/studies/" + st + "/metadata", "Accept", JSON);
      assertThat(study.statusCode()).isEqualTo(200);
      assertThat(new JsonArray(new String(study.body(), StandardCharsets.UTF_8))).hasSize(fromSeries.size());
      assertThat(new HashSet<>(objects(study.body()))).isEqualTo(fromSeries);
    }
  }

  @Test
  void metadataIsGzippedWhenAcceptedAndHasAnEtag() throws Exception {
    String patient = corpus.patients().iterator().next();
    String st = corpus.studies(patient).iterator().next();
    String path = "/studies/" + st + "/metadata";
    HttpResponse<byte[]> plain = rig.get(path, "Accept", JSON);
    HttpResponse<byte[]> zipped = rig.get(path, "Accept", JSON, "Accept-Encoding", "gzip, deflate");
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    assertThat(unzipped).isEqualTo(plain.body());
    assertThat(zipped.body().length).isLessThan(plain.body().length / 2);
    String etag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(zipped.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    HttpResponse<byte[]> again = rig.get(path, "Accept", JSON, "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(rig.get(path, "Accept", JSON, "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
  }

  private static List<MultipartBody.Part> parts(String url, String accept) throws Exception {
    HttpResponse<byte[]> r = rig.get(url, "Accept", accept);
    assertThat(r.statusCode()).as("%s: %s", url, r.statusCode() == 200 ? "" : new String(r.body())).isEqualTo(200);
    return MultipartBody.parse(r.headers().firstValue("Content-Type").orElseThrow(), r.body());
  }

  private static List<String> digests(List<MultipartBody.Part> parts) {
    return parts.stream().map(p -> WebOracles.frameDigest(p.body())).toList();
  }

  private static List<String> pydicomFrames(Path file) throws Exception {
    return WebOracles.pydicomFrames(List.of(file)).get(file);
  }
}
