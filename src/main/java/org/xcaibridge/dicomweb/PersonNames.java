package org.xcaibridge.dicomweb;

import java.util.ArrayList;
import java.util.List;

/** Matching of PN values (PS3.5 §6.2.1); the rules are stated on {@link QidoMatching}. */
final class PersonNames {
  private PersonNames() {}

  static boolean matches(String key, String value, boolean wildcard, boolean fuzzy) {
    List<String> keyGroups = groups(key);
    List<String> valueGroups = groups(value);
    if (!wildcard && keyGroups.stream().allMatch(String::isEmpty)) {
      return valueGroups.stream().allMatch(String::isEmpty); // "^^^^" is the empty name, written out
    }
    List<String> rawKey = rawGroups(key);
    List<String> rawValue = rawGroups(value);
    if (keyGroups.size() == 1) {
      for (int i = 0; i < valueGroups.size(); i++) {
        if (!rawValue.get(i).isEmpty() && group(keyGroups.get(0), rawKey.get(0), valueGroups.get(i), rawValue.get(i),
            wildcard, fuzzy)) {
          return true;
        }
      }
      return false;
    }
    for (int i = 0; i < keyGroups.size(); i++) {
      String k = keyGroups.get(i);
      boolean present = i < valueGroups.size();
      if (!rawKey.get(i).isEmpty() && !group(k, rawKey.get(i), present ? valueGroups.get(i) : "",
          present ? rawValue.get(i) : "", wildcard, fuzzy)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Wildcards match the group as written, without its trailing empty components, or with all five
   * components written out ({@code Doe^*} finds {@code Doe^^^^} and {@code Doe}, {@code *^*} finds
   * {@code ^^^^}); single values compare the forms without trailing empty components.
   */
  private static boolean group(String key, String rawKey, String value, String rawValue, boolean wildcard,
                               boolean fuzzy) {
    if (wildcard) {
      return QidoMatching.glob(rawKey, rawValue) || QidoMatching.glob(key, value)
          || QidoMatching.glob(key, padded(value));
    }
    return key.equals(value) || (fuzzy && prefixesOfWords(key, value));
  }

  /** The group with all five components written out (PS3.5 §6.2.1.1), so that {@code Doe^*} finds {@code Doe}. */
  private static String padded(String group) {
    long carets = group.chars().filter(c -> c == '^').count();
    return carets >= 4 ? group : group + "^".repeat((int) (4 - carets));
  }

  private static List<String> rawGroups(String pn) {
    List<String> out = new ArrayList<>(3);
    for (String g : pn.split("=", -1)) {
      out.add(QidoMatching.fold(g.trim()));
    }
    return out;
  }

  /** Each word of the key begins some word of the name. */
  private static boolean prefixesOfWords(String key, String value) {
    List<String> names = words(value);
    for (String k : words(key)) {
      if (names.stream().noneMatch(n -> n.startsWith(k))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.split("[\\^ ,]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** The component groups, case-folded, each without trailing empty components or spaces. */
  private static List<String> groups(String pn) {
    List<String> out = new ArrayList<>(3);
    for (String g : pn.split("=", -1)) {
      String folded = QidoMatching.fold(g.trim());
      int end = folded.length();
      while (end > 0 && (folded.charAt(end - 1) == '^' || folded.charAt(end - 1) == ' ')) {
        end--;
      }
      out.add(folded.substring(0, end));
    }
    return out;
  }
}
