package org.xcaibridge.trust;

/**
 * Bounds of the audit spool on disk, and what happens when it is full.
 *
 * @param maxSpoolBytes   most bytes of all segment files together
 * @param segmentBytes    a segment file is closed and a new one begun before it would pass this size; a segment
 *                        is deleted whole once all its messages are delivered, so this is also the unit dropped
 *                        by {@link FullPolicy#DROP_OLDEST}
 * @param maxMessageBytes largest SYSLOG-MSG (header and XML) that may be recorded
 * @param whenFull        what recording does when the spool is full
 */
public record AuditSpoolLimits(long maxSpoolBytes, long segmentBytes, int maxMessageBytes, FullPolicy whenFull) {
  /** Bytes the spool adds to each message: length, sequence number and CRC-32C. */
  public static final int RECORD_OVERHEAD = 16;

  /**
   * Defaults: 256 MiB hold about a day of a busy gateway's audits (a retrieve audit is 1–3 KiB) while the
   * repository is down; 4 MiB segments; 64 KiB messages fit an ITI-55 query with its base64 payload and
   * still fit one UDP datagram. Full means {@link FullPolicy#REJECT_NEW}.
   */
  public static final AuditSpoolLimits DEFAULT =
      new AuditSpoolLimits(256L << 20, 4L << 20, SyslogUdpTransport.MAX_IPV4_PAYLOAD, FullPolicy.REJECT_NEW);

  /**
   * What recording does when a message would take the spool past {@code maxSpoolBytes}.
   *
   * <p>{@link #REJECT_NEW} is the default: the trail keeps an unbroken history up to the moment the spool
   * filled, and whoever records an event learns at once, from an {@link AuditSpoolFullException}, that it was
   * not recorded (and readiness can say so). {@link #DROP_OLDEST} keeps the newest events instead: it deletes
   * the oldest segment(s), undelivered messages included, counted in {@link AuditTrail.Stats#dropped()}.
   */
  public enum FullPolicy { REJECT_NEW, DROP_OLDEST }

  public AuditSpoolLimits {
    if (maxMessageBytes < SyslogUdpTransport.MIN_MESSAGE_BYTES) {
      throw new IllegalArgumentException("maxMessageBytes must be ≥ " + SyslogUdpTransport.MIN_MESSAGE_BYTES
          + ", was " + maxMessageBytes);
    }
    if (segmentBytes < (long) maxMessageBytes + RECORD_OVERHEAD) {
      throw new IllegalArgumentException("segmentBytes must hold one largest message (" + maxMessageBytes + " + "
          + RECORD_OVERHEAD + " bytes), was " + segmentBytes);
    }
    if (maxSpoolBytes < 2 * segmentBytes) {
      throw new IllegalArgumentException("maxSpoolBytes must be ≥ 2 × segmentBytes (" + 2 * segmentBytes
          + "), was " + maxSpoolBytes);
    }
    if (whenFull == null) {
      throw new IllegalArgumentException("whenFull must be set");
    }
  }
}
