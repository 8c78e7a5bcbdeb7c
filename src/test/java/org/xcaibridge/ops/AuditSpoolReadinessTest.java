package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xcaibridge.trust.AuditSpoolLimits;
import org.xcaibridge.trust.AuditTrail;

/** The audit spool check: ready below nine tenths of the spool limit, unready from there, and says how full. */
class AuditSpoolReadinessTest {
  private static final long MAX = AuditSpoolLimits.DEFAULT.maxSpoolBytes();
  /** The first byte count at nine tenths or more. */
  private static final long HIGH = (MAX * 9 + 9) / 10;

  private static AuditTrail.Stats spooled(long bytes, long pending) {
    return new AuditTrail.Stats(100, 100 - pending, pending, 0, 0, bytes, 0);
  }

  @Test
  void readyUntilNineTenthsFull() {
    assertThat(ReadinessChecks.auditSpool(spooled(0, 0), MAX).up()).isTrue();
    Health.Check nearly = ReadinessChecks.auditSpool(spooled(HIGH - 1, 40), MAX);
    assertThat(nearly.up()).isTrue();
    assertThat(nearly.detail()).contains("40 records waiting");
    Health.Check full = ReadinessChecks.auditSpool(spooled(HIGH, 41), MAX);
    assertThat(full.up()).isFalse();
    assertThat(full.detail()).contains("not taking records").contains(Long.toString(MAX));
  }
}
