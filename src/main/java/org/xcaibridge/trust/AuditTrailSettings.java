package org.xcaibridge.trust;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AuditTrail} records and forwards.
 *
 * @param spoolDirectory   the spool's directory (under the bridge's work directory); created if missing
 * @param spoolLimits      size bounds of the spool and its policy when full
 * @param header           the RFC 5424 header fields of this node (HOSTNAME, APP-NAME, PROCID, MSGID)
 * @param clock            the syslog TIMESTAMP of a message is this clock's time when it was recorded
 * @param byteOrderMark    whether MSG starts with the UTF-8 BOM (RFC 5424 §6.4)
 * @param reconnect        when to try the repository again after a failed connection or send, or a connection
 *                         that broke before what was written on it was delivered
 * @param maxBatchMessages most messages read from the spool and written in one go
 * @param maxBatchBytes    about the most bytes written in one go (a batch always holds at least one message)
 */
public record AuditTrailSettings(
    Path spoolDirectory,
    AuditSpoolLimits spoolLimits,
    SyslogHeader header,
    Clock clock,
    boolean byteOrderMark,
    AuditReconnectPolicy reconnect,
    int maxBatchMessages,
    int maxBatchBytes) {

  public AuditTrailSettings {
    Objects.requireNonNull(spoolDirectory, "spoolDirectory");
    Objects.requireNonNull(spoolLimits, "spoolLimits");
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(reconnect, "reconnect");
    if (maxBatchMessages < 1) {
      throw new IllegalArgumentException("maxBatchMessages must be ≥ 1, was " + maxBatchMessages);
    }
    if (maxBatchBytes < 1) {
      throw new IllegalArgumentException("maxBatchBytes must be ≥ 1, was " + maxBatchBytes);
    }
  }

  /**
   * Defaults: {@link AuditSpoolLimits#DEFAULT}, BOM on, {@link AuditReconnectPolicy#DEFAULT} (250 ms doubling
   * up to 30 s: a repository that comes back is used within 30 s), batches of 64 messages / 64 KiB (one batch is
   * one TLS write on the event loop, so it is kept small).
   */
  public static AuditTrailSettings of(Path spoolDirectory, SyslogHeader header, Clock clock) {
    return new AuditTrailSettings(spoolDirectory, AuditSpoolLimits.DEFAULT, header, clock, true,
        AuditReconnectPolicy.DEFAULT, 64, 64 * 1024);
  }

  public AuditTrailSettings withSpoolLimits(AuditSpoolLimits limits) {
    return new AuditTrailSettings(spoolDirectory, limits, header, clock, byteOrderMark, reconnect,
        maxBatchMessages, maxBatchBytes);
  }

  public AuditTrailSettings withReconnect(AuditReconnectPolicy policy) {
    return new AuditTrailSettings(spoolDirectory, spoolLimits, header, clock, byteOrderMark, policy,
        maxBatchMessages, maxBatchBytes);
  }

  /** Shorthand: the current reconnect policy's factor and jitter with other delays. */
  public AuditTrailSettings withBackoff(Duration initial, Duration max) {
    return withReconnect(reconnect.withDelays(initial, max));
  }

  public AuditTrailSettings withByteOrderMark(boolean bom) {
    return new AuditTrailSettings(spoolDirectory, spoolLimits, header, clock, bom, reconnect,
        maxBatchMessages, maxBatchBytes);
  }
}
