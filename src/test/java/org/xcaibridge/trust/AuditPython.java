package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.xcaibridge.dicom.ExternalTools;

/**
 * The independent reader of captured syslog traffic: {@code read_syslog_audits.py}, run by /usr/bin/python3
 * with only its standard library (RFC 5425/5426 framing, RFC 5424 header, xml.etree). Missing python3 skips
 * the test on a developer machine and fails it in CI, like the other external tools.
 */
final class AuditPython {
  private AuditPython() {}

  static void require() {
    boolean present = Files.isExecutable(Path.of(ExternalTools.PYTHON));
    if (!present && ExternalTools.required()) {
      fail(ExternalTools.PYTHON + " is not installed: apt-get install -y python3 — required in CI");
    }
    assumeTrue(present, ExternalTools.PYTHON + " is not installed — skipping");
  }

  /** Runs the reader in mode "tls" (a capture directory) or "udp" (a datagram file) and returns its JSON. */
  static JsonObject read(String mode, Path capture) throws Exception {
    Path script = Path.of(AuditPython.class.getResource("read_syslog_audits.py").toURI());
    ExternalTools.Result r = ExternalTools.run(
        List.of(ExternalTools.PYTHON, script.toString(), mode, capture.toString()), null, 120);
    assertThat(r.exitCode()).as("python reader failed: %s", r.stderr()).isZero();
    return new JsonObject(r.out());
  }
}
