package org.xcaibridge.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The independent oracles of the DICOM codec tests (dcm2json, pydicom, dcmtk datasets), opened to the tests of the
 * DICOMweb front, which compare what the bridge serves over HTTP with them. Nothing here is an oracle itself; it
 * only applies the normalisations {@link DicomJsonOracles} documents, plus the two that WADO-RS metadata needs:
 * attributes the bridge serves by BulkDataURI are compared by fetching them (their InlineBinary in dcm2json's
 * answer is returned for that), and AvailableTransferSyntaxUID (0008,3002), which the bridge adds, is left out.
 * Metadata ends at Pixel Data (trailing padding is not read), so top-level attributes after it are left out too.
 */
public final class WebOracles {
  private WebOracles() {}

  /**
   * Differences between the datasets of two Part 10 files, VRs included; empty when equal. Private elements
   * that one side writes as UN and the other with a private dictionary's VR (dcmtk knows some vendors') are
   * not differences: with Implicit VR nothing in the file says their VR (PS3.5 §6.2.2), the bytes are compared.
   */
  public static List<String> datasetDifferences(byte[] a, byte[] b) {
    DicomFile x = DicomReader.read(a, ReadOptions.ALL);
    DicomFile y = DicomReader.read(b, ReadOptions.ALL);
    return DatasetAssert.differences(x.dataset(), y.dataset(), true).stream()
        .filter(d -> !d.matches("\\([0-9A-F]{3}[13579BDF],[0-9A-F]{4}\\) VR (UN vs [A-Z]{2}|[A-Z]{2} vs UN)")).toList();
  }

  private static final String SAME_DATASET = String.join("\n",
      "import sys, json, pydicom",
      "a = pydicom.dcmread(sys.argv[1]); b = pydicom.dcmread(sys.argv[2])",
      "out = []",
      "def cmp(x, y, p):",
      "    for t in sorted(set(x.keys()) | set(y.keys())):",
      "        if t.element == 0: continue",
      "        if t not in x or t not in y:",
      "            out.append(p + str(t) + ' only in one'); continue",
      "        ex, ey = x[t], y[t]",
      "        if ex.VR == 'SQ' and ey.VR == 'SQ':",
      "            if len(ex.value) != len(ey.value): out.append(p + str(t) + ' items'); continue",
      "            for i, (ix, iy) in enumerate(zip(ex.value, ey.value)): cmp(ix, iy, p + str(t) + '[%d].' % i)",
      "        elif ex.value != ey.value:",
      "            out.append(p + str(t) + ' ' + repr(ex.value)[:60] + ' vs ' + repr(ey.value)[:60])",
      "cmp(a, b, '')",
      "print(json.dumps(out))");

  /**
   * How pydicom sees two Part 10 files differ, element by element (values as pydicom decodes them, so padding and
   * number spelling do not count; file meta information and group lengths, retired since 2008, left out); empty when the datasets are the same.
   */
  public static List<String> pydicomDifferences(Path a, Path b) throws IOException {
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", SAME_DATASET, a.toString(),
        b.toString()), null, 60);
    if (r.exitCode() != 0) {
      throw new IOException("pydicom could not compare " + a + " and " + b + ": " + r.stderr());
    }
    List<String> out = new ArrayList<>();
    io.vertx.core.json.JsonArray arr = new io.vertx.core.json.JsonArray(r.out().trim());
    arr.forEach(o -> out.add(String.valueOf(o)));
    return out;
  }

  /** pydicom's frames of each file as "length:sha256", or null for a file it cannot cut into frames. */
  public static Map<Path, List<String>> pydicomFrames(List<Path> files) throws IOException {
    Map<Path, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, PydicomFrameOracle.Answer> e : PydicomFrameOracle.run(files).entrySet()) {
      out.put(Path.of(e.getKey()), e.getValue().status().equals("ok") ? e.getValue().frames() : null);
    }
    return out;
  }

  public static String frameDigest(byte[] frame) {
    return PydicomFrameOracle.digest(frame);
  }

  /**
   * How one instance's metadata object compares with dcm2json's JSON of its file.
   *
   * @param differences attribute paths and what differs, as the codec's differential test lists them
   * @param bulk        for each attribute the bridge gave a BulkDataURI, the value dcm2json wrote inline (absent
   *                    when dcm2json wrote none there, such as encapsulated Pixel Data)
   */
  public record MetadataCheck(List<String> differences, Map<String, String> uris, Map<String, byte[]> bulk) {}

  /** Null when dcm2json cannot read the file (then the codec's own test compares it with pydicom). */
  public static MetadataCheck metadata(Path file, String ourObject, Path scratch) throws IOException {
    DicomJsonOracles.Dcm2Json d = DicomJsonOracles.dcm2json(file, scratch);
    if (d.json() == null) {
      return null;
    }
    Json ours = DicomJsonOracles.parse(ourObject, Path.of("metadata of " + file));
    Json theirs = d.json();
    Map<String, String> uris = new LinkedHashMap<>();
    Map<String, byte[]> bulk = new LinkedHashMap<>();
    ours = withoutBulk(ours, theirs, "", uris, bulk);
    theirs = withoutKeys(theirs, uris.keySet(), "");
    ours = DicomJsonOracles.without(ours, "00083002");
    ours = afterPixelDataDropped(ours);
    theirs = afterPixelDataDropped(theirs);
    if (d.withoutPixelData()) {
      ours = DicomJsonOracles.without(ours, Tag.hex(Tag.PixelData));
    }
    theirs = DicomJsonOracles.charsetAsOurs(theirs, ours);
    List<String> differences = JsonDiff.datasets(DicomJsonOracles.privateVrAsTheirs(ours, theirs), theirs);
    return new MetadataCheck(differences, uris, bulk);
  }

  /** The differences of the shared corpus file {@code relative} that the codec's accepted list does not explain. */
  public static List<String> unexplained(String relative, List<String> differences) throws IOException {
    List<String[]> accepted = new ArrayList<>();
    try (InputStream in = WebOracles.class.getResourceAsStream("dicom-json-accepted-differences.tsv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          accepted.add(line.split("\t"));
        }
      }
    }
    String name = "shared/" + relative;
    return differences.stream().filter(diff -> accepted.stream().noneMatch(a -> a[0].equals(name)
        && (diff.startsWith(a[1] + ":") || diff.startsWith(a[1] + "/")))).toList();
  }

  /** Ours without its BulkDataURI attributes, noting each one's URI and their inline bytes at the same path. */
  private static Json withoutBulk(Json ours, Json theirs, String prefix, Map<String, String> uris,
      Map<String, byte[]> bulk) {
    Map<String, Json> out = new LinkedHashMap<>();
    Map<String, Json> t = theirs instanceof Json.Obj o ? o.members() : Map.of();
    for (Map.Entry<String, Json> e : ((Json.Obj) ours).members().entrySet()) {
      String path = prefix + e.getKey();
      Map<String, Json> attribute = ((Json.Obj) e.getValue()).members();
      if (attribute.get("BulkDataURI") instanceof Json.Str uri) {
        uris.put(path, uri.value());
        if (t.get(e.getKey()) instanceof Json.Obj their && their.members().get("InlineBinary") instanceof Json.Str b) {
          bulk.put(path, Base64.getDecoder().decode(b.value()));
        }
        continue;
      }
      if (attribute.get("Value") instanceof Json.Arr items && "SQ".equals(vr(attribute))) {
        List<Json> theirItems = t.get(e.getKey()) instanceof Json.Obj ti && ti.members().get("Value") instanceof Json.Arr a
            ? a.items() : List.of();
        List<Json> fixed = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
          fixed.add(withoutBulk(items.items().get(i), i < theirItems.size() ? theirItems.get(i) : null,
              path + "/" + i + "/", uris, bulk));
        }
        Map<String, Json> a = new LinkedHashMap<>(attribute);
        a.put("Value", new Json.Arr(fixed, items.offset()));
        out.put(e.getKey(), new Json.Obj(a, e.getValue().offset()));
        continue;
      }
      out.put(e.getKey(), e.getValue());
    }
    return new Json.Obj(out, ours.offset());
  }

  /** Theirs without the attributes at {@code paths} (slash-separated, item indexes between tags). */
  private static Json withoutKeys(Json theirs, java.util.Set<String> paths, String prefix) {
    if (!(theirs instanceof Json.Obj o)) {
      return theirs;
    }
    Map<String, Json> out = new LinkedHashMap<>();
    for (Map.Entry<String, Json> e : o.members().entrySet()) {
      String path = prefix + e.getKey();
      if (paths.contains(path)) {
        continue;
      }
      Json v = e.getValue();
      if (v instanceof Json.Obj a && a.members().get("Value") instanceof Json.Arr items && "SQ".equals(vr(a.members()))) {
        List<Json> fixed = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
          fixed.add(withoutKeys(items.items().get(i), paths, path + "/" + i + "/"));
        }
        Map<String, Json> m = new LinkedHashMap<>(a.members());
        m.put("Value", new Json.Arr(fixed, items.offset()));
        v = new Json.Obj(m, a.offset());
      }
      out.put(e.getKey(), v);
    }
    return new Json.Obj(out, o.offset());
  }

  private static Json afterPixelDataDropped(Json o) {
    Map<String, Json> out = new LinkedHashMap<>();
    for (Map.Entry<String, Json> e : ((Json.Obj) o).members().entrySet()) {
      if (Integer.compareUnsigned((int) Long.parseLong(e.getKey(), 16), Tag.PixelData) <= 0) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return new Json.Obj(out, o.offset());
  }

  private static String vr(Map<String, Json> attribute) {
    return attribute.get("vr") instanceof Json.Str s ? s.value() : null;
  }
}
