package org.xcaibridge.ihe;

import java.util.ArrayList;
import java.util.List;

/**
 * HL7 v2 encoding as XDS metadata uses it in CX, CXi and CE strings: components split by {@code ^},
 * sub-components by {@code &}, and the escape sequences {@code \F\ \S\ \T\ \R\ \E\} for the delimiter
 * characters inside a value (HL7 v2.5 §2.7).
 */
final class Hl7v2 {
  private Hl7v2() {}

  static String escape(String v) {
    if (v == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(v.length() + 8);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '|' -> sb.append("\\F\\");
        case '^' -> sb.append("\\S\\");
        case '&' -> sb.append("\\T\\");
        case '~' -> sb.append("\\R\\");
        case '\\' -> sb.append("\\E\\");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Undoes {@link #escape}; an unknown or unterminated escape is kept as it stands. */
  static String unescape(String v) {
    if (v.indexOf('\\') < 0) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 2 < v.length() && v.charAt(i + 2) == '\\') {
        char e = v.charAt(i + 1);
        String r = switch (e) {
          case 'F' -> "|";
          case 'S' -> "^";
          case 'T' -> "&";
          case 'R' -> "~";
          case 'E' -> "\\";
          default -> null;
        };
        if (r != null) {
          sb.append(r);
          i += 2;
          continue;
        }
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Splits on a delimiter without dropping empty trailing parts. */
  static List<String> split(String v, char delimiter) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == delimiter) {
        parts.add(v.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(v.substring(from));
    return parts;
  }

  static String part(List<String> parts, int index) {
    return index < parts.size() ? parts.get(index) : "";
  }

  static String emptyToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
