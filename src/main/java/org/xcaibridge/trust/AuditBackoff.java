package org.xcaibridge.trust;

import java.util.function.DoubleSupplier;

/**
 * The forwarder's count of consecutive failures under an {@link AuditReconnectPolicy}: each failure asks for the
 * next wait, a delivery starts the count again. Kept apart from the forwarder so the sequence of waits can be
 * checked without a clock or a timer. Not thread-safe: used on the trail's context only.
 */
final class AuditBackoff {
  private final AuditReconnectPolicy policy;
  private final DoubleSupplier random;
  private int failures;

  /** @param random uniform samples in [0, 1), for the jitter */
  AuditBackoff(AuditReconnectPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  /** Counts one more failure and returns how long to wait before the next attempt, in milliseconds. */
  long failed() {
    if (failures < Integer.MAX_VALUE) {
      failures++;
    }
    return policy.delayMillis(failures, random.getAsDouble());
  }

  /** Something was delivered: the next failure waits the initial delay again. */
  void delivered() {
    failures = 0;
  }

  /** Consecutive failures since the last delivery. */
  int failures() {
    return failures;
  }
}
