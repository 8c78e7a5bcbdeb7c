package org.xcaibridge.soap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.namespace.QName;

/**
 * The little of XML syntax that {@link PlainSoapBody} reads itself: the qualified name of each start tag, from
 * the namespace declarations in scope, and the value of a character or predefined entity reference. Malformed
 * input is not reported here; it is left for the XML parser that reads the envelope afterwards.
 */
final class XmlTagScan {
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  private final List<String> prefixes = new ArrayList<>();
  private final List<String> uris = new ArrayList<>();
  private int[] declared = new int[32]; // bindings added by each open element
  private int depth;

  /**
   * A start tag {@code tag[lt, gt]} ({@code <} to {@code >}) opens an element: its declarations come into
   * scope until {@link #close()}.
   *
   * @return the element's qualified name, or null when its prefix is not declared
   */
  QName open(byte[] tag, int lt, int gt) {
    int i = lt + 1;
    int nameEnd = i;
    while (nameEnd < gt && !isSpace(tag[nameEnd]) && tag[nameEnd] != '/') {
      nameEnd++;
    }
    String name = new String(tag, i, nameEnd - i, StandardCharsets.UTF_8);
    if (depth == declared.length) {
      declared = Arrays.copyOf(declared, depth * 2);
    }
    declared[depth++] = declarations(tag, nameEnd, gt, prefixes, uris);
    int colon = name.indexOf(':');
    String uri = resolve(colon < 0 ? "" : name.substring(0, colon));
    return uri == null ? null : new QName(uri, name.substring(colon + 1));
  }

  /** The innermost open element ends (an end tag, or an empty-element tag after {@link #open}). */
  void close() {
    if (depth == 0) {
      return; // a stray end tag: the XML parser will say so
    }
    depth--;
    for (int n = declared[depth]; n > 0; n--) {
      prefixes.remove(prefixes.size() - 1);
      uris.remove(uris.size() - 1);
    }
  }

  private String resolve(String prefix) {
    for (int k = prefixes.size() - 1; k >= 0; k--) {
      if (prefixes.get(k).equals(prefix)) {
        return uris.get(k);
      }
    }
    return prefix.isEmpty() ? "" : prefix.equals("xml") ? XML_NS : null;
  }

  /**
   * Adds the {@code xmlns} and {@code xmlns:p} declarations found among the attributes in {@code tag[from, to)}
   * (after the element name, before {@code >} or {@code />}) to {@code prefixes} and {@code uris} ("" for the
   * default namespace).
   *
   * @return how many were added
   */
  private static int declarations(byte[] tag, int from, int to, List<String> prefixes, List<String> uris) {
    int added = 0;
    int i = from;
    while (true) {
      while (i < to && isSpace(tag[i])) {
        i++;
      }
      int nameStart = i;
      while (i < to && tag[i] != '=' && !isSpace(tag[i]) && tag[i] != '/') {
        i++;
      }
      int nameEnd = i;
      while (i < to && isSpace(tag[i])) {
        i++;
      }
      if (nameEnd == nameStart || i >= to || tag[i] != '=') {
        return added;
      }
      i++;
      while (i < to && isSpace(tag[i])) {
        i++;
      }
      if (i >= to || (tag[i] != '"' && tag[i] != '\'')) {
        return added;
      }
      byte q = tag[i++];
      int valueStart = i;
      while (i < to && tag[i] != q) {
        i++;
      }
      if (i >= to) {
        return added;
      }
      String name = new String(tag, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
      if (name.equals("xmlns") || name.startsWith("xmlns:")) {
        prefixes.add(name.length() == 5 ? "" : name.substring(6));
        uris.add(unescape(new String(tag, valueStart, i - valueStart, StandardCharsets.UTF_8)));
        added++;
      }
      i++;
    }
  }

  /**
   * The character a reference names, given what stands between {@code &} and {@code ;}: {@code #n},
   * {@code #xh} or one of the five predefined entities; -1 for anything else.
   */
  static int referenced(byte[] ref, int len) {
    String s = new String(ref, 0, len, StandardCharsets.US_ASCII);
    switch (s) {
      case "lt":
        return '<';
      case "gt":
        return '>';
      case "amp":
        return '&';
      case "quot":
        return '"';
      case "apos":
        return '\'';
      default:
        break;
    }
    try {
      if (s.startsWith("#x")) {
        return Integer.parseInt(s.substring(2), 16);
      }
      if (s.startsWith("#")) {
        return Integer.parseInt(s.substring(1));
      }
    } catch (NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static String unescape(String v) {
    if (v.indexOf('&') < 0) {
      return v;
    }
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      int semi = v.charAt(i) == '&' ? v.indexOf(';', i) : -1;
      int c = semi > i ? referenced(v.substring(i + 1, semi).getBytes(StandardCharsets.US_ASCII), semi - i - 1) : -1;
      if (c >= 0 && Character.isValidCodePoint(c)) {
        sb.appendCodePoint(c);
        i = semi;
      } else {
        sb.append(v.charAt(i));
      }
    }
    return sb.toString();
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
