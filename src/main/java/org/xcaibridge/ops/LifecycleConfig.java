package org.xcaibridge.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * How the process tells Kubernetes (or any supervisor) how it is and how it goes away: the bound on the
 * liveness ping through every event loop, how close to expiry a certificate may be before the bridge calls
 * itself unready, and how long in-flight streams may run on after SIGTERM.
 *
 * @param eventLoopTimeout  {@code health.eventLoopTimeout}: an event loop that does not run a task within this is
 *                          stuck, and {@code /health/live} fails
 * @param certificateMargin {@code health.certificateMargin}: a key or trust store certificate that expires within
 *                          this (or has expired, or is not yet valid) makes {@code /health/ready} fail — long
 *                          enough for a rotation to land before peers refuse the handshake
 * @param shutdownGrace     {@code shutdown.grace}: after SIGTERM, the longest in-flight requests may take to
 *                          finish before the servers close anyway (keep it under the pod's
 *                          terminationGracePeriodSeconds)
 */
public record LifecycleConfig(Duration eventLoopTimeout, Duration certificateMargin, Duration shutdownGrace) {
  static final Duration DEFAULT_EVENT_LOOP_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DEFAULT_CERTIFICATE_MARGIN = Duration.ofDays(1);
  static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  static final LifecycleConfig DEFAULT = new LifecycleConfig(DEFAULT_EVENT_LOOP_TIMEOUT, DEFAULT_CERTIFICATE_MARGIN,
      DEFAULT_SHUTDOWN_GRACE);

  public LifecycleConfig {
    Objects.requireNonNull(eventLoopTimeout, "eventLoopTimeout");
    Objects.requireNonNull(certificateMargin, "certificateMargin");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
  }

  static LifecycleConfig read(ConfigReader health, ConfigReader shutdown) {
    return new LifecycleConfig(
        health.duration("eventLoopTimeout", DEFAULT_EVENT_LOOP_TIMEOUT, Duration.ofMillis(10), Duration.ofMinutes(1)),
        health.duration("certificateMargin", DEFAULT_CERTIFICATE_MARGIN, Duration.ZERO, Duration.ofDays(365)),
        shutdown.duration("grace", DEFAULT_SHUTDOWN_GRACE, Duration.ZERO, Duration.ofHours(1)));
  }
}
