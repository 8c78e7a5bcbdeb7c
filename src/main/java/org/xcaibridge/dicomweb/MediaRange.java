package org.xcaibridge.dicomweb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media range of an Accept header (RFC 9110 §12.5.1) with its parameters; names are lower-cased and
 * quoted values unquoted, so that {@code type="application/dicom"} and {@code type=application/dicom} are
 * the same (PS3.18 §8.7). {@code q} is the client's weight, 0 to 1.
 */
public record MediaRange(String type, String subtype, Map<String, String> parameters, double q) {
  public MediaRange {
    parameters = Map.copyOf(parameters);
  }

  public String mediaType() {
    return type + "/" + subtype;
  }

  public String parameter(String name) {
    return parameters.get(name);
  }

  /** Parses a header value (or several joined with commas) into ranges in the order written, q=0 included. */
  public static List<MediaRange> parseAll(String header, String headerName) {
    List<MediaRange> out = new ArrayList<>();
    for (String item : split(header, ',')) {
      if (!item.isBlank()) {
        out.add(parse(item.trim(), headerName));
      }
    }
    return out;
  }

  static MediaRange parse(String item, String headerName) {
    List<String> parts = split(item, ';');
    String mediaType = parts.get(0).trim().toLowerCase(Locale.ROOT);
    int slash = mediaType.indexOf('/');
    if (slash <= 0 || slash == mediaType.length() - 1 || mediaType.indexOf('/', slash + 1) >= 0
        || mediaType.chars().anyMatch(c -> c <= ' ' || c == '"')) {
      throw new DicomWebException.BadRequest(headerName, "'" + item + "' in " + headerName + " is not a media range"
          + " (type/subtype followed by ; parameters)");
    }
    Map<String, String> params = new LinkedHashMap<>();
    double q = 1.0;
    for (int i = 1; i < parts.size(); i++) {
      String p = parts.get(i).trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new DicomWebException.BadRequest(headerName, "the parameter '" + p + "' of '" + item + "' in "
            + headerName + " has no value");
      }
      String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = unquote(p.substring(eq + 1).trim());
      if (name.equals("q")) {
        q = weight(value, item, headerName);
      } else {
        params.put(name, value);
      }
    }
    return new MediaRange(mediaType.substring(0, slash), mediaType.substring(slash + 1), params, q);
  }

  private static double weight(String value, String item, String headerName) {
    try {
      double q = Double.parseDouble(value);
      if (q >= 0 && q <= 1 && value.length() <= 5) {
        return q;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new DicomWebException.BadRequest(headerName, "the weight q=" + value + " of '" + item + "' in "
        + headerName + " is not a number from 0 to 1");
  }

  /** Splits on {@code sep} outside double quotes. */
  static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == sep && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        sb.append(c);
      }
      return sb.toString();
    }
    return v;
  }
}
