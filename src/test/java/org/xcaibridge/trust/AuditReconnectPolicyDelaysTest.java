package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reconnect policy's waits, computed without a clock or a timer: growth by the factor up to the cap, jitter
 * that only shortens and stays within its fraction, the count of failures starting again after a delivery, and
 * every setting checked when the policy is built.
 */
class AuditReconnectPolicyDelaysTest {
  private static final double NEARLY_ONE = Math.nextDown(1.0);

  @Test
  void theDefaultDoublesFrom250MillisecondsTo30Seconds() {
    AuditReconnectPolicy p = AuditReconnectPolicy.DEFAULT;
    List<Long> full = new ArrayList<>();
    for (int failures = 1; failures <= 10; failures++) {
      full.add(p.delayMillis(failures, 0.0));
    }
    assertThat(full).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
    assertThat(p.delayMillis(Integer.MAX_VALUE, 0.0)).as("no overflow far out").isEqualTo(30000L);
    assertThat(p.delayMillis(1, NEARLY_ONE)).as("20 %% jitter off 250 ms").isEqualTo(200L);
    assertThat(p.delayMillis(8, NEARLY_ONE)).as("20 %% jitter off the cap").isEqualTo(24000L);
  }

  @Test
  void jitterOnlyShortensAndStaysWithinItsFraction() {
    AuditReconnectPolicy p = new AuditReconnectPolicy(Duration.ofMillis(100), 3.0, Duration.ofSeconds(5), 0.5);
    Random random = new Random(7);
    for (int failures = 1; failures <= 12; failures++) {
      long full = p.delayMillis(failures, 0.0);
      assertThat(full).isEqualTo(Math.min(5000L, Math.round(100 * Math.pow(3, failures - 1))));
      for (int i = 0; i < 200; i++) {
        long d = p.delayMillis(failures, random.nextDouble());
        assertThat(d).as("failure %d", failures).isBetween(Math.round(full * 0.5), full);
      }
    }
    assertThat(p.delayMillis(2, 0.5)).isEqualTo(225L);
  }

  @Test
  void factorOneIsAConstantDelayAndTheWaitIsNeverZero() {
    AuditReconnectPolicy constant = new AuditReconnectPolicy(Duration.ofMillis(75), 1.0, Duration.ofMillis(75), 0);
    for (int failures = 1; failures <= 50; failures++) {
      assertThat(constant.delayMillis(failures, 0.9)).isEqualTo(75L);
    }
    AuditReconnectPolicy tiny = new AuditReconnectPolicy(Duration.ofMillis(1), 2.0, Duration.ofMillis(1), 0.9);
    assertThat(tiny.delayMillis(1, NEARLY_ONE)).isEqualTo(1L);
  }

  @Test
  void aDeliveryStartsTheCountAgain() {
    AuditBackoff backoff = new AuditBackoff(AuditReconnectPolicy.DEFAULT, () -> 0.0);
    assertThat(List.of(backoff.failed(), backoff.failed(), backoff.failed())).containsExactly(250L, 500L, 1000L);
    assertThat(backoff.failures()).isEqualTo(3);
    backoff.delivered();
    assertThat(backoff.failures()).isZero();
    assertThat(backoff.failed()).isEqualTo(250L);
    for (int i = 0; i < 100; i++) {
      backoff.failed();
    }
    assertThat(backoff.failed()).as("stays at the cap").isEqualTo(30000L);
  }

  @Test
  void theRandomSampleGoesIntoTheJitter() {
    double[] samples = {0.0, 0.5, NEARLY_ONE};
    int[] i = {0};
    AuditBackoff backoff = new AuditBackoff(
        new AuditReconnectPolicy(Duration.ofMillis(400), 2.0, Duration.ofSeconds(1), 0.5), () -> samples[i[0]++]);
    assertThat(List.of(backoff.failed(), backoff.failed(), backoff.failed())).containsExactly(400L, 600L, 500L);
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    Duration ms = Duration.ofMillis(1);
    Duration s = Duration.ofSeconds(1);
    assertRefused("initialDelay", () -> new AuditReconnectPolicy(Duration.ZERO, 2, s, 0));
    assertRefused("initialDelay", () -> new AuditReconnectPolicy(Duration.ofNanos(999_999), 2, s, 0));
    assertRefused("initialDelay", () -> new AuditReconnectPolicy(null, 2, s, 0));
    assertRefused("factor", () -> new AuditReconnectPolicy(ms, 0.99, s, 0));
    assertRefused("factor", () -> new AuditReconnectPolicy(ms, 16.5, s, 0));
    assertRefused("factor", () -> new AuditReconnectPolicy(ms, Double.NaN, s, 0));
    assertRefused("maxDelay", () -> new AuditReconnectPolicy(s, 2, ms, 0));
    assertRefused("maxDelay", () -> new AuditReconnectPolicy(ms, 2, null, 0));
    assertRefused("jitter", () -> new AuditReconnectPolicy(ms, 2, s, -0.01));
    assertRefused("jitter", () -> new AuditReconnectPolicy(ms, 2, s, 1.0));
    assertRefused("jitter", () -> new AuditReconnectPolicy(ms, 2, s, Double.NaN));
    assertThat(new AuditReconnectPolicy(ms, 16, ms, 0.99).factor()).isEqualTo(16.0);

    assertThatThrownBy(() -> AuditReconnectPolicy.DEFAULT.delayMillis(0, 0.0)).hasMessageContaining("failures");
    assertThatThrownBy(() -> AuditReconnectPolicy.DEFAULT.delayMillis(1, 1.0)).hasMessageContaining("random");
  }

  private static void assertRefused(String setting, Runnable build) {
    assertThatThrownBy(build::run).isInstanceOfSatisfying(AuditReconnectPolicyException.class,
        e -> {
          assertThat(e.setting()).isEqualTo(setting);
          assertThat(e.getMessage()).contains(setting).contains(e.value());
        });
  }
}
