package org.xcaibridge.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For tests outside this package: compares one object of WADO-RS metadata we wrote with dcm2json's output for the
 * same file, after the normalisations of {@link DicomJsonOracles} (the ones {@link DicomJsonDifferentialTest}
 * uses) and one more that metadata needs: an attribute we wrote as a BulkDataURI (Pixel Data, long binary values)
 * is compared by its VR only, dcm2json having written its bytes inline. Elements dcm2json writes after Pixel Data
 * (Data Set Trailing Padding) are not in metadata, which stops at Pixel Data, and are dropped from its side.
 */
public final class MetadataOracle {
  private MetadataOracle() {}

  /** The objects of a JSON array, each as the text it was written as (no re-encoding of its numbers). */
  public static List<String> objects(String jsonArray) throws IOException {
    Json.Arr a = (Json.Arr) DicomJsonOracles.parse(jsonArray, Path.of("metadata"));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.items().size(); i++) {
      int from = (int) a.items().get(i).offset();
      int to = i + 1 < a.items().size() ? (int) a.items().get(i + 1).offset() : jsonArray.lastIndexOf(']');
      String item = jsonArray.substring(from, to).strip();
      out.add(item.endsWith(",") ? item.substring(0, item.length() - 1) : item);
    }
    return out;
  }

  /**
   * The differences, each "tag path: what", between our object and dcm2json's for {@code file}.
   *
   * @param dropFromOurs top-level keys (8 hex digits) we add on purpose and dcm2json cannot have
   * @throws IOException when dcm2json cannot read the file
   */
  public static List<String> differences(Path file, String ourObject, Set<String> dropFromOurs, Path scratch)
      throws IOException {
    DicomJsonOracles.Dcm2Json d = DicomJsonOracles.dcm2json(file, scratch);
    if (d.json() == null) {
      throw new IOException("dcm2json cannot read " + file + ": " + d.error());
    }
    Json.Obj ours = (Json.Obj) DicomJsonOracles.parse(ourObject, file);
    Json.Obj theirs = (Json.Obj) DicomJsonOracles.charsetAsOurs(d.json(), ours);
    Map<String, Json> o = new LinkedHashMap<>(ours.members());
    Map<String, Json> t = new LinkedHashMap<>(theirs.members());
    List<String> differences = new ArrayList<>();
    dropFromOurs.forEach(o::remove);
    for (String key : List.copyOf(o.keySet())) {
      if (o.get(key) instanceof Json.Obj a && a.members().containsKey("BulkDataURI")) {
        Json theirVr = t.get(key) instanceof Json.Obj b ? b.members().get("vr") : null;
        if (!JsonDiff.same(a.members().get("vr"), theirVr)) {
          differences.add(key + ": BulkDataURI with vr " + JsonDiff.show(a.members().get("vr")) + ", dcm2json's vr "
              + JsonDiff.show(theirVr));
        }
        o.remove(key);
        t.remove(key);
      }
    }
    long pixel = Long.parseLong(Tag.hex(Tag.PixelData), 16);
    t.keySet().removeIf(k -> Long.parseLong(k, 16) > pixel && !o.containsKey(k));
    Json ourJson = DicomJsonOracles.privateVrAsTheirs(new Json.Obj(o, ours.offset()), new Json.Obj(t, theirs.offset()));
    differences.addAll(JsonDiff.datasets(ourJson, new Json.Obj(t, theirs.offset())));
    return differences;
  }
}
