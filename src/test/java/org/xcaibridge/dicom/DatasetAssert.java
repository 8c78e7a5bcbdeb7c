package org.xcaibridge.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** Element-by-element comparison of two datasets, reporting every difference with its path. */
final class DatasetAssert {
  private DatasetAssert() {}

  /**
   * Differences between {@code a} and {@code b}. Odd-length values are compared without the padding byte a
   * writer adds; group lengths are ignored; with {@code compareVr} false only values are compared (an
   * Implicit VR round trip takes VRs from the dictionary).
   */
  static List<String> differences(Dataset a, Dataset b, boolean compareVr) {
    List<String> out = new ArrayList<>();
    compare("", a, b, compareVr, out);
    return out;
  }

  private static List<DataElement> elements(Dataset d) {
    List<DataElement> l = new ArrayList<>();
    for (DataElement e : d.elements()) {
      if (!Tag.isGroupLength(e.tag())) {
        l.add(e);
      }
    }
    return l;
  }

  private static void compare(String path, Dataset a, Dataset b, boolean compareVr, List<String> out) {
    Iterator<DataElement> ia = elements(a).iterator();
    Iterator<DataElement> ib = elements(b).iterator();
    while (ia.hasNext() || ib.hasNext()) {
      DataElement ea = ia.hasNext() ? ia.next() : null;
      DataElement eb = ib.hasNext() ? ib.next() : null;
      if (ea == null || eb == null || ea.tag() != eb.tag()) {
        out.add(path + "element mismatch: " + describe(ea) + " vs " + describe(eb));
        return;
      }
      String p = path + Tag.toString(ea.tag());
      // an undefined-length UN is rewritten as SQ (CP-246); encapsulated pixel data is always written as OB
      boolean rewrittenVr = ea instanceof DataElement.Sequence && (ea.vr() == VR.UN || eb.vr() == VR.UN)
          || ea instanceof DataElement.Fragments;
      if (compareVr && ea.vr() != eb.vr() && !rewrittenVr) {
        out.add(p + " VR " + ea.vr() + " vs " + eb.vr());
      }
      if (ea instanceof DataElement.Sequence sa && eb instanceof DataElement.Sequence sb) {
        if (sa.items().size() != sb.items().size()) {
          out.add(p + " items " + sa.items().size() + " vs " + sb.items().size());
          continue;
        }
        for (int i = 0; i < sa.items().size(); i++) {
          compare(p + "[" + i + "].", sa.items().get(i), sb.items().get(i), compareVr, out);
        }
      } else if (ea instanceof DataElement.Fragments fa && eb instanceof DataElement.Fragments fb) {
        if (fa.fragments().size() != fb.fragments().size()) {
          out.add(p + " fragments " + fa.fragments().size() + " vs " + fb.fragments().size());
          continue;
        }
        for (int i = 0; i < fa.fragments().size(); i++) {
          if (!sameValue(fa.fragments().get(i).bytes(), fb.fragments().get(i).bytes())) {
            out.add(p + " fragment " + i + " differs");
          }
        }
      } else if (ea instanceof DataElement.Value va && eb instanceof DataElement.Value vb) {
        if (!sameValue(va.bytes(), vb.bytes())) {
          out.add(p + " value differs");
        }
      } else {
        out.add(p + " kind " + ea.getClass().getSimpleName() + " vs " + eb.getClass().getSimpleName());
      }
    }
  }

  private static boolean sameValue(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.length == b.length) {
      return Arrays.equals(a, b);
    }
    byte[] shorter = a.length < b.length ? a : b;
    byte[] longer = a.length < b.length ? b : a;
    return longer.length == shorter.length + 1 && (shorter.length & 1) == 1
        && Arrays.equals(shorter, 0, shorter.length, longer, 0, shorter.length);
  }

  private static String describe(DataElement e) {
    return e == null ? "nothing" : Tag.toString(e.tag()) + " " + e.vr();
  }
}
