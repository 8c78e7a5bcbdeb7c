package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad options of {@code generate} exit with code 2, a message naming the option, the usage, and no files. */
class GenerateCommandRejectsBadOptionsTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "generate | --out DIR is required",
      "generate --size-mb 5 | --out DIR is required",
      "generate --out | --out needs a value",
      "generate --out OUT --size-mb 0 | --size-mb must be between 1 and 100000, was 0",
      "generate --out OUT --size-mb -3 | --size-mb must be between 1 and 100000, was -3",
      "generate --out OUT --size-mb 100001 | --size-mb must be between 1 and 100000, was 100001",
      "generate --out OUT --size-mb ten | --size-mb must be a whole number, was 'ten'",
      "generate --out OUT --seed 1.5 | --seed must be a whole number, was '1.5'",
      "generate --out OUT --now yesterday | --now must be an instant like 2024-05-01T12:00:00Z, was 'yesterday'",
      "generate --out OUT --colour red | unknown option: --colour",
  })
  void badOptionExitsWithTwoAndSaysWhy(String command, String message) throws Exception {
    String[] args = command.replace("OUT", tmp.resolve("new").toString()).split(" ");
    Outcome o = run(args);
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("generate: " + message).contains("usage:").contains("--size-mb N");
    assertThat(o.out()).isEmpty();
    assertThat(tmp.resolve("new")).doesNotExist();
  }

  @Test
  void nonEmptyDirectoryIsRefusedAndLeftAlone() throws Exception {
    Path keep = Files.writeString(tmp.resolve("notes.txt"), "mine");
    Outcome o = run("generate", "--out", tmp.toString(), "--size-mb", "1");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("is not empty");
    try (var s = Files.list(tmp)) {
      assertThat(s.toList()).containsExactly(keep);
    }
  }

  @Test
  void aFileInsteadOfADirectoryIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Outcome o = run("generate", "--out", file.toString());
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.err()).contains("is not a directory");
  }

  @Test
  void helpNamesTheGenerateCommand() throws Exception {
    Outcome o = run("help");
    assertThat(o.code()).isZero();
    assertThat(o.out()).contains("generate --out DIR [--size-mb N] [--seed S]");
  }

  @Test
  void anUnwritableParentFailsWithExitOne() throws IOException {
    Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = GenerateCommand.run(new String[] {"--out", blocker.resolve("sub").toString(), "--size-mb", "1"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("generate: cannot write under");
  }
}
