package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text value (PN, LO, SH, ST, LT, UT, UC, in sequence items too) of pydicom's character set
 * corpus, read with {@link DicomReader} and decoded with {@link SpecificCharacterSet}, equals what
 * pydicom 2.3.1 decodes for the same element.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecificCharacterSetMatchesPydicomTest {
  static final Path CHARSET_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/charset_files");
  static final Set<VR> TEXT = Set.of(VR.PN, VR.LO, VR.SH, VR.ST, VR.LT, VR.UT, VR.UC);

  /** Prints {file name: {tag path: [VR, [decoded values]]}} for the files named on the command line. */
  static final String PYDICOM_SCRIPT = """
      import json, os, sys, warnings
      import pydicom
      from pydicom.multival import MultiValue
      warnings.simplefilter('ignore')
      TEXT = {'PN', 'LO', 'SH', 'ST', 'LT', 'UT', 'UC'}
      def walk(ds, prefix, out):
          for e in ds:
              if e.VR == 'SQ':
                  for i, item in enumerate(e.value):
                      walk(item, prefix + '%08X[%d].' % (e.tag, i), out)
              elif e.VR in TEXT:
                  v = e.value
                  if v is None or v == '':
                      vals = []
                  elif isinstance(v, (MultiValue, list)):
                      vals = [str(x) for x in v]
                  else:
                      vals = [str(v)]
                  out[prefix + '%08X' % e.tag] = [e.VR, vals]
      result = {}
      for path in sys.argv[1:]:
          ds = pydicom.dcmread(path, stop_before_pixels=True)
          ds.decode()
          out = {}
          walk(ds, '', out)
          result[os.path.basename(path)] = out
      print(json.dumps(result))
      """;

  /** A value where we knowingly differ from pydicom: both sides are pinned, so a change on either fails. */
  record Accepted(List<String> ours, List<String> pydicom, String reason) {}

  static final String TRAILING_GROUP = "pydicom's PersonName.__str__ rebuilds the name from its groups and drops"
      + " an empty trailing group; PS3.5 §6.2.1 allows omitting it, so both are the same name and we keep the bytes as written";

  static final Map<String, Accepted> ACCEPTED = Map.of(
      "chrX1.dcm 00100010", new Accepted(List.of("Wang^XiaoDong=王^小東="), List.of("Wang^XiaoDong=王^小東"), TRAILING_GROUP),
      "chrX2.dcm 00100010", new Accepted(List.of("Wang^XiaoDong=王^小东="), List.of("Wang^XiaoDong=王^小东"), TRAILING_GROUP));

  private JsonObject pydicom;

  static List<Path> corpus() {
    List<Path> files = new ArrayList<>(Fixtures.files(CHARSET_FILES));
    // the one file of pydicom's general corpus with ISO 2022 Japanese text
    Path extra = Fixtures.pydicomTestFiles().resolve("J2K_pixelrep_mismatch.dcm");
    if (Files.isRegularFile(extra)) {
      files.add(extra);
    }
    return files;
  }

  @BeforeAll
  void decodeWithPydicom() throws IOException {
    ExternalTools.requirePydicom();
    List<String> cmd = new ArrayList<>(List.of(ExternalTools.PYTHON, "-c", PYDICOM_SCRIPT));
    corpus().forEach(p -> cmd.add(p.toString()));
    ExternalTools.Result r = ExternalTools.run(cmd, null, 120);
    assertThat(r.exitCode()).as("pydicom: %s", r.stderr()).isZero();
    pydicom = new JsonObject(r.out());
  }

  @Test
  void theCorpusIsThere() {
    assertThat(corpus()).extracting(p -> p.getFileName().toString())
        .contains("chrArab.dcm", "chrFren.dcm", "chrFrenMulti.dcm", "chrGerm.dcm", "chrGreek.dcm", "chrH31.dcm",
            "chrH32.dcm", "chrHbrw.dcm", "chrI2.dcm", "chrJapMulti.dcm", "chrJapMultiExplicitIR6.dcm",
            "chrKoreanMulti.dcm", "chrRuss.dcm", "chrSQEncoding.dcm", "chrSQEncoding1.dcm", "chrX1.dcm", "chrX2.dcm");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyTextValueDecodesAsPydicomDecodesIt(Path file) throws IOException {
    String name = file.getFileName().toString();
    DicomFile df = DicomReader.read(Files.readAllBytes(file), ReadOptions.HEADERS);
    JsonObject theirsJson = pydicom.getJsonObject(name);
    Map<String, VR> theirVrs = new TreeMap<>();
    Map<String, List<String>> theirs = new TreeMap<>();
    for (String path : theirsJson.fieldNames()) {
      JsonArray a = theirsJson.getJsonArray(path);
      theirVrs.put(path, VR.fromCode(a.getString(0)));
      List<String> vals = new ArrayList<>();
      a.getJsonArray(1).forEach(v -> vals.add((String) v));
      theirs.put(path, vals);
    }
    Map<String, List<String>> ours = new TreeMap<>();
    walk(df.dataset(), "", theirVrs, ours);
    assertThat(ours.keySet()).as("text elements of %s", name).isEqualTo(theirs.keySet());
    assertThat(ours.values().stream().anyMatch(v -> !v.isEmpty())).isTrue();
    ACCEPTED.keySet().stream().filter(k -> k.startsWith(name + " "))
        .forEach(k -> assertThat(ours).as("accepted difference still present").containsKey(k.substring(name.length() + 1)));
    for (Map.Entry<String, List<String>> e : ours.entrySet()) {
      Accepted a = ACCEPTED.get(name + " " + e.getKey());
      if (a != null) {
        assertThat(e.getValue()).as("%s %s (ours, accepted difference)", name, e.getKey()).isEqualTo(a.ours());
        assertThat(theirs.get(e.getKey())).as("%s %s (pydicom, accepted difference)", name, e.getKey()).isEqualTo(a.pydicom());
      } else {
        assertThat(e.getValue()).as("%s %s", name, e.getKey()).isEqualTo(theirs.get(e.getKey()));
      }
    }
  }

  @Test
  void noTermOfTheCorpusIsUnknown() throws IOException {
    for (Path file : corpus()) {
      Dataset ds = DicomReader.read(Files.readAllBytes(file), ReadOptions.HEADERS).dataset();
      assertThat(ds.charset().warnings()).as(file.getFileName().toString()).isEmpty();
    }
  }

  /**
   * Collects the text values of {@code ds}. A private element of an implicit VR file reaches us as UN;
   * its bytes are decoded with the VR pydicom found in its private dictionary, so that the character
   * set is still compared.
   */
  static void walk(Dataset ds, String prefix, Map<String, VR> theirVrs, Map<String, List<String>> out) {
    for (DataElement e : ds.elements()) {
      String path = prefix + String.format("%08X", e.tag());
      if (e instanceof DataElement.Sequence s) {
        for (int i = 0; i < s.items().size(); i++) {
          walk(s.items().get(i), path + "[" + i + "].", theirVrs, out);
        }
      } else if (e instanceof DataElement.Value v && TEXT.contains(v.vr())) {
        out.put(path, ds.strings(e.tag()));
      } else if (e instanceof DataElement.Value v && v.vr() == VR.UN && theirVrs.containsKey(path) && TEXT.contains(theirVrs.get(path))) {
        out.put(path, Values.strings(theirVrs.get(path), v.bytes(), ds.charset()));
      }
    }
  }
}
