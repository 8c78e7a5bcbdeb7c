package org.xcaibridge.soap;

import javax.xml.stream.Location;

/** The document went past one of the {@link XmlLimits}; carries which, its value and the value met. */
public final class XmlLimitException extends XmlInputException {
  private final XmlLimits.Limit limit;
  private final long limitValue;
  private final long actual;

  public XmlLimitException(XmlLimits.Limit limit, long limitValue, long actual, Location where) {
    super(limit.setting() + " is " + limitValue + ", the document reached " + actual, where);
    this.limit = limit;
    this.limitValue = limitValue;
    this.actual = actual;
  }

  public XmlLimits.Limit limit() {
    return limit;
  }

  public long limitValue() {
    return limitValue;
  }

  /**
   * The value met. Reading stops at the first value past the limit, so for counts (depth,
   * attributes) this is the limit plus one, and for sizes it is the size read so far.
   */
  public long actual() {
    return actual;
  }
}
