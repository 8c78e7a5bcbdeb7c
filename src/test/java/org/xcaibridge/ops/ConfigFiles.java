package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.ListAssert;

/** Loads configuration text the way the launcher does, for the configuration tests. */
final class ConfigFiles {
  private ConfigFiles() {}

  static Path write(Path dir, String yaml) throws IOException {
    Path f = dir.resolve("application.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    return f;
  }

  static BridgeConfig load(Path dir, String yaml, Map<String, String> env, String... args) throws Exception {
    LaunchOptions o = LaunchOptions.parse(LaunchOptions.Mode.BRIDGE,
        concat(new String[] {"--config", write(dir, yaml).toString()}, args));
    return ConfigLoader.load(o.configFile(), o.configGiven(), env, o.overrides()).config();
  }

  static BridgeConfig load(Path dir, String yaml) throws Exception {
    return load(dir, yaml, Map.of());
  }

  /** The problems the configuration is refused with. */
  static ListAssert<String> problems(Path dir, String yaml, Map<String, String> env, String... args) {
    ConfigException[] caught = new ConfigException[1];
    assertThatThrownBy(() -> {
      try {
        load(dir, yaml, env, args);
      } catch (ConfigException e) {
        caught[0] = e;
        throw e;
      }
    }).isInstanceOf(ConfigException.class);
    return new ListAssert<>(caught[0].problems());
  }

  static ListAssert<String> problems(Path dir, String yaml) {
    return problems(dir, yaml, Map.of());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
