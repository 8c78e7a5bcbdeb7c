package org.xcaibridge.dicomweb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;

/**
 * Reads a QIDO-RS query string (PS3.18 §8.3.4 and §10.6.1) into a {@link QidoQuery}. What OHIF, the JS
 * dicomweb-client and the Python client send is accepted (dicomweb.md §1.1): keywords or hex tags,
 * {@code includefield} as one comma list or repeated, UID lists with commas or backslashes,
 * {@code fuzzymatching} always present. A parameter that names no attribute (neither a PS3.6 keyword nor
 * eight hex digits, such as a browser's cache-buster {@code _=1700000000}) is ignored, as PS3.18 §8.3.4
 * lets an origin server do and as Orthanc does (dicomweb.md §7). Anything malformed about a known
 * attribute or parameter is a {@link DicomWebException.BadRequest} that names it and says what is wrong.
 */
public final class QidoQueryParser {
  private static final Set<String> IGNORED = Set.of("accept", "charset");

  private final QidoLimits limits;

  public QidoQueryParser(QidoLimits limits) {
    this.limits = limits;
  }

  /**
   * Parses {@code rawQuery} (the part after {@code ?}, still percent-encoded; null or empty for none) of a
   * search at {@code level}, scoped by the path's UIDs (null when absent).
   */
  public QidoQuery parse(QidoLevel level, String studyUid, String seriesUid, String rawQuery) {
    checkPathUid("StudyInstanceUID", studyUid);
    checkPathUid("SeriesInstanceUID", seriesUid);
    Map<AttributePath, List<String>> keys = new LinkedHashMap<>();
    List<AttributePath> includes = new ArrayList<>();
    boolean includeAll = false;
    Boolean fuzzy = null;
    Boolean empty = null;
    Boolean multiple = null;
    Integer limit = null;
    Integer offset = null;
    for (QueryString.Param p : QueryString.decode(rawQuery)) {
      String name = p.name();
      String value = p.value();
      switch (name) {
        case "includefield":
          for (String f : value.split(",", -1)) {
            String field = f.trim();
            if (field.equals("all")) {
              includeAll = true;
            } else {
              AttributePath path = AttributePath.parse(name, field);
              if (QidoAttributes.allowedAt(path.top(), level)) {
                includes.add(path); // lower-level fields are not returned (PS3.18 §10.6.3.3), so dropped
              }
            }
          }
          break;
        case "fuzzymatching": fuzzy = bool(name, value, fuzzy); break;
        case "emptyvaluematching": empty = bool(name, value, empty); break;
        case "multiplevaluematching": multiple = bool(name, value, multiple); break;
        case "limit": limit = integer(name, value, limit, 1); break;
        case "offset": offset = integer(name, value, offset, 0); break;
        default:
          if (IGNORED.contains(name) || !AttributePath.namesAttribute(name)) {
            break;
          }
          AttributePath path = AttributePath.parse(name, name);
          QidoLevel attributeLevel = QidoAttributes.levelOf(path.top(), level);
          if (!level.isAtOrBelow(attributeLevel)) {
            throw new DicomWebException.BadRequest(name, path + " is a " + attributeLevel.name().toLowerCase()
                + " attribute and cannot narrow a " + level.name().toLowerCase() + " search; search "
                + (attributeLevel == QidoLevel.SERIES ? "/series" : "/instances") + " instead");
          }
          keys.computeIfAbsent(path, k -> new ArrayList<>()).add(value);
      }
    }
    if (keys.size() > limits.maxKeys()) {
      throw new DicomWebException.TooLarge("QidoLimits.maxKeys", limits.maxKeys(), keys.size());
    }
    List<QidoQuery.MatchKey> matchKeys = combineDateTimes(matchKeys(keys));
    int effectiveLimit = limit == null ? limits.defaultLimit() : Math.min(limit, limits.maxResults());
    boolean clamped = limit != null && limit > limits.maxResults();
    return new QidoQuery(level, studyUid, seriesUid, matchKeys, includes, includeAll, Boolean.TRUE.equals(fuzzy),
        Boolean.TRUE.equals(empty), effectiveLimit, offset == null ? 0 : offset, clamped);
  }

  private List<QidoQuery.MatchKey> matchKeys(Map<AttributePath, List<String>> keys) {
    List<QidoQuery.MatchKey> out = new ArrayList<>();
    for (Map.Entry<AttributePath, List<String>> e : keys.entrySet()) {
      AttributePath path = e.getKey();
      VR vr = path.vr();
      List<String> values = e.getValue();
      String name = path.keywords();
      if (values.size() > 1 && vr != VR.UI) {
        throw new DicomWebException.BadRequest(name, name + " is given " + values.size()
            + " times; give it once (several values: separate them with a backslash)");
      }
      out.add(new QidoQuery.MatchKey(path, vr, MatchValues.parse(name, vr, String.join(",", values),
          limits.maxUidList())));
    }
    return out;
  }

  /** Replaces a date range and a time range of the same form on a DA/TM pair by one combined range. */
  private static List<QidoQuery.MatchKey> combineDateTimes(List<QidoQuery.MatchKey> keys) {
    List<QidoQuery.MatchKey> out = new ArrayList<>(keys);
    for (int i = 0; i < out.size(); i++) {
      QidoQuery.MatchKey date = out.get(i);
      if (date.vr() != VR.DA || date.path().isNested() || !(date.matcher() instanceof Matcher.Range dr)) {
        continue;
      }
      Integer timeTag = DATE_TIME_PAIRS.get(date.path().top());
      for (int j = 0; timeTag != null && j < out.size(); j++) {
        QidoQuery.MatchKey time = out.get(j);
        if (!time.path().isNested() && time.path().top() == timeTag && time.matcher() instanceof Matcher.Range tr
            && (dr.lower() == null) == (tr.lower() == null) && (dr.upper() == null) == (tr.upper() == null)) {
          out.set(i, new QidoQuery.MatchKey(date.path(), date.vr(), new Matcher.CombinedDateTime(timeTag, dr, tr)));
          out.set(j, new QidoQuery.MatchKey(time.path(), time.vr(), new Matcher.Universal()));
        }
      }
    }
    return out;
  }

  /** The DA attributes whose TM partner is matched with them as one date-time (PS3.4 §C.2.2.2.5.4). */
  private static final Map<Integer, Integer> DATE_TIME_PAIRS = Map.of(
      Tag.StudyDate, Tag.StudyTime,
      0x00080021, 0x00080031, // SeriesDate, SeriesTime
      0x00080022, 0x00080032, // AcquisitionDate, AcquisitionTime
      0x00080023, 0x00080033, // ContentDate, ContentTime
      0x00080012, 0x00080013, // InstanceCreationDate, InstanceCreationTime
      0x00400244, 0x00400245, // PerformedProcedureStepStartDate, …StartTime
      0x00100030, 0x00100032); // PatientBirthDate, PatientBirthTime

  private static void checkPathUid(String name, String uid) {
    if (uid != null && !MatchValues.isUid(uid)) {
      throw new DicomWebException.BadRequest(name, "'" + uid + "' in the path is not a UID (digits and dots,"
          + " at most 64 characters)");
    }
  }

  private static Boolean bool(String name, String value, Boolean previous) {
    once(name, previous);
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw new DicomWebException.BadRequest(name, name + " must be true or false, was '" + value + "'");
  }

  private static Integer integer(String name, String value, Integer previous, int min) {
    once(name, previous);
    try {
      BigDecimal n = new BigDecimal(value);
      if (n.scale() <= 0 && n.signum() >= 0 && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
          && n.intValue() >= min && value.chars().allMatch(Character::isDigit)) {
        return n.intValue();
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new DicomWebException.BadRequest(name, name + " must be a whole number ≥ " + min + ", was '" + value + "'");
  }

  private static void once(String name, Object previous) {
    if (previous != null) {
      throw new DicomWebException.BadRequest(name, name + " is given more than once");
    }
  }
}
