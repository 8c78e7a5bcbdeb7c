package org.xcaibridge.dicom;

/** The input exceeds one of the {@link ReadLimits}; names the limit and the value met. */
public final class DicomLimitException extends DicomParseException {
  private final String limit;
  private final long limitValue;
  private final long actual;

  public DicomLimitException(String limit, long limitValue, long actual, long offset) {
    super(limit + " is " + limitValue + ", input needs " + actual, offset);
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
