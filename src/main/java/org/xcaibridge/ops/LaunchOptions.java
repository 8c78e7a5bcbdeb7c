package org.xcaibridge.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command-line options of the two server modes, each turned into a configuration override
 * ({@link ConfigLoader.Override}) so that an option wins over the file and the environment and its value is
 * checked — and reported — by the same rules. {@code --name value} and {@code --name=value} are both accepted;
 * {@code --secure} is a flag without a value.
 *
 * @param configFile  the YAML file to read
 * @param configGiven true when {@code --config} named it (then it must exist)
 * @param help        {@code -h}/{@code --help} was given
 */
record LaunchOptions(Mode mode, Path configFile, boolean configGiven, List<ConfigLoader.Override> overrides,
                     boolean help) {
  /** The bridge with its embedded default, or the responder alone. */
  enum Mode { BRIDGE, RESPONDER }

  /** Options that set one configuration key each, per mode. */
  private static final Map<String, String> BRIDGE_KEYS = Map.of(
      "--work-dir", "workDir", "--host", "front.host", "--port", "front.port",
      "--responder-port", "responder.port", "--data", "responder.folder");
  private static final Map<String, String> RESPONDER_KEYS = Map.of(
      "--work-dir", "workDir", "--host", "responder.host", "--port", "responder.port",
      "--folder", "responder.folder", "--dicomweb", "responder.dicomwebUrl");
  /** The secure demo (a flag, no value): {@code secure.enabled} set. */
  static final String SECURE = "--secure";
  /** Naming one of the responder's archives forgets the other one the file or the environment may name. */
  private static final Map<String, String> CLEARS = Map.of(
      "responder.folder", "responder.dicomwebUrl", "responder.dicomwebUrl", "responder.folder");

  LaunchOptions {
    overrides = List.copyOf(overrides);
  }

  /** @throws IllegalArgumentException for an unknown option or one without its value */
  static LaunchOptions parse(Mode mode, String[] args) {
    Map<String, String> keys = mode == Mode.BRIDGE ? BRIDGE_KEYS : RESPONDER_KEYS;
    Path config = ConfigLoader.DEFAULT_FILE;
    boolean given = false;
    boolean help = false;
    List<ConfigLoader.Override> overrides = new ArrayList<>();
    if (mode == Mode.RESPONDER) {
      overrides.add(ConfigLoader.Override.of("responder.enabled", "true", "the responder command"));
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (name.equals("-h") || name.equals("--help")) {
        help = true;
        continue;
      }
      if (name.equals(SECURE) && !a.equals(SECURE)) {
        throw new IllegalArgumentException(SECURE + " is a flag and takes no value (secure.enabled in the file)");
      }
      if (a.equals(SECURE)) {
        overrides.add(ConfigLoader.Override.of("secure.enabled", "true", SECURE));
        continue;
      }
      if (!name.equals("--config") && !keys.containsKey(name)) {
        List<String> known = new ArrayList<>(keys.keySet());
        known.add("--config");
        known.add(SECURE);
        throw new IllegalArgumentException("unknown option: " + name
            + ConfigSchema.suggest(name, known).map(s -> " (did you mean " + s + "?)").orElse(""));
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (name.equals("--config")) {
        config = Path.of(value);
        given = true;
        continue;
      }
      String key = keys.get(name);
      overrides.add(ConfigLoader.Override.of(key, value, name));
      String cleared = CLEARS.get(key);
      if (cleared != null && overrides.stream().anyMatch(o -> o.source().startsWith("--")
          && ConfigLoader.dotted(o.path()).equals(cleared) && o.value() != null)) {
        throw new IllegalArgumentException("give --folder or --dicomweb, not both: the responder serves one archive");
      }
      if (cleared != null) {
        overrides.add(ConfigLoader.Override.of(cleared, null, name));
      }
    }
    return new LaunchOptions(mode, config, given, overrides, help);
  }
}
