package org.xcaibridge.studies;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xcaibridge.dicom.ExternalTools;

/**
 * The independent reading of the corpus the study tests compare with: pydicom reads each file and says the
 * attributes a QIDO-RS row carries, as DICOM text (PN as written, IS as its number).
 */
final class Pydicom {
  private Pydicom() {}

  private static final String SCRIPT = String.join("\n",
      "import sys, json, pydicom",
      "KEYS = ['SOPInstanceUID','SOPClassUID','StudyInstanceUID','SeriesInstanceUID','StudyDate','StudyTime',",
      "  'AccessionNumber','PatientName','PatientID','PatientBirthDate','PatientSex','StudyID',",
      "  'ReferringPhysicianName','StudyDescription','Modality','SeriesDescription','SeriesNumber','SeriesDate',",
      "  'SeriesTime','InstanceNumber','Rows','Columns','BitsAllocated','NumberOfFrames']",
      "for line in sys.stdin:",
      "  path = line.strip()",
      "  ds = pydicom.dcmread(path, stop_before_pixels=True)",
      "  out = {'file': path}",
      "  for k in KEYS:",
      "    v = ds.get(k)",
      "    if v is None or str(v) == '':",
      "      continue",
      "    out[k] = str(v)",
      "  out['TransferSyntaxUID'] = str(ds.file_meta.TransferSyntaxUID)",
      "  print(json.dumps(out))");

  /** Each file's attributes, by SOP Instance UID. */
  static Map<String, JsonObject> read(Collection<Path> files) throws Exception {
    ExternalTools.requirePydicom();
    StringBuilder in = new StringBuilder();
    files.forEach(f -> in.append(f).append('\n'));
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", SCRIPT),
        in.toString().getBytes(StandardCharsets.UTF_8), 120);
    if (r.exitCode() != 0) {
      throw new IllegalStateException("pydicom failed: " + r.stderr());
    }
    Map<String, JsonObject> out = new TreeMap<>();
    for (String line : r.out().split("\n")) {
      if (!line.isBlank()) {
        JsonObject o = new JsonObject(line);
        out.put(o.getString("SOPInstanceUID"), o);
      }
    }
    return out;
  }

  /** The files of one study. */
  static List<JsonObject> study(Map<String, JsonObject> all, String studyUid) {
    List<JsonObject> out = new ArrayList<>();
    all.values().stream().filter(o -> studyUid.equals(o.getString("StudyInstanceUID"))).forEach(out::add);
    return out;
  }
}
