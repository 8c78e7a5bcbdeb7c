package org.xcaibridge.dicomweb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.VR;

/** Turns one key value into a {@link Matcher} by the rules of PS3.4 §C.2.2.2 for the attribute's VR. */
final class MatchValues {
  private MatchValues() {}

  static Matcher parse(String name, VR vr, String value, int maxUidList) {
    if (value.isEmpty() || value.equals("*")) {
      return new Matcher.Universal(); // §C.2.2.2.3, and §C.2.2.2.4 note: "*" alone is universal matching
    }
    switch (vr.kind()) {
      case SEQUENCE:
        throw new DicomWebException.BadRequest(name, name + " is a sequence: match an attribute inside it, e.g. "
            + name + ".<keyword>=value");
      case BINARY:
      case TAG:
        throw new DicomWebException.BadRequest(name, name + " (" + vr + ") cannot be matched, only returned");
      default:
        break;
    }
    if (vr == VR.UI) {
      return uids(name, value, maxUidList);
    }
    boolean multiValued = vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR;
    if (multiValued && value.indexOf('\\') >= 0) {
      List<Matcher> any = new ArrayList<>();
      for (String v : value.split("\\\\", -1)) {
        any.add(v.isEmpty() ? new Matcher.Universal() : one(name, vr, v));
      }
      return new Matcher.AnyOf(any);
    }
    return one(name, vr, value);
  }

  private static Matcher one(String name, VR vr, String value) {
    boolean wild = value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    if (vr == VR.DA || vr == VR.TM || vr == VR.DT) {
      if (wild) {
        throw new DicomWebException.BadRequest(name, "wildcards do not apply to " + name + " (" + vr
            + "); give a single value or a range such as 20200101-20201231");
      }
      return temporal(name, vr, value.trim());
    }
    if (isNumeric(vr)) {
      if (wild) {
        throw new DicomWebException.BadRequest(name, "wildcards do not apply to " + name + " (" + vr + ")");
      }
      try {
        new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        throw new DicomWebException.BadRequest(name, name + " (" + vr + ") must be a number, was '" + value + "'");
      }
      return new Matcher.Single(value.trim());
    }
    return wild ? new Matcher.Wildcard(value) : new Matcher.Single(value);
  }

  private static Matcher temporal(String name, VR vr, String value) {
    if (DicomTemporal.parse(vr, value, false) != null) {
      return new Matcher.Single(value); // also a DT with a negative UTC offset, whose '-' is not a range
    }
    for (int i = value.indexOf('-'); i >= 0; i = value.indexOf('-', i + 1)) {
      String lower = value.substring(0, i).trim();
      String upper = value.substring(i + 1).trim();
      DicomTemporal.Period lo = lower.isEmpty() ? null : DicomTemporal.parse(vr, lower, false);
      DicomTemporal.Period hi = upper.isEmpty() ? null : DicomTemporal.parse(vr, upper, false);
      if ((lower.isEmpty() || lo != null) && (upper.isEmpty() || hi != null) && !(lower.isEmpty() && upper.isEmpty())) {
        if (lo != null && hi != null && lo.startUtc().isAfter(hi.endUtc())) {
          throw new DicomWebException.BadRequest(name, "the range " + value + " of " + name + " ends before it starts");
        }
        return new Matcher.Range(lower.isEmpty() ? null : lower, upper.isEmpty() ? null : upper);
      }
    }
    throw new DicomWebException.BadRequest(name, "'" + value + "' is not a " + vr + " value or range for " + name
        + " (" + FORMS.get(vr) + ")");
  }

  private static final java.util.Map<VR, String> FORMS = java.util.Map.of(
      VR.DA, "YYYYMMDD, YYYYMMDD-YYYYMMDD, -YYYYMMDD or YYYYMMDD-",
      VR.TM, "HH[MM[SS[.FFFFFF]]], or two of them joined by '-', either end open",
      VR.DT, "YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]][+/-ZZXX], or two of them joined by '-', either end open");

  private static Matcher uids(String name, String value, int maxUidList) {
    if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
      throw new DicomWebException.BadRequest(name, "wildcards do not apply to " + name + " (UI); list the UIDs");
    }
    List<String> uids = new ArrayList<>();
    for (String u : value.split("[,\\\\]", -1)) {
      String uid = u.trim();
      if (uid.isEmpty()) {
        continue;
      }
      if (!isUid(uid)) {
        throw new DicomWebException.BadRequest(name, "'" + uid + "' in " + name + " is not a UID (digits and dots,"
            + " at most 64 characters)");
      }
      if (!uids.contains(uid)) {
        uids.add(uid);
      }
    }
    if (uids.size() > maxUidList) {
      throw new DicomWebException.TooLarge("QidoLimits.maxUidList", maxUidList, uids.size());
    }
    if (uids.isEmpty()) {
      return new Matcher.Universal();
    }
    return uids.size() == 1 ? new Matcher.Single(uids.get(0)) : new Matcher.UidList(uids);
  }

  /** PS3.5 §9.1: digits and dots, at most 64 characters; leading zeros, which old systems write, are tolerated. */
  static boolean isUid(String s) {
    if (s.isEmpty() || s.length() > 64 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  static boolean isNumeric(VR vr) {
    VR.Kind k = vr.kind();
    return k == VR.Kind.INT || k == VR.Kind.FLOAT || k == VR.Kind.DECIMAL_STRING || k == VR.Kind.INTEGER_STRING;
  }
}
