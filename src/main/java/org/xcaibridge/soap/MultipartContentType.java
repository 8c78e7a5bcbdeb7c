package org.xcaibridge.soap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed Content-Type header value (RFC 2045 §5.1): {@code type/subtype} plus parameters, e.g.
 * {@code multipart/related; type="application/xop+xml"; boundary=…; start="<…>"; start-info="application/soap+xml";
 * action="…"}. Type, subtype and parameter names are case-insensitive and kept in lower case; values keep their
 * case. Values may be quoted strings (with backslash escapes) or bare; bare values are read up to the next
 * {@code ;} because several stacks send {@code start=<…>} unquoted although {@code <>@} are tspecials.
 *
 * @param mediaType  {@code type/subtype} in lower case
 * @param parameters parameter names in lower case to values, in header order
 */
public record MultipartContentType(String mediaType, Map<String, String> parameters) {
  /** RFC 2046 §5.1.1 allows 70 characters; a little slack for stacks that exceed it, bounded so the tail stays small. */
  static final int MAX_BOUNDARY_LENGTH = 200;

  public MultipartContentType {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Parses a header value; a syntax error, a duplicate parameter or a missing subtype is a {@link MultipartException}. */
  public static MultipartContentType parse(String value) {
    if (value == null) {
      throw new MultipartException("no Content-Type");
    }
    int n = value.length();
    int semi = value.indexOf(';');
    String type = value.substring(0, semi < 0 ? n : semi).trim().toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    if (slash <= 0 || slash == type.length() - 1 || !isToken(type.substring(0, slash))
        || !isToken(type.substring(slash + 1))) {
      throw new MultipartException("Content-Type '" + value + "' has no valid type/subtype");
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = semi < 0 ? n : semi + 1;
    while (i < n) {
      i = skipBlanks(value, i);
      if (i >= n) {
        break;
      }
      if (value.charAt(i) == ';') { // tolerate empty parameters ";;" and a trailing ";"
        i++;
        continue;
      }
      int eq = value.indexOf('=', i);
      int nextSemi = value.indexOf(';', i);
      if (eq < 0 || (nextSemi >= 0 && nextSemi < eq)) {
        throw new MultipartException("Content-Type parameter without '=' in '" + value + "'");
      }
      String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty() || !isToken(name)) {
        throw new MultipartException("Content-Type parameter name '" + name + "' is not a token");
      }
      i = skipBlanks(value, eq + 1);
      String paramValue;
      if (i < n && value.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = value.charAt(i++);
          if (c == '\\' && i < n) {
            sb.append(value.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            sb.append(c);
          }
        }
        if (!closed) {
          throw new MultipartException("unterminated quoted value of '" + name + "' in Content-Type");
        }
        paramValue = sb.toString();
        i = skipBlanks(value, i);
        if (i < n && value.charAt(i) != ';') {
          throw new MultipartException("unexpected text after the quoted value of '" + name + "' in Content-Type");
        }
      } else {
        int end = value.indexOf(';', i);
        end = end < 0 ? n : end;
        paramValue = value.substring(i, end).trim();
        if (paramValue.isEmpty() || paramValue.indexOf('"') >= 0) {
          throw new MultipartException("Content-Type parameter '" + name + "' has no valid value");
        }
        i = end;
      }
      // a second boundary (or any parameter) could make two readers split the body differently
      if (params.putIfAbsent(name, paramValue) != null) {
        throw new MultipartException("Content-Type parameter '" + name + "' appears twice");
      }
    }
    return new MultipartContentType(type, params);
  }

  /** The value of a parameter (name case-insensitive), or null. */
  public String parameter(String name) {
    return parameters.get(name.toLowerCase(Locale.ROOT));
  }

  public boolean isMultipart() {
    return mediaType.startsWith("multipart/");
  }

  /** The boundary parameter, checked against RFC 2046 §5.1.1 (printable, not ending in a space, bounded). */
  public String boundary() {
    String b = parameter("boundary");
    if (b == null) {
      throw new MultipartException(mediaType + " without a boundary parameter");
    }
    if (b.isEmpty() || b.length() > MAX_BOUNDARY_LENGTH || b.endsWith(" ")) {
      throw new MultipartException("boundary must have 1 to " + MAX_BOUNDARY_LENGTH
          + " characters and not end in a space, was " + b.length() + " characters");
    }
    for (int k = 0; k < b.length(); k++) {
      char c = b.charAt(k);
      if (c < 0x20 || c > 0x7e) {
        throw new MultipartException("boundary contains a character outside printable ASCII at index " + k);
      }
    }
    return b;
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean isToken(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
