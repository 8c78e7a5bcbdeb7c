package org.xcaibridge.ihe;

import java.util.ArrayList;
import java.util.List;

/**
 * Stored-query parameter value syntax (ITI TF-2a 3.18.4.1.2.3.5; examples in protocol.md §2.2): a single
 * string is {@code 'value'}, a list is {@code ('a','b')}, a quote inside a value is doubled. Readers accept
 * unquoted list items and lists spread over several {@code rim:Value}s (both seen in the field).
 */
final class QueryValues {
  private QueryValues() {}

  static String quote(String v) {
    return "'" + v.replace("'", "''") + "'";
  }

  /** A one-item list {@code ('v')}: one per {@code rim:Value} keeps each under ebRIM's 256-char limit. */
  static String listItem(String v) {
    return "(" + quote(v) + ")";
  }

  /** Undoes {@link #quote}; an unquoted value is returned trimmed. */
  static String unquote(String v) {
    String t = v.trim();
    if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
      return t.substring(1, t.length() - 1).replace("''", "'");
    }
    return t;
  }

  /**
   * Splits one list value {@code ('a','b')} (parentheses optional) into its unquoted items. Commas inside
   * quotes belong to the item.
   *
   * @throws IllegalArgumentException on an unterminated quote
   */
  static List<String> parseList(String raw) {
    String t = raw.trim();
    if (t.startsWith("(")) {
      t = t.substring(1);
      if (t.endsWith(")")) {
        t = t.substring(0, t.length() - 1);
      }
    }
    List<String> items = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\'') {
        if (quoted && i + 1 < t.length() && t.charAt(i + 1) == '\'') {
          cur.append('\'');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        add(items, cur);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote in " + raw);
    }
    add(items, cur);
    return items;
  }

  private static void add(List<String> items, StringBuilder cur) {
    String item = cur.toString().trim();
    if (!item.isEmpty()) {
      items.add(item);
    }
    cur.setLength(0);
  }
}
