package org.xcaibridge.responder;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What pydicom reads from a folder (archive_tree.py), arranged as the ITI-38 tests want it: each study with its
 * patient, General Study attributes, modalities and the date and time of its latest series; and the DTM an XDS
 * time is expected to be, written out here from the DICOM values as the tests expect it.
 */
record StudyOracle(Map<String, JsonObject> studies, Map<String, List<JsonObject>> seriesByStudy) {

  static StudyOracle of(Path folder) throws Exception {
    JsonObject tree = ArchiveTestSupport.pydicomTree(folder);
    Map<String, JsonObject> studies = new LinkedHashMap<>();
    for (Object o : tree.getJsonArray("studies")) {
      JsonObject s = (JsonObject) o;
      studies.put(s.getString("uid"), s);
    }
    Map<String, List<JsonObject>> series = new LinkedHashMap<>();
    for (Object o : tree.getJsonArray("series")) {
      JsonObject s = (JsonObject) o;
      series.computeIfAbsent(s.getString("study"), k -> new ArrayList<>()).add(s);
    }
    return new StudyOracle(studies, series);
  }

  /** Patient IDs that are not empty: the ones an ITI-38 query can name. */
  Set<String> patientIds() {
    Set<String> ids = new LinkedHashSet<>();
    studies.values().forEach(s -> {
      if (!s.getString("patientId").isBlank()) {
        ids.add(s.getString("patientId"));
      }
    });
    return ids;
  }

  /** The studies of patients with a Patient ID. */
  Set<String> queryableStudies() {
    Set<String> uids = new LinkedHashSet<>();
    studies.forEach((uid, s) -> {
      if (!s.getString("patientId").isBlank()) {
        uids.add(uid);
      }
    });
    return uids;
  }

  Set<String> modalities(String study) {
    Set<String> m = new LinkedHashSet<>();
    JsonArray a = studies.get(study).getJsonArray("modalities");
    a.forEach(x -> m.add((String) x));
    return m;
  }

  /** Study date and time as an HL7 DTM. */
  String serviceStart(String study) {
    JsonObject s = studies.get(study);
    return dtm(s.getString("date"), s.getString("time"));
  }

  /** The latest of the study's and its series' dates and times. */
  String serviceStop(String study) {
    String latest = serviceStart(study);
    for (JsonObject se : seriesByStudy.getOrDefault(study, List.of())) {
      String t = dtm(se.getString("date"), se.getString("time"));
      if (t != null && (latest == null || pad(t).compareTo(pad(latest)) > 0)) {
        latest = t;
      }
    }
    return latest;
  }

  /** DA + TM → DTM: the date's digits (8 of them, else no time at all), the time's digits before its fraction. */
  static String dtm(String date, String time) {
    if (date == null) {
      return null;
    }
    String d = date.replaceAll("[^0-9]", "");
    if (d.length() != 8) {
      return null;
    }
    if (time == null) {
      return d;
    }
    String t = time.split("\\.")[0].replace(":", "");
    t = t.length() > 6 ? t.substring(0, 6) : t;
    return t.length() % 2 == 0 ? d + t : d;
  }

  private static String pad(String dtm) {
    return (dtm + "00000101000000".substring(dtm.length())).substring(0, 14);
  }
}
