package org.xcaibridge.responder;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.xcaibridge.ihe.Author;
import org.xcaibridge.ihe.Code;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.DocumentEntryType;
import org.xcaibridge.ihe.ReferenceId;

/**
 * Whether a DocumentEntry meets the parameters of FindDocuments / FindDocumentsByReferenceId (ITI TF-2a
 * 3.18.4.1.2.3.7.1, .7.14): codes within one parameter are alternatives and a code without a scheme matches the
 * code in any scheme; a time range takes values from {@code From} inclusive to {@code To} exclusive, each bound
 * standing for the start of the period it names ({@code 2016} is 2016-01-01 00:00:00), and an entry without the
 * time does not meet a range on it; {@code $XDSDocumentEntryType} defaults to stable entries; author persons
 * match with {@code %} and {@code _} as wildcards. {@code ihe.DocumentEntryFilter} only carries the parameters,
 * so the rules live here, beside the entries they are applied to.
 */
final class EntryMatcher {
  private EntryMatcher() {}

  /**
   * @param complete false for an entry from {@link DocumentEntries#preview}: the creation and stop times it lacks
   *                 are not judged
   */
  static boolean matches(DocumentEntryFilter f, DocumentEntry e, boolean complete) {
    List<DocumentEntryType> types = f.entryTypes().isEmpty() ? List.of(DocumentEntryType.STABLE) : f.entryTypes();
    return f.statuses().contains(e.status())
        && types.contains(e.objectType())
        && anyCode(f.classCodes(), e.classCode())
        && anyCode(f.typeCodes(), e.typeCode())
        && anyCode(f.practiceSettingCodes(), e.practiceSettingCode())
        && anyCode(f.healthcareFacilityTypeCodes(), e.healthcareFacilityTypeCode())
        && anyCode(f.formatCodes(), e.formatCode())
        && anyOf(f.eventCodes(), e.eventCodes())
        && anyOf(f.confidentialityCodes(), e.confidentialityCodes())
        && authors(f.authorPersons(), e.authors())
        && inRange(e.serviceStartTime(), f.serviceStartTimeFrom(), f.serviceStartTimeTo())
        && (!complete || inRange(e.serviceStopTime(), f.serviceStopTimeFrom(), f.serviceStopTimeTo()))
        && (!complete || inRange(e.creationTime(), f.creationTimeFrom(), f.creationTimeTo()));
  }

  /**
   * FindDocumentsByReferenceId: one of the entry's referenceIdList values is one of those asked. Value and type
   * must agree; an assigning authority counts only when both sides name one (generators differ there, protocol.md
   * §2.5).
   */
  static boolean anyReference(List<ReferenceId> asked, DocumentEntry e) {
    for (ReferenceId a : asked) {
      for (ReferenceId r : e.referenceIds()) {
        if (a.value().equals(r.value()) && Objects.equals(a.type(), r.type())
            && (a.assigningAuthority() == null || r.assigningAuthority() == null
                || a.assigningAuthority().equals(r.assigningAuthority()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyCode(List<Code> asked, Code value) {
    return asked.isEmpty() || (value != null && asked.stream().anyMatch(a -> same(a, value)));
  }

  private static boolean anyOf(List<Code> asked, List<Code> values) {
    return asked.isEmpty() || values.stream().anyMatch(v -> asked.stream().anyMatch(a -> same(a, v)));
  }

  private static boolean same(Code asked, Code value) {
    return asked.code().equals(value.code())
        && (asked.codingScheme() == null || asked.codingScheme().equals(value.codingScheme()));
  }

  private static boolean authors(List<String> asked, List<Author> authors) {
    if (asked.isEmpty()) {
      return true;
    }
    for (String pattern : asked) {
      Pattern p = like(pattern);
      for (Author a : authors) {
        if (a.person() != null && p.matcher(a.person()).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  /** SQL LIKE as stored queries use it: {@code %} any run, {@code _} any one character, case ignored. */
  private static Pattern like(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static boolean inRange(String value, String from, String to) {
    if (from == null && to == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    String v = DocumentEntries.padded(value);
    return (from == null || v.compareTo(DocumentEntries.padded(from)) >= 0)
        && (to == null || v.compareTo(DocumentEntries.padded(to)) < 0);
  }
}
