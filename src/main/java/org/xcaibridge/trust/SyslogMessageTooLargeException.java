package org.xcaibridge.trust;

/**
 * A SYSLOG-MSG is larger than a limit: the spool's {@link AuditSpoolLimits#maxMessageBytes()} when it is
 * recorded, or a transport's {@link SyslogTransport#maxMessageBytes()} (a UDP datagram) when it is sent.
 * Audit XML cannot be cut without breaking it, so such a message is refused, never truncated.
 */
public final class SyslogMessageTooLargeException extends RuntimeException {
  private final long limit;
  private final long size;

  public SyslogMessageTooLargeException(long limit, long size) {
    super("syslog message of " + size + " bytes is over the limit of " + limit + " bytes");
    this.limit = limit;
    this.size = size;
  }

  public long limit() {
    return limit;
  }

  public long size() {
    return size;
  }
}
