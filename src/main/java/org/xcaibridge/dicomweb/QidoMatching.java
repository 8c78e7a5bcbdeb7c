package org.xcaibridge.dicomweb;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xcaibridge.dicom.VR;

/**
 * Whether an entity matches a {@link QidoQuery}, by PS3.4 §C.2.2.2. All keys must match (they are ANDed);
 * a multi-valued attribute matches when any of its values does; a key inside a sequence matches when any
 * item does. An entity without a value for a key matches only universal matching, or any key when the
 * client asked for {@code emptyvaluematching=true}.
 *
 * <p>Person names (the conformance statement of §C.2.2.2.1 and §C.2.2.2.4): matching ignores case; single
 * values ignore trailing empty components ({@code Doe^John^^^} is {@code Doe^John}); wildcards match the
 * name as written or without them. A key of one component group is
 * compared with each group of the name (alphabetic, ideographic, phonetic); a key with several groups is
 * compared group by group, empty key groups matching anything. With {@code fuzzymatching=true} a key
 * without wildcards also matches when each of its words begins a word of the name ({@code jo do} finds
 * {@code Doe^John}).
 */
public final class QidoMatching {
  private QidoMatching() {}

  public static boolean matches(QidoQuery query, AttributeView entity) {
    if (query.studyInstanceUid() != null && !entity.values(org.xcaibridge.dicom.Tag.StudyInstanceUID).isEmpty()
        && !entity.values(org.xcaibridge.dicom.Tag.StudyInstanceUID).contains(query.studyInstanceUid())) {
      return false;
    }
    if (query.seriesInstanceUid() != null && !entity.values(org.xcaibridge.dicom.Tag.SeriesInstanceUID).isEmpty()
        && !entity.values(org.xcaibridge.dicom.Tag.SeriesInstanceUID).contains(query.seriesInstanceUid())) {
      return false;
    }
    for (QidoQuery.MatchKey key : query.keys()) {
      if (!matches(query, key, entity)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(QidoQuery query, QidoQuery.MatchKey key, AttributeView entity) {
    Matcher m = key.matcher();
    if (m instanceof Matcher.Universal) {
      return true;
    }
    if (m instanceof Matcher.CombinedDateTime c) {
      return combined(query, key.path().top(), c, entity);
    }
    List<String> values = leafValues(key.path().tags(), 0, entity);
    if (values.isEmpty()) {
      return query.emptyValueMatching();
    }
    for (String v : values) {
      if (value(m, key.vr(), v.trim(), query.fuzzyMatching())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> leafValues(List<Integer> path, int depth, AttributeView entity) {
    if (depth == path.size() - 1) {
      List<String> values = new ArrayList<>(entity.values(path.get(depth)));
      values.removeIf(String::isEmpty);
      return values;
    }
    List<String> out = new ArrayList<>();
    for (AttributeView item : entity.items(path.get(depth))) {
      out.addAll(leafValues(path, depth + 1, item));
    }
    return out;
  }

  static boolean value(Matcher m, VR vr, String value, boolean fuzzy) {
    if (m instanceof Matcher.Universal) {
      return true;
    }
    if (m instanceof Matcher.AnyOf any) {
      for (Matcher each : any.values()) {
        if (value(each, vr, value, fuzzy)) {
          return true;
        }
      }
      return false;
    }
    if (m instanceof Matcher.UidList list) {
      return list.uids().contains(value);
    }
    if (m instanceof Matcher.Range r) {
      DicomTemporal.Period v = DicomTemporal.parse(vr, value, true);
      return v != null && within(v, bound(vr, r.lower()), bound(vr, r.upper()));
    }
    if (m instanceof Matcher.Single s) {
      if (vr == VR.DA || vr == VR.TM || vr == VR.DT) {
        DicomTemporal.Period v = DicomTemporal.parse(vr, value, true);
        DicomTemporal.Period k = DicomTemporal.parse(vr, s.value(), false);
        return v != null && k != null && within(v, k, k);
      }
      if (MatchValues.isNumeric(vr)) {
        return numbersEqual(s.value(), value);
      }
      if (vr == VR.PN) {
        return PersonNames.matches(s.value(), value, false, fuzzy);
      }
      return s.value().trim().equals(value);
    }
    if (m instanceof Matcher.Wildcard w) {
      return vr == VR.PN ? PersonNames.matches(w.pattern(), value, true, false) : glob(w.pattern(), value);
    }
    if (m instanceof Matcher.CombinedDateTime) {
      throw new IllegalStateException("a combined date-time key is matched on the entity, not on one value");
    }
    throw new IllegalStateException("unknown matcher " + m);
  }

  private static boolean combined(QidoQuery query, int dateTag, Matcher.CombinedDateTime c, AttributeView entity) {
    List<String> dates = leafValues(List.of(dateTag), 0, entity);
    if (dates.isEmpty()) {
      return query.emptyValueMatching();
    }
    List<String> times = leafValues(List.of(c.timeTag()), 0, entity);
    DicomTemporal.Period lo = c.date().lower() == null ? null : DicomTemporal.combine(bound(VR.DA, c.date().lower()),
        bound(VR.TM, c.time().lower()));
    DicomTemporal.Period hi = c.date().upper() == null ? null : DicomTemporal.combine(bound(VR.DA, c.date().upper()),
        bound(VR.TM, c.time().upper()));
    DicomTemporal.Period date = DicomTemporal.parse(VR.DA, dates.get(0).trim(), true);
    if (date == null) {
      return false;
    }
    DicomTemporal.Period time = times.isEmpty() ? null : DicomTemporal.parse(VR.TM, times.get(0).trim(), true);
    if (time == null) {
      // no time of day known: the entity is the whole day, which matches when it meets the range
      return (lo == null || !date.end().isBefore(lo.start())) && (hi == null || !date.start().isAfter(hi.end()));
    }
    return within(DicomTemporal.combine(date, time), lo, hi);
  }

  private static DicomTemporal.Period bound(VR vr, String text) {
    return text == null ? null : DicomTemporal.parse(vr, text, false);
  }

  /** The value's first moment lies from the start of {@code lo} to the end of {@code hi}; null is open. */
  private static boolean within(DicomTemporal.Period v, DicomTemporal.Period lo, DicomTemporal.Period hi) {
    if (lo != null) {
      boolean utc = v.offset() != null && lo.offset() != null;
      LocalDateTime start = utc ? v.startUtc() : v.start();
      if (start.isBefore(utc ? lo.startUtc() : lo.start())) {
        return false;
      }
    }
    if (hi != null) {
      boolean utc = v.offset() != null && hi.offset() != null;
      LocalDateTime start = utc ? v.startUtc() : v.start();
      return !start.isAfter(utc ? hi.endUtc() : hi.end());
    }
    return true;
  }

  private static boolean numbersEqual(String key, String value) {
    try {
      return new BigDecimal(key.trim()).compareTo(new BigDecimal(value.startsWith("+") ? value.substring(1) : value)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code *} is any run of characters, {@code ?} one character (a code point, not a UTF-16 unit). */
  static boolean glob(String pattern, String text) {
    int[] p = pattern.codePoints().toArray();
    int[] t = text.codePoints().toArray();
    int pi = 0;
    int ti = 0;
    int star = -1;
    int mark = 0;
    while (ti < t.length) {
      if (pi < p.length && (p[pi] == '?' || p[pi] == t[ti])) {
        pi++;
        ti++;
      } else if (pi < p.length && p[pi] == '*') {
        star = pi++;
        mark = ti;
      } else if (star >= 0) {
        pi = star + 1;
        ti = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }

  static String fold(String s) {
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
