package org.xcaibridge.ihe;

/** The input exceeds one of the {@link IheReadLimits}; names the limit, its value and what was met. */
public final class IheLimitException extends IheParseException {
  private final String limit;
  private final long limitValue;
  private final long actual;

  public IheLimitException(String limit, long limitValue, long actual, int line, int column) {
    super(limit + " is " + limitValue + ", input needs at least " + actual, line, column);
    this.limit = limit;
    this.limitValue = limitValue;
    this.actual = actual;
  }

  public String limit() {
    return limit;
  }

  public long limitValue() {
    return limitValue;
  }

  public long actual() {
    return actual;
  }
}
