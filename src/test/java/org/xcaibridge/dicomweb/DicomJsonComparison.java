package org.xcaibridge.dicomweb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares two DICOM JSON objects (PS3.18 Annex F) on the attributes both carry, at any depth of sequences:
 * the VR, and the value — strings as written, numbers (IS, DS and the binary numeric VRs, whether a side writes
 * them as JSON numbers or strings) by their numeric value, person names by component group, inline binary by its
 * bytes. URLs are not compared: RetrieveURL (0008,1190) and BulkDataURI values. A value one side gives inline and
 * the other as a BulkDataURI is handed to {@link #bulk}, which fetches it and says whether the bytes agree.
 */
final class DicomJsonComparison {
  private static final String RETRIEVE_URL = "00081190";

  /**
   * One attribute both sides carry with different content; {@code path} is tags joined by {@code /}, no index;
   * {@code implicitVr}: the object's file is in Implicit VR Little Endian (it does not carry its VRs).
   */
  record Disagreement(String level, String path, String vr, String what, String ours, String theirs,
      boolean implicitVr) {
    String top() {
      int slash = path.indexOf('/');
      return slash < 0 ? path : path.substring(0, slash);
    }

    @Override
    public String toString() {
      return level + " " + path + " " + vr + " (" + what + "): ours " + ours + ", Orthanc " + theirs;
    }
  }

  /** Fetches the bytes behind a BulkDataURI of one side and compares them with the other side's inline value. */
  interface BulkCheck {
    /** Null when the bytes agree, else what differs. */
    String compare(String uri, boolean ours, byte[] inline) throws Exception;
  }

  private final String level;
  private final BulkCheck bulk;
  final List<Disagreement> disagreements = new ArrayList<>();
  int compared;
  int bulkCompared;
  /** Top-level attributes only one side returned (not compared; reported). */
  final java.util.Set<String> onlyOurs = new TreeSet<>();
  final java.util.Set<String> onlyTheirs = new TreeSet<>();

  DicomJsonComparison(String level, BulkCheck bulk) {
    this.level = level;
    this.bulk = bulk;
  }

  private boolean implicitVr;

  void compare(JsonObject ours, JsonObject theirs, boolean fromImplicitVr) throws Exception {
    implicitVr = fromImplicitVr;
    ours.fieldNames().stream().filter(t -> !theirs.containsKey(t)).forEach(onlyOurs::add);
    theirs.fieldNames().stream().filter(t -> !ours.containsKey(t)).forEach(onlyTheirs::add);
    compare("", ours, theirs);
  }

  private void compare(String prefix, JsonObject ours, JsonObject theirs) throws Exception {
    TreeSet<String> both = new TreeSet<>(ours.fieldNames());
    both.retainAll(theirs.fieldNames());
    for (String tag : both) {
      if (prefix.isEmpty() && tag.equals(RETRIEVE_URL)) {
        continue;
      }
      attribute(prefix + tag, ours.getJsonObject(tag), theirs.getJsonObject(tag));
    }
  }

  private void attribute(String path, JsonObject a, JsonObject b) throws Exception {
    compared++;
    String vr = a.getString("vr");
    if (!Objects.equals(vr, b.getString("vr"))) {
      disagree(path, vr, "vr", vr, b.getString("vr"));
      return;
    }
    boolean aUri = a.containsKey("BulkDataURI");
    boolean bUri = b.containsKey("BulkDataURI");
    if (aUri && bUri) {
      return; // URLs aside
    }
    if (aUri || bUri) {
      JsonObject inline = aUri ? b : a;
      byte[] bytes = inlineBytes(inline);
      if (bytes == null) {
        disagree(path, vr, "bulk data against a value", String.valueOf(a), String.valueOf(b));
        return;
      }
      bulkCompared++;
      String d = bulk.compare((aUri ? a : b).getString("BulkDataURI"), aUri, bytes);
      if (d != null) {
        disagree(path, vr, "bulk data bytes", aUri ? d : "inline", aUri ? "inline" : d);
      }
      return;
    }
    if (a.containsKey("InlineBinary") || b.containsKey("InlineBinary")) {
      byte[] x = inlineBytes(a);
      byte[] y = inlineBytes(b);
      if (x == null || y == null || !java.util.Arrays.equals(x, y)) {
        disagree(path, vr, "inline binary", brief(a), brief(b));
      }
      return;
    }
    JsonArray va = a.getJsonArray("Value");
    JsonArray vb = b.getJsonArray("Value");
    if (va == null || vb == null || va.isEmpty() || vb.isEmpty()) {
      boolean ea = va == null || va.isEmpty();
      boolean eb = vb == null || vb.isEmpty();
      if (ea != eb) {
        disagree(path, vr, "empty on one side", String.valueOf(va), String.valueOf(vb));
      }
      return;
    }
    if ("SQ".equals(vr)) {
      if (va.size() != vb.size()) {
        disagree(path, vr, "number of items", Integer.toString(va.size()), Integer.toString(vb.size()));
        return;
      }
      for (int i = 0; i < va.size(); i++) {
        compare(path + "/", va.getJsonObject(i), vb.getJsonObject(i));
      }
      return;
    }
    if (va.size() != vb.size()) {
      disagree(path, vr, "number of values", va.encode(), vb.encode());
      return;
    }
    for (int i = 0; i < va.size(); i++) {
      if (!sameValue(vr, va.getValue(i), vb.getValue(i))) {
        disagree(path, vr, "value", va.encode(), vb.encode());
        return;
      }
    }
  }

  private static boolean sameValue(String vr, Object x, Object y) {
    if (x == null || y == null) {
      return x == y;
    }
    if (x instanceof Number || y instanceof Number) {
      try {
        if (vr.equals("FL") || vr.equals("OF")) { // the same binary32 value, however many digits a side prints
          return Float.parseFloat(x.toString().trim()) == Float.parseFloat(y.toString().trim());
        }
        return new BigDecimal(x.toString().trim()).compareTo(new BigDecimal(y.toString().trim())) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (x instanceof JsonObject px && y instanceof JsonObject py) { // PN: component groups
      for (String group : List.of("Alphabetic", "Ideographic", "Phonetic")) {
        if (!Objects.equals(px.getString(group), py.getString(group))) {
          return false;
        }
      }
      return true;
    }
    return x.equals(y);
  }

  private static byte[] inlineBytes(JsonObject attribute) {
    String b64 = attribute.getString("InlineBinary");
    return b64 == null ? null : Base64.getDecoder().decode(b64);
  }

  private static String brief(JsonObject attribute) {
    String s = attribute.encode();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private void disagree(String path, String vr, String what, String ours, String theirs) {
    disagreements.add(new Disagreement(level, path, vr, what, ours, theirs, implicitVr));
  }
}
