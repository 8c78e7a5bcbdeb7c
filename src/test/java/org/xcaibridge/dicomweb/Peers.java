package org.xcaibridge.dicomweb;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.ExternalTools;

/**
 * The independent clients the multipart tests are read by: the JS dicomweb-client with dcmjs (Node, from
 * {@code src/test/js}, installed there by {@code npm ci}, as .ci/run does) and Python's email package.
 * Missing tools skip the test on a developer machine and fail it in CI, as {@link ExternalTools} does.
 */
final class Peers {
  private Peers() {}

  static final Path JS = Path.of("src/test/js");
  static final Path PYTHON_SCRIPT = Path.of("src/test/python/multipart_parts.py");

  static void requireDicomwebClient() {
    boolean present = ExternalTools.onPath("node") && Files.isDirectory(JS.resolve("node_modules/dicomweb-client"))
        && Files.isDirectory(JS.resolve("node_modules/dcmjs"));
    String message = "node and the JS peers are not installed: apt-get install -y nodejs npm; (cd src/test/js && npm ci)";
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  /** Runs {@code wado-client.mjs} with {@code args} and returns what it printed. */
  static JsonObject dicomwebClient(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", JS.resolve("wado-client.mjs").toString()));
    command.addAll(List.of(args));
    return lastJsonLine(ExternalTools.run(command, null, 120));
  }

  /** Runs another script of {@code src/test/js} with {@code args} and returns the JSON line it printed last. */
  static JsonObject node(String script, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("node", JS.resolve(script).toString()));
    command.addAll(List.of(args));
    return lastJsonLine(ExternalTools.run(command, null, 300));
  }

  /** Runs the Python email-package reader against {@code url} with {@code accept}. */
  static JsonObject pythonEmail(String url, String accept) throws IOException {
    return lastJsonLine(ExternalTools.run(List.of(ExternalTools.PYTHON, PYTHON_SCRIPT.toString(), url, accept), null, 120));
  }

  private static JsonObject lastJsonLine(ExternalTools.Result r) throws IOException {
    String[] lines = r.out().trim().split("\n");
    String last = lines[lines.length - 1];
    if (r.exitCode() != 0 || !last.startsWith("{")) {
      throw new IOException("the peer exited with " + r.exitCode() + ": " + r.out() + r.stderr());
    }
    return new JsonObject(last);
  }
}
