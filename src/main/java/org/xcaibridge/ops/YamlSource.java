package org.xcaibridge.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the configuration file into a tree of maps, lists and strings, hardened for a file that may come from
 * anywhere: SnakeYAML's {@link SafeConstructor} (standard YAML types only, never a Java class named by a tag),
 * duplicate keys refused, and limits on size, nesting and aliases so that an alias bomb ("billion laughs") is
 * refused before anything walks its tree.
 *
 * <p>Plain scalars stay text: YAML 1.1 would read {@code 1.20} as a float {@code 1.2}, {@code 0755} as octal,
 * {@code no} as false and a date as a timestamp, each a silent change of what was written. The typed readers
 * ({@link ConfigReader}) parse the text instead, the same way they parse environment variables and options,
 * and say what was wrong with the value as written. Only {@code null}/{@code ~}/empty and the merge key
 * {@code <<} keep their YAML meaning.
 */
final class YamlSource {
  /** Largest file, in characters; a real configuration is a few KiB. */
  static final int MAX_CODE_POINTS = 1 << 20;
  /** Deepest nesting of mappings and lists; the schema itself is three levels deep. */
  static final int MAX_NESTING = 16;
  /** Aliases to mappings or lists in one file: enough to share a block of timeouts, too few to explode. */
  static final int MAX_COLLECTION_ALIASES = 20;

  private YamlSource() {}

  /**
   * The file's top-level mapping; an empty file is an empty mapping.
   *
   * @throws ConfigException naming the file and what is wrong (with line and column where SnakeYAML knows)
   */
  static Map<String, Object> read(Path file) throws ConfigException, IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    }
  }

  static Map<String, Object> parse(Reader in, String name) throws ConfigException {
    Object root;
    try {
      root = yaml().load(in);
    } catch (YAMLException e) {
      throw new ConfigException(List.of(name + ": not usable YAML: " + oneLine(e.getMessage())));
    }
    if (root == null) {
      return new LinkedHashMap<>();
    }
    if (!(root instanceof Map)) {
      throw new ConfigException(List.of(name + ": the top level must be a mapping of keys (workDir, front, …)"));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) root;
    return map;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    return new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
        options, new TextResolver());
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  /** Resolves no implicit types but null and the merge key: every other plain scalar is a string. */
  private static final class TextResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
