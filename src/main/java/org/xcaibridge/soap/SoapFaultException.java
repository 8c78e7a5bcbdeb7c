package org.xcaibridge.soap;

/** The peer answered with a SOAP fault; carries the fault and the headers it came with. */
public final class SoapFaultException extends Exception {
  private static final int MAX_REASON_IN_MESSAGE = 200;

  private final transient SoapFault fault;
  private final transient SoapHeaders headers;

  public SoapFaultException(SoapFault fault, SoapHeaders headers) {
    super(describe(fault));
    this.fault = fault;
    this.headers = headers;
  }

  public SoapFault fault() {
    return fault;
  }

  public SoapHeaders headers() {
    return headers;
  }

  private static String describe(SoapFault fault) {
    String reason = fault.reasonText();
    if (reason.length() > MAX_REASON_IN_MESSAGE) {
      reason = reason.substring(0, MAX_REASON_IN_MESSAGE) + "…";
    }
    StringBuilder s = new StringBuilder("SOAP fault ").append(fault.code().getLocalPart());
    fault.subcodes().forEach(c -> s.append('/').append(c));
    return s.append(": ").append(reason).toString();
  }
}
