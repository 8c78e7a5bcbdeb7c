package org.xcaibridge.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@link BridgeConfig} from three layers, each overriding the one before: the YAML file (or the
 * built-in defaults when the default file is absent), environment variables ({@code XCAI_…}, see
 * {@link ConfigSchema}) and command-line options. Every problem of every layer is collected and reported at
 * once ({@link ConfigException}); an {@code XCAI_} variable that names no key is one, as is an unknown key in the
 * file — a typo must not silently leave a default in place.
 */
final class ConfigLoader {
  static final Path DEFAULT_FILE = Path.of("conf", "application.yaml");

  /**
   * A value set from outside the file: a key path (strings, and an index after {@code communities}), the value
   * as text (null removes the key) and where it came from, for messages.
   */
  record Override(List<Object> path, String value, String source) {
    Override {
      path = List.copyOf(path);
    }

    static Override of(String dotted, String value, String source) {
      return new Override(List.of((Object[]) dotted.split("\\.")), value, source);
    }
  }

  /** The configuration, and a sentence saying where it came from, for the start-up log. */
  record Loaded(BridgeConfig config, String origin) {}

  private ConfigLoader() {}

  /**
   * @param file     the YAML file
   * @param explicit true when the file was named ({@code --config}): then it must exist; the default file may be
   *                 absent, and the built-in defaults apply
   */
  static Loaded load(Path file, boolean explicit, Map<String, String> env, List<Override> options)
      throws ConfigException {
    Map<String, Object> tree;
    String origin;
    if (Files.exists(file)) {
      try {
        tree = YamlSource.read(file);
      } catch (IOException e) {
        throw new ConfigException(List.of(file + ": cannot be read: " + e));
      }
      origin = file.toAbsolutePath().normalize().toString();
    } else if (explicit) {
      throw new ConfigException(List.of(file + ": no such configuration file (--config)"));
    } else {
      tree = new LinkedHashMap<>();
      origin = "built-in defaults (no " + file + ")";
    }
    ConfigReader.Problems problems = new ConfigReader.Problems();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!e.getKey().startsWith(ConfigSchema.ENV_PREFIX)) {
        continue;
      }
      Optional<List<Object>> path = ConfigSchema.pathOfEnv(e.getKey());
      if (path.isEmpty()) {
        problems.add("environment variable " + e.getKey(), "names no configuration key"
            + ConfigSchema.suggestEnv(e.getKey()).map(s -> " (did you mean " + s + "?)").orElse(""));
        continue;
      }
      tree = apply(tree, new Override(path.get(), e.getValue(), "environment variable " + e.getKey()), problems);
    }
    for (Override o : options) {
      tree = apply(tree, o, problems);
    }
    BridgeConfig config = BridgeConfig.read(ConfigReader.root(tree, ConfigSchema.TOP, problems));
    problems.throwIfAny();
    return new Loaded(config, origin);
  }

  /**
   * The tree with the override applied. Only the mappings and lists on the path are copied: the file's tree
   * may share nodes through YAML aliases, and a value set for one community must not appear in another; and
   * nothing else is walked, so an aliased tree is never expanded.
   */
  static Map<String, Object> apply(Map<String, Object> root, Override o, ConfigReader.Problems problems) {
    String where = dotted(o.path());
    problems.source(where, o.source());
    Object result = with(root, o.path(), 0, o.value(), where, problems);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = result instanceof Map ? (Map<String, Object>) result : root;
    return map;
  }

  private static Object with(Object node, List<Object> path, int i, String value, String where,
                             ConfigReader.Problems problems) {
    if (i == path.size()) {
      return value;
    }
    Object step = path.get(i);
    String here = dotted(path.subList(0, i));
    if (step instanceof Integer index) {
      List<Object> list = new ArrayList<>();
      if (node instanceof List<?> l) {
        list.addAll(l);
      } else if (node != null) {
        problems.add(here, "expected a list, found " + ConfigReader.kind(node) + "; cannot set " + where);
        return node;
      }
      if (index > list.size()) {
        problems.add(where, here + " has " + list.size() + " entries: number new entries from " + list.size()
            + " without gaps");
        return node;
      }
      Object child = index < list.size() ? list.get(index) : null;
      Object updated = with(child, path, i + 1, value, where, problems);
      if (index < list.size()) {
        list.set(index, updated);
      } else {
        list.add(updated);
      }
      return list;
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> m) {
      map.putAll(m);
    } else if (node != null) {
      problems.add(here, "expected a mapping, found " + ConfigReader.kind(node) + "; cannot set " + where);
      return node;
    }
    Object updated = with(map.get(step), path, i + 1, value, where, problems);
    if (updated == null) {
      map.remove(step);
    } else {
      map.put(step, updated);
    }
    return map;
  }

  /** {@code [communities, 1, rad75Url]} → {@code communities[1].rad75Url}. */
  static String dotted(List<Object> path) {
    StringBuilder b = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer) {
        b.append('[').append(p).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(p);
      }
    }
    return b.toString();
  }
}
