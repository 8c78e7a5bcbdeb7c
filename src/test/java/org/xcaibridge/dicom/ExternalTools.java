package org.xcaibridge.dicom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent implementations our tests compare with: dcmtk and pydicom. In CI (environment
 * variable CI set, or -Dxcai.requireTools=true) a missing tool fails the test; on a developer machine
 * the test is skipped with a message.
 */
public final class ExternalTools {
  private ExternalTools() {}

  public static final String PYTHON = "/usr/bin/python3";

  public static boolean required() {
    return System.getenv("CI") != null || Boolean.getBoolean("xcai.requireTools");
  }

  /** Skips (or, in CI, fails) unless the dcmtk command is on the PATH. */
  public static void requireDcmtk(String command) {
    require(onPath(command), command + " (dcmtk) is not installed: apt-get install -y dcmtk");
  }

  /** Skips (or, in CI, fails) unless /usr/bin/python3 can import pydicom and numpy. */
  public static void requirePydicom() {
    boolean ok;
    try {
      ok = run(List.of(PYTHON, "-c", "import pydicom, numpy"), null, 60).exitCode() == 0;
    } catch (IOException e) {
      ok = false;
    }
    require(ok, "pydicom is not installed: apt-get install -y python3-pydicom python3-numpy");
  }

  /** Skips (or, in CI, fails) unless a dicom3tools command (dciodvfy: the IOD checker) is on the PATH. */
  public static void requireDicom3tools(String command) {
    require(onPath(command), command + " (dicom3tools) is not installed: apt-get install -y dicom3tools");
  }

  /** Skips (or, in CI, fails) unless pydicom can decode JPEG, which it does through Pillow. */
  public static void requirePydicomJpeg() {
    requirePydicom();
    boolean ok;
    try {
      ok = run(List.of(PYTHON, "-c", "import PIL.Image"), null, 60).exitCode() == 0;
    } catch (IOException e) {
      ok = false;
    }
    require(ok, "Pillow is not installed: apt-get install -y python3-pil");
  }

  private static void require(boolean present, String message) {
    if (!present && required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  public static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** What a finished process printed. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs a command with an optional stdin, waiting at most {@code timeoutSeconds}. */
  public static Result run(List<String> command, byte[] stdin, int timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread to = drain(p.getInputStream(), out);
    Thread te = drain(p.getErrorStream(), err);
    try {
      if (stdin != null) {
        p.getOutputStream().write(stdin);
      }
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
      }
      to.join();
      te.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + command, e);
    }
    return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      try (in) {
        in.transferTo(to);
      } catch (IOException ignored) {
        // the process ended; what was read is kept
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
