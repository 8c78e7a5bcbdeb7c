package org.xcaibridge.responder;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xcaibridge.responder.ImageArchive.DemographicQuery;
import org.xcaibridge.responder.ImageArchive.PatientMatch;
import org.xcaibridge.responder.ImageArchive.PatientRecord;

/** Scores patients against XCPD demographics as {@link DemographicQuery} describes; one rule for every archive. */
final class DemographicMatcher {
  private DemographicMatcher() {}

  private static final int FAMILY = 35;
  private static final int GIVEN = 25;
  private static final int BIRTH = 30;
  private static final int SEX = 10;

  /** True when the query asks for something: ids, or at least one demographic attribute. */
  static boolean asksAnything(DemographicQuery q) {
    return !q.patientIds().isEmpty() || norm(q.familyName()) != null || norm(q.givenName()) != null
        || date(q.birthDate()) != null || sex(q.sex()) != null;
  }

  static List<PatientMatch> match(DemographicQuery q, Collection<PatientRecord> candidates) {
    assert Workers.notOnEventLoop("matching demographics");
    List<PatientMatch> out = new ArrayList<>();
    for (PatientRecord p : candidates) {
      int score = score(q, p);
      if (score > 0) {
        out.add(new PatientMatch(p, score));
      }
    }
    out.sort(Comparator.comparingInt(PatientMatch::score).reversed()
        .thenComparing(m -> m.patient().id()));
    return out;
  }

  /** 0 when the patient does not match, else the score, 1–100. */
  static int score(DemographicQuery q, PatientRecord p) {
    if (!p.id().isEmpty() && q.patientIds().contains(p.id())) {
      return 100;
    }
    String[] name = splitName(p.name());
    int asked = 0;
    float agreed = 0;
    String family = norm(q.familyName());
    if (family != null) {
      asked += FAMILY;
      if (!family.equals(name[0])) {
        return 0;
      }
      agreed += FAMILY;
    }
    String birth = date(q.birthDate());
    if (birth != null) {
      asked += BIRTH;
      if (!birth.equals(date(p.birthDate()))) {
        return 0;
      }
      agreed += BIRTH;
    }
    String sex = sex(q.sex());
    if (sex != null) {
      asked += SEX;
      String recorded = sex(p.sex());
      if (recorded != null && !recorded.equals(sex)) {
        return 0;
      }
      agreed += recorded == null ? 0 : SEX;
    }
    String given = norm(q.givenName());
    if (given != null) {
      asked += GIVEN;
      if (given.equals(name[1])) {
        agreed += GIVEN;
      } else if (name[1] != null && given.charAt(0) == name[1].charAt(0)
          && (given.length() == 1 || name[1].length() == 1)) {
        agreed += GIVEN / 2f; // an initial agrees with a name it begins
      } else if (name[1] != null) {
        return 0;
      }
    }
    if (asked == 0 || (family == null && birth == null)) {
      return 0; // given name and sex alone identify nobody
    }
    return Math.max(1, Math.round(100 * agreed / asked));
  }

  /** Family and first given name of a PN (its alphabetic group), normalised. */
  private static String[] splitName(String pn) {
    if (pn == null) {
      return new String[2];
    }
    String alphabetic = pn.split("=", -1)[0];
    String[] parts = alphabetic.split("\\^", -1);
    String given = parts.length > 1 ? parts[1].trim().split("\\s+")[0] : null;
    return new String[] {norm(parts[0]), norm(given)};
  }

  /** Lower case, accents and punctuation removed; null when nothing is left. */
  static String norm(String s) {
    if (s == null) {
      return null;
    }
    String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .replaceAll("[^\\p{L}\\p{N}]+", "").toLowerCase(Locale.ROOT);
    return n.isEmpty() ? null : n;
  }

  /** The date part of a DA or HL7 TS, or null. */
  private static String date(String s) {
    if (s == null) {
      return null;
    }
    String d = s.strip().replace("-", "");
    return d.length() >= 8 && d.substring(0, 8).chars().allMatch(Character::isDigit) ? d.substring(0, 8) : null;
  }

  private static String sex(String s) {
    if (s == null) {
      return null;
    }
    String v = s.strip().toUpperCase(Locale.ROOT);
    return v.equals("M") || v.equals("F") || v.equals("O") ? v : null;
  }
}
