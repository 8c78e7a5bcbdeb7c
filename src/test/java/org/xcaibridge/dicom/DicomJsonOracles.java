package org.xcaibridge.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the independent DICOM JSON writers our output is compared with, and applies the normalisations
 * their documented differences need (and only those):
 * <ol>
 *   <li>dcm2json transcodes all text to UTF-8 and so writes (0008,0005) as "ISO_IR 192" (adding it
 *       when absent): its (0008,0005) is replaced by ours, or dropped when we have none.</li>
 *   <li>dcm2json copies DS digits as they are, so "1." comes out as the JSON-invalid number {@code 1.};
 *       such numbers get their trailing point dropped before parsing.</li>
 *   <li>dcm2json 3.6.7 refuses to write encapsulated Pixel Data ("JSON InlineBinary encoding not
 *       supported for compressed pixel data"): it is run on a copy without (7FE0,0010) (made with
 *       dcmodify -ea) and our Pixel Data is compared with pydicom's instead. dcmodify drops Data Set
 *       Trailing Padding (FFFC,FFFC) when it rewrites the file, so ours is left out then too.</li>
 *   <li>dcmtk and pydicom know private dictionaries: where the file does not say the VR of a private
 *       element (Implicit VR, or explicit UN), they write the VR their dictionary gives, we write UN
 *       with InlineBinary, as PS3.5 §6.2.2 and PS3.18 leave us nothing else to know. Such an element of
 *       ours is re-written by our own writer with their VR, from the same bytes, before comparing, so
 *       the bytes are still checked against their decoded values.</li>
 * </ol>
 */
final class DicomJsonOracles {
  private DicomJsonOracles() {}

  /** What dcm2json made of a file; {@code json} is null when it failed. */
  record Dcm2Json(Json json, boolean withoutPixelData, String error) {}

  /** What pydicom made of a file; {@code json} is null when it failed. */
  record Pydicom(Json json, String error) {}

  static Dcm2Json dcm2json(Path file, Path scratch) throws IOException {
    ExternalTools.Result r = ExternalTools.run(List.of("dcm2json", "-fc", file.toString()), null, 60);
    if (r.exitCode() == 0) {
      return new Dcm2Json(parse(repairNumbers(r.out()), file), false, null);
    }
    if (!r.stderr().contains("compressed pixel data")) {
      return new Dcm2Json(null, false, r.stderr().trim());
    }
    Path copy = Files.createTempFile(scratch, "nopixels", ".dcm");
    try {
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      ExternalTools.Result m = ExternalTools.run(List.of("dcmodify", "-q", "-nb", "-ea", "(7fe0,0010)", copy.toString()), null, 60);
      if (m.exitCode() != 0) {
        throw new IOException("dcmodify failed on a copy of " + file + ": " + m.stderr());
      }
      ExternalTools.Result s = ExternalTools.run(List.of("dcm2json", "-fc", copy.toString()), null, 60);
      if (s.exitCode() != 0) {
        return new Dcm2Json(null, true, s.stderr().trim());
      }
      return new Dcm2Json(parse(repairNumbers(s.out()), file), true, null);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Runs pydicom once over all {@code files}: one process, one JSON line per file. */
  static Map<Path, Pydicom> pydicom(List<Path> files) throws IOException {
    Map<Path, Pydicom> out = new HashMap<>();
    if (files.isEmpty()) {
      return out;
    }
    byte[] script;
    try (InputStream in = DicomJsonOracles.class.getResourceAsStream("pydicom_to_json.py")) {
      script = in.readAllBytes();
    }
    StringBuilder stdin = new StringBuilder();
    files.forEach(f -> stdin.append(f).append('\n'));
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", new String(script, StandardCharsets.UTF_8)),
        stdin.toString().getBytes(StandardCharsets.UTF_8), 300);
    if (r.exitCode() != 0) {
      throw new IOException("pydicom oracle failed: " + r.stderr());
    }
    for (String line : r.out().split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Json.Obj o = (Json.Obj) parse(line, Path.of("pydicom output"));
      Path file = Path.of(((Json.Str) o.members().get("file")).value());
      boolean ok = o.members().get("ok") instanceof Json.Bool b && b.value();
      out.put(file, ok ? new Pydicom(o.members().get("json"), null) : new Pydicom(null, ((Json.Str) o.members().get("error")).value()));
    }
    return out;
  }

  static Json parse(String json, Path source) throws IOException {
    try {
      return Json.parse(new StringReader(json), new DicomJsonLimits(1L << 30, 1000));
    } catch (DicomJsonException e) {
      throw new IOException("oracle output for " + source + " is not JSON: " + e.getMessage(), e);
    }
  }

  /** Normalisation 2: a number ending in '.' (outside strings) loses the point. */
  static String repairNumbers(String json) {
    StringBuilder sb = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          sb.append(c).append(json.charAt(++i));
          continue;
        }
        inString = c != '"';
      } else if (c == '"') {
        inString = true;
      } else if (c == '.' && i > 0 && Character.isDigit(json.charAt(i - 1))
          && (i + 1 == json.length() || !Character.isDigit(json.charAt(i + 1)))) {
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static final String CHARSET = Tag.hex(Tag.SpecificCharacterSet);

  /** Normalisation 1, at every nesting level: dcm2json's "ISO_IR 192" gives way to our (0008,0005). */
  static Json charsetAsOurs(Json theirs, Json ours) {
    if (!(theirs instanceof Json.Obj t)) {
      return theirs;
    }
    Map<String, Json> o = ours instanceof Json.Obj x ? x.members() : Map.of();
    Map<String, Json> m = new LinkedHashMap<>();
    for (Map.Entry<String, Json> e : t.members().entrySet()) {
      String key = e.getKey();
      Json v = e.getValue();
      if (key.equals(CHARSET) && JsonDiff.show(v).contains("\"ISO_IR 192\"")) {
        if (o.containsKey(CHARSET)) {
          m.put(key, o.get(CHARSET));
        }
        continue;
      }
      m.put(key, sequenceItems(v, o.get(key)));
    }
    return new Json.Obj(m, t.offset());
  }

  private static Json sequenceItems(Json theirs, Json ours) {
    if (!(theirs instanceof Json.Obj a) || !(a.members().get("Value") instanceof Json.Arr items)
        || !(a.members().get("vr") instanceof Json.Str vr) || !vr.value().equals("SQ")) {
      return theirs;
    }
    List<Json> ourItems = ours instanceof Json.Obj b && b.members().get("Value") instanceof Json.Arr oi ? oi.items() : List.of();
    List<Json> fixed = new java.util.ArrayList<>();
    for (int i = 0; i < items.items().size(); i++) {
      fixed.add(charsetAsOurs(items.items().get(i), i < ourItems.size() ? ourItems.get(i) : null));
    }
    Map<String, Json> m = new LinkedHashMap<>(a.members());
    m.put("Value", new Json.Arr(fixed, items.offset()));
    return new Json.Obj(m, a.offset());
  }

  /** Normalisation 4, at every nesting level: our UN private elements take the VR the oracle gives. */
  static Json privateVrAsTheirs(Json ours, Json theirs) throws IOException {
    if (!(ours instanceof Json.Obj o) || !(theirs instanceof Json.Obj t)) {
      return ours;
    }
    Map<String, Json> m = new LinkedHashMap<>();
    for (Map.Entry<String, Json> e : o.members().entrySet()) {
      Json v = e.getValue();
      Json their = t.members().get(e.getKey());
      String ourVr = vr(v);
      String theirVr = vr(their);
      int tag = (int) Long.parseLong(e.getKey(), 16);
      if (Tag.isPrivate(tag) && "UN".equals(ourVr) && theirVr != null && !theirVr.equals("UN") && !theirVr.equals("SQ")
          && VR.fromCode(theirVr) != null && !((Json.Obj) v).members().containsKey("BulkDataURI")) {
        Json b = ((Json.Obj) v).members().get("InlineBinary");
        byte[] bytes = b instanceof Json.Str s ? java.util.Base64.getDecoder().decode(s.value()) : new byte[0];
        Dataset one = new Dataset().put(new DataElement.Value(tag, VR.fromCode(theirVr), bytes));
        java.io.StringWriter w = new java.io.StringWriter();
        new DicomJsonWriter(DicomJsonOptions.inline((x, p) -> "unexpected")).write(one, w);
        v = ((Json.Obj) parse(w.toString(), Path.of(e.getKey()))).members().get(e.getKey());
      } else if ("SQ".equals(ourVr) && ((Json.Obj) v).members().get("Value") instanceof Json.Arr items) {
        List<Json> theirItems = their instanceof Json.Obj ti && ti.members().get("Value") instanceof Json.Arr a ? a.items() : List.of();
        List<Json> fixed = new java.util.ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
          fixed.add(privateVrAsTheirs(items.items().get(i), i < theirItems.size() ? theirItems.get(i) : null));
        }
        Map<String, Json> a = new LinkedHashMap<>(((Json.Obj) v).members());
        a.put("Value", new Json.Arr(fixed, items.offset()));
        v = new Json.Obj(a, v.offset());
      }
      m.put(e.getKey(), v);
    }
    return new Json.Obj(m, o.offset());
  }

  private static String vr(Json attribute) {
    return attribute instanceof Json.Obj a && a.members().get("vr") instanceof Json.Str s ? s.value() : null;
  }

  /** {@code o} without the top-level member {@code key}. */
  static Json without(Json o, String key) {
    Map<String, Json> m = new LinkedHashMap<>(((Json.Obj) o).members());
    m.remove(key);
    return new Json.Obj(m, o.offset());
  }
}
