package org.xcaibridge.trust;

import java.time.Duration;

/**
 * When the audit forwarder tries the repository again after a failed connection, a failed send, or a connection
 * that broke before what was written on it counted as delivered: exponential backoff with a cap and jitter.
 * Without it a repository that accepts a connection and closes it at once would be reconnected to in a loop.
 *
 * <p>The n-th consecutive failure waits {@code min(maxDelay, initialDelay × factor^(n−1))}, shortened by up to
 * {@code jitter} of itself at random, so that many bridges cut off by one repository restart do not all come
 * back in the same millisecond; jitter only ever shortens, so {@code maxDelay} is a true bound. The count of
 * failures starts again after a delivery (a batch that stayed on its connection for the settle time).
 *
 * @param initialDelay wait after the first failure, ≥ 1 ms
 * @param factor       growth per further failure, 1..16 (1: a constant delay)
 * @param maxDelay     longest wait, ≥ initialDelay
 * @param jitter       largest fraction taken off a wait at random, 0 ≤ jitter < 1 (0: none)
 */
public record AuditReconnectPolicy(Duration initialDelay, double factor, Duration maxDelay, double jitter) {
  /**
   * 250 ms doubling to 30 s, up to 20 % shorter at random: a repository that restarts is used again within
   * 30 s, and one that refuses sees at most about 9 attempts in its first minute.
   */
  public static final AuditReconnectPolicy DEFAULT =
      new AuditReconnectPolicy(Duration.ofMillis(250), 2.0, Duration.ofSeconds(30), 0.2);

  public AuditReconnectPolicy {
    if (initialDelay == null || initialDelay.toMillis() < 1) {
      throw new AuditReconnectPolicyException("initialDelay", String.valueOf(initialDelay), "must be ≥ 1 ms");
    }
    if (!(factor >= 1.0 && factor <= 16.0)) {
      throw new AuditReconnectPolicyException("factor", String.valueOf(factor), "must be 1..16");
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
      throw new AuditReconnectPolicyException("maxDelay", String.valueOf(maxDelay),
          "must be ≥ initialDelay (" + initialDelay + ")");
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new AuditReconnectPolicyException("jitter", String.valueOf(jitter), "must be ≥ 0 and < 1");
    }
  }

  /** The same factor and jitter with other delays. */
  public AuditReconnectPolicy withDelays(Duration initial, Duration max) {
    return new AuditReconnectPolicy(initial, factor, max, jitter);
  }

  /**
   * The wait before the next attempt, in milliseconds (at least 1).
   *
   * @param failures consecutive failures so far, ≥ 1
   * @param random   a uniform sample in [0, 1): 0 waits the full delay, values near 1 take off nearly
   *                 {@code jitter} of it
   */
  public long delayMillis(int failures, double random) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be ≥ 1, was " + failures);
    }
    if (!(random >= 0.0 && random < 1.0)) {
      throw new IllegalArgumentException("random must be in [0, 1), was " + random);
    }
    double cap = maxDelay.toMillis();
    // factor^(n−1) overflows to infinity for large n, and min() then keeps the cap
    double full = Math.min(cap, initialDelay.toMillis() * Math.pow(factor, failures - 1));
    return Math.max(1, Math.round(full * (1.0 - jitter * random)));
  }
}
