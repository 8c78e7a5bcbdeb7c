package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.ops.ConfigFiles.load;
import static org.xcaibridge.ops.ConfigFiles.problems;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration file is read as data only: an alias bomb, a Java type named by a tag, duplicate keys, deep
 * nesting and an oversized file are refused with a message, quickly, and a sane file still loads afterwards.
 */
class HostileYamlIsRefusedTest {
  @TempDir
  Path dir;

  /** Nine levels of ten aliases each: 10^9 nodes if expanded. */
  @Test
  void aBillionLaughsIsRefused() {
    StringBuilder y = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (int i = 1; i <= 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        y.append(j == 0 ? "" : ",").append("*a").append(i - 1);
      }
      y.append("]\n");
    }
    y.append("workDir: *a9\n");
    long t0 = System.nanoTime();
    problems(dir, y.toString()).singleElement().asString()
        .contains("not usable YAML")
        .contains("Number of aliases for non-scalar nodes exceeds the specified max=" + YamlSource.MAX_COLLECTION_ALIASES);
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds to refuse").isLessThan(5);
  }

  /** A few aliases are fine, as long as the keys are the schema's. */
  @Test
  void aFewAliasesAreAllowed() throws Exception {
    BridgeConfig c = load(dir, """
        front: {host: &loopback 127.0.0.1, port: 9000}
        responder: {host: *loopback, port: 9001}
        """);
    assertThat(c.responder().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void noJavaTypeIsConstructed() {
    problems(dir, "workDir: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
        + "[\"http://127.0.0.1:1/\"]]]]\n").singleElement().asString()
        .contains("not usable YAML").containsIgnoringCase("tag");
    problems(dir, "front: !!java.util.HashMap {port: 1}\n").singleElement().asString().contains("not usable YAML");
  }

  @Test
  void duplicateKeysAreRefused() {
    problems(dir, "front:\n  port: 1\n  port: 2\n").singleElement().asString()
        .contains("not usable YAML").contains("duplicate key port");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "workDir: " + "[".repeat(YamlSource.MAX_NESTING + 5) + "]".repeat(YamlSource.MAX_NESTING + 5) + "\n";
    problems(dir, deep).singleElement().asString().contains("not usable YAML").containsIgnoringCase("nesting");
  }

  @Test
  void anOversizedFileIsRefused() {
    String big = "# " + "x".repeat(YamlSource.MAX_CODE_POINTS + 10) + "\nworkDir: var\n";
    problems(dir, big).singleElement().asString().contains("not usable YAML");
  }

  @Test
  void plainScalarsKeepTheirText() throws Exception {
    // YAML 1.1 types would turn 0700 into 448, "no" into false and 1.10 into 1.1
    BridgeConfig c = load(dir, "identity: {organisationName: no, organisationOid: 1.10}\nworkDir: 0700\n",
        Map.of());
    assertThat(c.identity().organisationName()).isEqualTo("no");
    assertThat(c.identity().organisationOid()).isEqualTo("1.10");
    assertThat(c.workDir()).isEqualTo(Path.of("0700"));
  }
}
