package org.xcaibridge.trust;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import org.xcaibridge.dicom.ExternalTools;

/**
 * curl and openssl, the independent TLS peers of the trust tests. Missing on a developer machine they
 * skip the test with a message; in CI they fail it (the same rule as dcmtk and pydicom).
 */
final class TrustTools {
  private TrustTools() {}

  static void requireCurl() {
    require("curl");
  }

  static void requireOpenssl() {
    require("openssl");
  }

  private static void require(String command) {
    boolean present = ExternalTools.onPath(command);
    String message = command + " is not installed: apt-get install -y " + command;
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  /** Runs a command; stdin closed at once, at most 60 s. */
  static ExternalTools.Result run(String... command) throws IOException {
    return ExternalTools.run(List.of(command), new byte[0], 60);
  }
}
