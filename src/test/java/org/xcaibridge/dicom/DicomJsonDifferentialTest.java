package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The central proof of our DICOM JSON: for every file of the shared corpus and of pydicom's test files,
 * our JSON (all binary values inline) equals dcm2json's (dcmtk 3.6.7) after the normalisations
 * {@link DicomJsonOracles} documents, with numbers compared by value as {@link JsonDiff} says. Files
 * dcm2json cannot read are compared with pydicom's {@code Dataset.to_json_dict()}; files neither can
 * read must make our reader throw a {@link DicomParseException}. Every remaining difference must be
 * listed, with its reason, in {@code dicom-json-accepted-differences.tsv}; an entry that no longer
 * matches a difference fails the test too, so the list cannot go stale.
 */
class DicomJsonDifferentialTest {
  private static final Map<Path, DicomJsonOracles.Dcm2Json> DCM2JSON = new ConcurrentHashMap<>();
  private static Map<Path, DicomJsonOracles.Pydicom> pydicom = Map.of();
  private static List<Accepted> accepted = List.of();
  private static final Map<String, Integer> SUMMARY = new java.util.TreeMap<>();

  /** One accepted difference: on {@code file}, differences at {@code path} (or below it). */
  record Accepted(String file, String path, String reason) {}

  static Stream<Arguments> files() {
    List<Arguments> out = new ArrayList<>();
    for (Path f : Fixtures.files(Fixtures.sharedDicom())) {
      out.add(Arguments.of("shared/" + Fixtures.sharedDicom().relativize(f), f));
    }
    for (Path f : Fixtures.files(Fixtures.pydicomTestFiles())) {
      out.add(Arguments.of("pydicom/" + Fixtures.pydicomTestFiles().relativize(f), f));
    }
    return out.stream();
  }

  @BeforeAll
  static void runOracles(@TempDir Path scratch) throws Exception {
    ExternalTools.requireDcmtk("dcm2json");
    ExternalTools.requireDcmtk("dcmodify");
    ExternalTools.requirePydicom();
    accepted = loadAccepted();
    List<Path> all = files().map(a -> (Path) a.get()[1]).toList();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (Path f : all) {
        jobs.add(pool.submit(() -> DCM2JSON.put(f, DicomJsonOracles.dcm2json(f, scratch))));
      }
      for (Future<?> j : jobs) {
        j.get();
      }
    } finally {
      pool.shutdownNow();
    }
    // pydicom is asked about the files dcm2json cannot read, and about all encapsulated Pixel Data
    List<Path> askPydicom = all.stream().filter(f -> DCM2JSON.get(f).json() == null || DCM2JSON.get(f).withoutPixelData()).toList();
    pydicom = DicomJsonOracles.pydicom(askPydicom);
  }

  @AfterAll
  static void summary() {
    if (!SUMMARY.isEmpty()) {
      System.out.println("DICOM JSON differential, files per oracle: " + SUMMARY);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void sameJsonAsDcm2jsonOrPydicom(String name, Path file) throws IOException {
    DicomJsonOracles.Dcm2Json d = DCM2JSON.get(file);
    DicomJsonOracles.Pydicom p = pydicom.get(file);
    List<String> differences = new ArrayList<>();
    Json ours = null;
    String oursFailed = null;
    try {
      ours = ours(file);
    } catch (DicomParseException e) {
      oursFailed = e.getMessage();
    }
    if (d.json() == null && (p == null || p.json() == null)) {
      // neither dcmtk nor pydicom reads it: ours must refuse it with a typed exception too
      assertThat(oursFailed).as("%s: dcm2json (%s) and pydicom (%s) fail, so must we", name, d.error(),
          p == null ? "-" : p.error()).isNotNull();
      tally("rejected by all three");
      return;
    }
    if (oursFailed != null) {
      differences.add("!reject: our reader throws: " + oursFailed);
      tally("rejected by us only");
    } else if (d.json() != null) {
      Json theirs = DicomJsonOracles.charsetAsOurs(d.json(), ours);
      if (d.withoutPixelData()) {
        String pixel = Tag.hex(Tag.PixelData);
        Json ourPixels = ((Json.Obj) ours).members().get(pixel);
        Json pyPixels = p == null || p.json() == null ? null : ((Json.Obj) p.json()).members().get(pixel);
        if (!JsonDiff.same(ourPixels, pyPixels)) {
          differences.add(pixel + ": encapsulated Pixel Data differs from pydicom's: ours " + JsonDiff.show(ourPixels)
              + ", pydicom " + JsonDiff.show(pyPixels));
        }
        ours = DicomJsonOracles.without(DicomJsonOracles.without(ours, pixel), "FFFCFFFC");
      }
      differences.addAll(JsonDiff.datasets(DicomJsonOracles.privateVrAsTheirs(ours, theirs), theirs));
      tally(d.withoutPixelData() ? "dcm2json+pydicom" : "dcm2json");
    } else {
      differences.addAll(JsonDiff.datasets(DicomJsonOracles.privateVrAsTheirs(ours, p.json()), p.json()));
      tally("pydicom");
    }
    if (oursFailed == null) {
      // and our reader understands their JSON: read it, write it again, compare with what they wrote
      Json theirs = d.json() != null ? DicomJsonOracles.charsetAsOurs(d.json(), ours) : p.json();
      differences.addAll(JsonDiff.datasets(readAndWrite(theirs), theirs));
    }
    List<Accepted> forFile = accepted.stream().filter(a -> a.file().equals(name)).toList();
    List<String> unexplained = differences.stream()
        .filter(diff -> forFile.stream().noneMatch(a -> matches(a, diff))).toList();
    List<Accepted> stale = forFile.stream()
        .filter(a -> differences.stream().noneMatch(diff -> matches(a, diff))).toList();
    assertThat(unexplained).as("%s: differences not in the accepted list", name).isEmpty();
    assertThat(stale).as("%s: accepted differences that no longer occur (remove them)", name).isEmpty();
  }

  private static synchronized void tally(String how) {
    SUMMARY.merge(how, 1, Integer::sum);
  }

  private static boolean matches(Accepted a, String difference) {
    return difference.startsWith(a.path() + ":") || difference.startsWith(a.path() + "/");
  }

  /** Our JSON for a file, every binary value inline, parsed back with our strict parser. */
  static Json ours(Path file) throws IOException {
    DicomFile f;
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      f = DicomReader.read(ch, ReadOptions.ALL);
    }
    StringWriter w = new StringWriter();
    new DicomJsonWriter(DicomJsonOptions.inline((e, path) -> "unexpected:" + path)).write(f.dataset(), w);
    return DicomJsonOracles.parse(w.toString(), file);
  }

  private static Json readAndWrite(Json json) throws IOException {
    DicomJsonReader.Result r = new DicomJsonReader(DicomJsonLimits.DEFAULT).read((Json.Obj) json);
    StringWriter w = new StringWriter();
    new DicomJsonWriter(DicomJsonOptions.inline(r.uris())).write(r.dataset(), w);
    return DicomJsonOracles.parse(w.toString(), Path.of("read back"));
  }

  private static List<Accepted> loadAccepted() throws IOException {
    List<Accepted> out = new ArrayList<>();
    try (InputStream in = DicomJsonDifferentialTest.class.getResourceAsStream("dicom-json-accepted-differences.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 3 || f[2].isBlank()) {
          throw new IllegalStateException("accepted difference needs file<TAB>path<TAB>reason: " + line);
        }
        out.add(new Accepted(f[0], f[1], f[2]));
      }
    }
    return out;
  }
}
