package org.xcaibridge.ops;

import org.xcaibridge.dicom.Uids;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one mapping of the configuration tree as typed values, recording a problem — key path, where the
 * value came from, what is wrong — instead of stopping at the first, and returning the default meanwhile so
 * that every problem of the file is reported at once. Keys it was not built to read are problems too, with a
 * did-you-mean where one is close.
 */
final class ConfigReader {
  static final int MAX_OID_LENGTH = Uids.MAX_LENGTH;
  static final String URN_OID = "urn:oid:";

  /** Problems found so far, and which values came from the environment or the command line. */
  static final class Problems {
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> sources = new HashMap<>();

    void source(String path, String source) {
      sources.put(path, source);
    }

    void add(String path, String what) {
      String from = sources.get(path);
      problems.add((path.isEmpty() ? "(top level)" : path) + (from == null ? "" : " (from " + from + ")")
          + ": " + what);
    }

    int count() {
      return problems.size();
    }

    void throwIfAny() throws ConfigException {
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
    }
  }

  private final String path;
  private final Map<?, ?> values;
  private final List<String> keys;
  private final Problems problems;

  private ConfigReader(String path, Map<?, ?> values, List<String> keys, Problems problems) {
    this.path = path;
    this.values = values;
    this.keys = keys;
    this.problems = problems;
    for (Object k : values.keySet()) {
      if (!(k instanceof String) || !keys.contains(k)) {
        String hint = k instanceof String s ? ConfigSchema.suggest(s, keys).map(x -> " (did you mean " + x + "?)")
            .orElse("") : "";
        problems.add(join(String.valueOf(k)), "unknown key" + hint + "; known here: " + String.join(", ", keys));
      }
    }
  }

  static ConfigReader root(Map<?, ?> values, List<String> keys, Problems problems) {
    return new ConfigReader("", values, keys, problems);
  }

  String path() {
    return path;
  }

  Problems problems() {
    return problems;
  }

  String join(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    return raw(key) != null;
  }

  /** Records a problem of this mapping as a whole (rules between keys). */
  void problem(String what) {
    problems.add(path, what);
  }

  void problem(String key, String what) {
    problems.add(join(key), what);
  }

  /** A nested mapping; an absent one reads as empty, so every key of it takes its default. */
  ConfigReader section(String key, List<String> sectionKeys) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      problem(key, "expected a mapping of keys (" + String.join(", ", sectionKeys) + "), found " + kind(v));
      v = null;
    }
    return new ConfigReader(join(key), v == null ? Map.of() : (Map<?, ?>) v, sectionKeys, problems);
  }

  /** A list of mappings, each read with {@code itemKeys}; absent is an empty list. */
  List<ConfigReader> sections(String key, List<String> itemKeys) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      problem(key, "expected a list, found " + kind(v));
      return List.of();
    }
    List<ConfigReader> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String p = join(key) + "[" + i + "]";
      if (list.get(i) instanceof Map<?, ?> m) {
        out.add(new ConfigReader(p, m, itemKeys, problems));
      } else {
        problems.add(p, "expected a mapping of keys (" + String.join(", ", itemKeys) + "), found " + kind(list.get(i)));
      }
    }
    return out;
  }

  /** A single value as text; null when absent, {@code dflt} after a problem. */
  String text(String key, String dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Map || v instanceof List) {
      problem(key, "expected a single value, found " + kind(v));
      return dflt;
    }
    String s = String.valueOf(v).strip();
    if (s.isEmpty()) {
      problem(key, "must not be empty (leave the key out for the default)");
      return dflt;
    }
    return s;
  }

  int integer(String key, int dflt, int min, int max) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(s);
      if (n >= min && n <= max) {
        return n;
      }
      problem(key, "must be between " + min + " and " + max + ", was " + n);
    } catch (NumberFormatException e) {
      problem(key, "not a whole number: '" + s + "'");
    }
    return dflt;
  }

  int port(String key, int dflt) {
    return integer(key, dflt, 0, 65535);
  }

  boolean flag(String key, boolean dflt) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    switch (s.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        problem(key, "expected true or false, was '" + s + "'");
        return dflt;
    }
  }

  Duration duration(String key, Duration dflt, Duration min, Duration max) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      Duration d = DurationSetting.parse(s).duration();
      if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
        return d;
      }
      problem(key, "must be between " + DurationSetting.format(min) + " and " + DurationSetting.format(max)
          + ", was " + s);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
    }
    return dflt;
  }

  ByteSize size(String key, ByteSize dflt, ByteSize min, ByteSize max) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      ByteSize b = ByteSize.parse(s);
      if (b.compareTo(min) >= 0 && b.compareTo(max) <= 0) {
        return b;
      }
      problem(key, "must be between " + min + " and " + max + ", was " + s);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
    }
    return dflt;
  }

  /** An absolute http or https URL with a host; query and fragment are refused (endpoints have none). */
  URI httpUrl(String key, URI dflt) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getRawQuery() == null
          && u.getRawFragment() == null && u.getRawUserInfo() == null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below, in the same words as any other non-URL
    }
    problem(key, "not an http(s) URL (http://host[:port]/path, no query or credentials): '" + s + "'");
    return dflt;
  }

  /** An OID such as {@code 1.2.840.10008}; {@code urn:oid:} in front is accepted and dropped. */
  String oid(String key, String dflt) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    String bare = s.regionMatches(true, 0, URN_OID, 0, URN_OID.length()) ? s.substring(URN_OID.length()) : s;
    if (Uids.isOid(bare)) {
      return bare;
    }
    problem(key, "not an OID (digits and dots, no leading zeros, at most " + MAX_OID_LENGTH
        + " characters): '" + s + "'");
    return dflt;
  }

  /** A homeCommunityId, written as {@code urn:oid:…} or a bare OID, returned in the {@code urn:oid:} form. */
  String homeCommunityId(String key, String dflt) {
    String oid = oid(key, null);
    return oid == null ? dflt : URN_OID + oid;
  }

  Path path(String key, Path dflt) {
    String s = text(key, null);
    if (s == null) {
      return dflt;
    }
    try {
      return Path.of(s).normalize();
    } catch (InvalidPathException e) {
      problem(key, "not a usable path: " + e.getMessage());
      return dflt;
    }
  }

  /** A list of single values; one text with commas (as environment variables carry lists) is split at them. */
  List<String> texts(String key, List<String> dflt) {
    Object v = raw(key);
    if (v == null) {
      return dflt;
    }
    List<?> items = v instanceof List<?> l ? l : v instanceof Map ? null
        : Arrays.stream(String.valueOf(v).split(",")).map(String::strip).toList();
    if (items == null) {
      problem(key, "expected a list of values, found a mapping");
      return dflt;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      if (item == null || item instanceof Map || item instanceof List || String.valueOf(item).isBlank()) {
        problems.add(join(key) + "[" + i + "]", "expected a single non-empty value, found " + kind(item));
        return dflt;
      }
      out.add(String.valueOf(item).strip());
    }
    return List.copyOf(out);
  }

  private Object raw(String key) {
    if (!keys.contains(key)) {
      throw new IllegalStateException("the schema has no key " + join(key) + ": ConfigSchema and its reader disagree");
    }
    return values.get(key);
  }

  static String kind(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }
}
