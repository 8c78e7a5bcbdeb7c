package org.xcaibridge.soap;

/** The body exceeds one of the {@link MtomLimits}; names the limit, its setting and the value met. */
public final class MtomLimitException extends MultipartException {
  private final String limit;
  private final long limitValue;
  private final long actual;

  public MtomLimitException(String limit, long limitValue, long actual, long offset) {
    super(limit + " is " + limitValue + ", body needs at least " + actual, offset);
    this.limit = limit;
    this.limitValue = limitValue;
    this.actual = actual;
  }

  /** The name of the {@link MtomLimits} component, e.g. {@code "maxParts"}. */
  public String limit() {
    return limit;
  }

  public long limitValue() {
    return limitValue;
  }

  /** The value the body reached when it was stopped (at least limit + 1). */
  public long actual() {
    return actual;
  }
}
