package org.xcaibridge.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's keytool as a process. Passwords travel in environment variables
 * ({@code -storepass:env}), so they appear in no process listing; stdin is closed so that a prompt
 * fails instead of waiting; output goes to a log file so that a hung keytool cannot block a reader.
 */
final class PkiKeytool {
  static final String STORE_PASS = "XCAI_PKI_STOREPASS";
  static final String CA_PASS = "XCAI_PKI_CAPASS";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int MAX_LOG_CHARS = 2000;

  private final Path keytool;
  private final Path workDir;

  PkiKeytool(Path workDir) {
    this.workDir = workDir;
    String exe = System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool";
    this.keytool = Path.of(System.getProperty("java.home"), "bin", exe);
    if (!Files.isExecutable(keytool)) {
      throw new PkiException("keytool is not in " + keytool.getParent()
          + ": generating the demo PKI needs a Java runtime that ships keytool");
    }
  }

  /** Runs {@code keytool args…} in the work directory with the given password variables. */
  void run(Map<String, String> passwordEnv, String... args) {
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    // each run is a short-lived JVM: starting fast matters more than peak speed (about 3× quicker)
    command.add("-J-XX:TieredStopAtLevel=1");
    command.add("-J-XX:+UseSerialGC");
    command.addAll(List.of(args));
    Path log = workDir.resolve("keytool.log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(passwordEnv);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new PkiException("keytool " + args[0] + " did not finish within " + TIMEOUT);
      }
      if (p.exitValue() != 0) {
        throw new PkiException("keytool " + String.join(" ", args) + " failed (exit " + p.exitValue()
            + "): " + tail(log));
      }
    } catch (IOException e) {
      throw new PkiException("cannot run " + keytool + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PkiException("interrupted while keytool " + args[0] + " ran", e);
    } finally {
      try {
        Files.deleteIfExists(log);
      } catch (IOException ignored) {
        // the work directory is removed or kept clean by the generator
      }
    }
  }

  private static String tail(Path log) throws IOException {
    String s = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
    return s.length() <= MAX_LOG_CHARS ? s : "…" + s.substring(s.length() - MAX_LOG_CHARS);
  }
}
