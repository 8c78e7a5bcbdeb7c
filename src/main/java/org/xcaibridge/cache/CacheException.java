package org.xcaibridge.cache;

/**
 * Why the cache could not keep or serve an instance. Each kind maps to one answer of the bridge: a full
 * disk and an I/O failure are the bridge's own trouble (503), a refused instance is the upstream's
 * (502), a vanished entry is worth one retry.
 */
public abstract sealed class CacheException extends RuntimeException
    permits CacheException.Full, CacheException.Io, CacheException.Rejected, CacheException.Gone {

  private CacheException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The disk (or the quota) is full: nothing was stored, and the store is unchanged. */
  public static final class Full extends CacheException {
    Full(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Reading or writing the store failed for another reason; nothing partial was stored. */
  public static final class Io extends CacheException {
    Io(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What the upstream sent is not an instance the store can keep under its key (bad Part 10, too large, other UIDs). */
  public static final class Rejected extends CacheException {
    Rejected(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** An entry was evicted between being listed and being opened; asking again starts a new retrieval. */
  public static final class Gone extends CacheException {
    Gone(String message) {
      super(message, null);
    }
  }

  /** A disk-full failure becomes {@link Full}, other I/O failures {@link Io}. */
  static CacheException of(String what, Throwable t) {
    if (t instanceof CacheException c) {
      return c;
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return new Full(what + ": the cache disk is full (" + m + ")", t);
      }
    }
    return new Io(what + ": " + t, t);
  }
}
