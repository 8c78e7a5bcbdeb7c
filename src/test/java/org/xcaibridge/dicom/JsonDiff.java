package org.xcaibridge.dicom;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares two DICOM JSON Model objects attribute by attribute and lists every difference with the
 * attribute path it is at ("00101002/1/00100020"). Numbers are compared by value, as the VR says: DS, IS,
 * SV, UV and the binary integers exactly (as decimals, so "5.000000" equals 5), FL as single precision
 * floats, FD within 8 ulps (dcm2json prints doubles with a few wrong last digits: 1e300 as
 * 1.0000000000000007e300). Everything else must be equal as JSON.
 */
final class JsonDiff {
  private final List<String> differences = new ArrayList<>();

  private JsonDiff() {}

  static List<String> datasets(Json ours, Json theirs) {
    JsonDiff d = new JsonDiff();
    d.dataset("", ours, theirs);
    return d.differences;
  }

  private void add(String path, String what) {
    differences.add((path.isEmpty() ? "(top)" : path) + ": " + what);
  }

  private void dataset(String prefix, Json ours, Json theirs) {
    if (!(ours instanceof Json.Obj o) || !(theirs instanceof Json.Obj t)) {
      add(prefix, "not both objects: ours " + show(ours) + ", theirs " + show(theirs));
      return;
    }
    TreeSet<String> keys = new TreeSet<>(o.members().keySet());
    keys.addAll(t.members().keySet());
    for (String key : keys) {
      String path = prefix.isEmpty() ? key : prefix + "/" + key;
      Json a = o.members().get(key);
      Json b = t.members().get(key);
      if (a == null || b == null) {
        add(path, a == null ? "only theirs has it: " + show(b) : "only ours has it: " + show(a));
      } else {
        attribute(path, a, b);
      }
    }
  }

  private void attribute(String path, Json ours, Json theirs) {
    Map<String, Json> a = ((Json.Obj) ours).members();
    Map<String, Json> b = ((Json.Obj) theirs).members();
    String vr = a.get("vr") instanceof Json.Str s ? s.value() : "?";
    if (!a.get("vr").equals(withOffset(b.get("vr"), a.get("vr")))) {
      add(path, "vr ours " + vr + ", theirs " + show(b.get("vr")) + "; ours " + show(ours) + " theirs " + show(theirs));
      return;
    }
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      Json x = a.get(k);
      Json y = b.get(k);
      if (x == null || y == null) {
        add(path, "\"" + k + "\" only in " + (x == null ? "theirs: " + show(y) : "ours: " + show(x)));
      } else if (k.equals("Value")) {
        values(path, vr, x, y);
      } else if (!same(x, y)) {
        add(path, k + " ours " + show(x) + ", theirs " + show(y));
      }
    }
  }

  private void values(String path, String vr, Json ours, Json theirs) {
    if (!(ours instanceof Json.Arr a) || !(theirs instanceof Json.Arr b)) {
      add(path, "Value not both arrays");
      return;
    }
    if (a.items().size() != b.items().size()) {
      add(path, "Value has " + a.items().size() + " items in ours, " + b.items().size() + " in theirs: ours "
          + show(ours) + " theirs " + show(theirs));
      return;
    }
    for (int i = 0; i < a.items().size(); i++) {
      Json x = a.items().get(i);
      Json y = b.items().get(i);
      if (vr.equals("SQ")) {
        dataset(path + "/" + i, x, y);
      } else if (!sameValue(vr, x, y)) {
        add(path, "Value[" + i + "] ours " + show(x) + ", theirs " + show(y));
      }
    }
  }

  private static boolean sameValue(String vr, Json x, Json y) {
    if (x instanceof Json.Num n && y instanceof Json.Num m) {
      switch (vr) {
        case "FL":
          return Float.parseFloat(n.text()) == Float.parseFloat(m.text());
        case "FD": {
          double p = Double.parseDouble(n.text());
          double q = Double.parseDouble(m.text());
          return p == q || Math.abs(p - q) <= 8 * Math.ulp(Math.max(Math.abs(p), Math.abs(q)));
        }
        default:
          return new BigDecimal(n.text()).compareTo(new BigDecimal(m.text())) == 0;
      }
    }
    return same(x, y);
  }

  /** JSON equality, ignoring where in the documents the values stood. */
  static boolean same(Json x, Json y) {
    if (x instanceof Json.Obj a && y instanceof Json.Obj b) {
      if (!a.members().keySet().equals(b.members().keySet())) {
        return false;
      }
      return a.members().keySet().stream().allMatch(k -> same(a.members().get(k), b.members().get(k)));
    }
    if (x instanceof Json.Arr a && y instanceof Json.Arr b) {
      if (a.items().size() != b.items().size()) {
        return false;
      }
      for (int i = 0; i < a.items().size(); i++) {
        if (!same(a.items().get(i), b.items().get(i))) {
          return false;
        }
      }
      return true;
    }
    return x != null && y != null && withOffset(y, x).equals(x);
  }

  /** {@code v} as if it stood where {@code like} stands, so records compare by content only. */
  private static Json withOffset(Json v, Json like) {
    long at = like.offset();
    if (v instanceof Json.Str s) {
      return new Json.Str(s.value(), at);
    }
    if (v instanceof Json.Num n) {
      return new Json.Num(n.text(), at);
    }
    if (v instanceof Json.Bool b) {
      return new Json.Bool(b.value(), at);
    }
    if (v instanceof Json.Null) {
      return new Json.Null(at);
    }
    return v;
  }

  /** A short rendering for messages. */
  static String show(Json v) {
    String s = render(v);
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }

  private static String render(Json v) {
    if (v == null) {
      return "(absent)";
    }
    if (v instanceof Json.Str s) {
      return "\"" + s.value() + "\"";
    }
    if (v instanceof Json.Num n) {
      return n.text();
    }
    if (v instanceof Json.Bool b) {
      return String.valueOf(b.value());
    }
    if (v instanceof Json.Null) {
      return "null";
    }
    if (v instanceof Json.Arr a) {
      List<String> parts = new ArrayList<>();
      a.items().forEach(i -> parts.add(render(i)));
      return "[" + String.join(",", parts) + "]";
    }
    List<String> parts = new ArrayList<>();
    ((Json.Obj) v).members().forEach((k, m) -> parts.add("\"" + k + "\":" + render(m)));
    return "{" + String.join(",", parts) + "}";
  }
}
