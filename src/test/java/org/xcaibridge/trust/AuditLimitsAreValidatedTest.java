package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcaibridge.trust.AuditSpoolLimits.FullPolicy;

/** Every limit and setting of the audit trail is checked when it is built, with a message naming it. */
class AuditLimitsAreValidatedTest {
  @Test
  void spoolLimits() {
    assertThat(AuditSpoolLimits.DEFAULT.whenFull()).isEqualTo(FullPolicy.REJECT_NEW);
    assertThatThrownBy(() -> new AuditSpoolLimits(1 << 20, 1 << 16, 479, FullPolicy.REJECT_NEW))
        .hasMessageContaining("maxMessageBytes");
    assertThatThrownBy(() -> new AuditSpoolLimits(1 << 20, 4096, 4096, FullPolicy.REJECT_NEW))
        .hasMessageContaining("segmentBytes");
    assertThatThrownBy(() -> new AuditSpoolLimits(8192, 8192, 4096, FullPolicy.REJECT_NEW))
        .hasMessageContaining("maxSpoolBytes");
    assertThatThrownBy(() -> new AuditSpoolLimits(1 << 20, 1 << 16, 4096, null)).hasMessageContaining("whenFull");
  }

  @Test
  void trailSettings() {
    AuditTrailSettings ok = AuditTrailSettings.of(Path.of("spool"), AuditTrailHarness.HEADER, AuditSamples.CLOCK);
    assertThat(ok.reconnect()).isEqualTo(AuditReconnectPolicy.DEFAULT);
    assertThatThrownBy(() -> ok.withBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(AuditReconnectPolicyException.class).hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> ok.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(AuditReconnectPolicyException.class).hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> new AuditTrailSettings(Path.of("s"), AuditSpoolLimits.DEFAULT, AuditTrailHarness.HEADER,
        AuditSamples.CLOCK, true, AuditReconnectPolicy.DEFAULT, 0, 1))
        .hasMessageContaining("maxBatchMessages");
  }

  @Test
  void tlsTransport() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> new SyslogTlsTransport(vertx, new NetClientOptions(), "127.0.0.1", 6514,
          Duration.ofSeconds(1), 8192)).hasMessageContaining("TLS");
      NetClientOptions tls = new NetClientOptions().setSsl(true);
      assertThatThrownBy(() -> new SyslogTlsTransport(vertx, tls, "127.0.0.1", 0, Duration.ofSeconds(1), 8192))
          .hasMessageContaining("port");
      assertThatThrownBy(() -> new SyslogTlsTransport(vertx, tls, "127.0.0.1", 6514, Duration.ofSeconds(-1), 8192))
          .hasMessageContaining("settleTime");
      assertThatThrownBy(() -> new SyslogTlsTransport(vertx, tls, "127.0.0.1", 6514, Duration.ofSeconds(1), 100))
          .hasMessageContaining("maxMessageBytes");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
