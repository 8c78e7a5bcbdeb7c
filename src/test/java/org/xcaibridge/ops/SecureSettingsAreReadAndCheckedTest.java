package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcaibridge.ops.ConfigFiles.load;
import static org.xcaibridge.ops.ConfigFiles.problems;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code secure} section: off by default; {@code --secure} and {@code XCAI_SECURE_…} variables set it like any
 * key; a wrong value is refused with its key path.
 */
class SecureSettingsAreReadAndCheckedTest {
  @TempDir
  Path dir;

  @Test
  void offByDefaultOnWithTheFlagAndTheFileAndVariablesGiveTheRest() throws Exception {
    SecureConfig off = load(dir, "front: {port: 9090}\n").secure();
    assertThat(off.enabled()).isFalse();
    assertThat(off.pkiDirectory(Path.of("/w"))).isEqualTo(Path.of("/w/pki"));
    assertThat(off.auditHost()).isNull();

    assertThat(load(dir, "front: {port: 9090}\n", Map.of(), "--secure").secure().enabled()).isTrue();

    SecureConfig on = load(dir, """
        secure: {enabled: true, pkiDirectory: /etc/xcai/pki, clockSkew: 30s, auditHost: audit.example}
        """, Map.of("XCAI_SECURE_AUDIT_PORT", "514", "XCAI_SECURE_AUDIT_TRANSPORT", "UDP")).secure();
    assertThat(on.enabled()).isTrue();
    assertThat(on.pkiDirectory(Path.of("/w"))).isEqualTo(Path.of("/etc/xcai/pki"));
    assertThat(on.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(on.auditHost()).isEqualTo("audit.example");
    assertThat(on.auditPort()).isEqualTo(514);
    assertThat(on.auditTransport()).isEqualTo(SecureConfig.AuditTransport.UDP);
  }

  @Test
  void wrongValuesAreRefusedByKeyPath() {
    problems(dir, """
        secure: {enabled: maybe, clockSkew: 11m, auditHost: "no host", auditPort: 0, auditTransport: pigeon}
        """).anyMatch(p -> p.startsWith("secure.enabled"))
        .anyMatch(p -> p.startsWith("secure.clockSkew"))
        .anyMatch(p -> p.startsWith("secure.auditHost"))
        .anyMatch(p -> p.startsWith("secure.auditPort"))
        .anyMatch(p -> p.startsWith("secure.auditTransport"));
    assertThatThrownBy(() -> load(dir, "front: {port: 9090}\n", Map.of(), "--secure=yes"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--secure is a flag and takes no value");
  }
}
