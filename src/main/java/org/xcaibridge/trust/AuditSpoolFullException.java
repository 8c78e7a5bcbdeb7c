package org.xcaibridge.trust;

/**
 * The spool is full and its policy is {@link AuditSpoolLimits.FullPolicy#REJECT_NEW}: this message was not
 * recorded. Carries the limit, the bytes spooled and the bytes the message needed.
 */
public final class AuditSpoolFullException extends RuntimeException {
  private final long limit;
  private final long spooledBytes;
  private final long neededBytes;

  public AuditSpoolFullException(long limit, long spooledBytes, long neededBytes) {
    super("audit spool full: " + spooledBytes + " of " + limit + " bytes used, a message needs " + neededBytes);
    this.limit = limit;
    this.spooledBytes = spooledBytes;
    this.neededBytes = neededBytes;
  }

  public long limit() {
    return limit;
  }

  public long spooledBytes() {
    return spooledBytes;
  }

  public long neededBytes() {
    return neededBytes;
  }
}
