package org.xcaibridge.ops;

import java.util.List;

/**
 * The configuration cannot be used. Each problem names the key path and, where the value came from the
 * environment or the command line, which variable or option set it — {@code communities[1].rad75Url: not an
 * http(s) URL: 'ftp://x'} — so that a person can fix all of them in one go.
 */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
