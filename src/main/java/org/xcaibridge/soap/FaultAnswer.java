package org.xcaibridge.soap;

import java.util.Objects;

/**
 * How a SOAP responder answers a failure: the fault and its HTTP status. {@link #of(Throwable)} is the one
 * table from this package's failures to faults: what the sender got wrong (bad XML, a DTD, a limit, broken
 * MTOM framing, a body cut short) is an {@code env:Sender} fault with 400, a SOAP 1.1 envelope is
 * {@code env:VersionMismatch}, and anything else is the responder's own {@code env:Receiver} fault; those
 * come with 500 (SOAP 1.2 Part 2 §7.5.2.2, Table 20). Reasons are short, fixed sentences naming the setting
 * or place at fault; they never carry stack traces or message content.
 *
 * @param httpStatus 400 or 500
 */
public record FaultAnswer(int httpStatus, SoapFault fault) {
  public FaultAnswer {
    Objects.requireNonNull(fault, "fault");
    if (httpStatus != 400 && httpStatus != 500) {
      throw new IllegalArgumentException("the SOAP 1.2 HTTP binding answers faults with 400 or 500, not "
          + httpStatus);
    }
  }

  /** The sender's message is at fault (400). */
  public static FaultAnswer sender(String reason) {
    return new FaultAnswer(400, SoapFault.of(SoapFault.SENDER, reason));
  }

  /** The responder failed (500). */
  public static FaultAnswer receiver(String reason) {
    return new FaultAnswer(500, SoapFault.of(SoapFault.RECEIVER, reason));
  }

  /** The answer to a failure met while reading a request or processing it. */
  public static FaultAnswer of(Throwable failure) {
    if (failure instanceof SoapVersionException) {
      return new FaultAnswer(500, SoapFault.of(SoapFault.VERSION_MISMATCH,
          "only SOAP 1.2 envelopes are accepted"));
    }
    if (failure instanceof XmlDoctypeException) {
      return sender("document type declarations and entity references are not accepted");
    }
    if (failure instanceof XmlLimitException e) {
      return sender("the envelope exceeds " + e.limit().setting() + " (" + e.limitValue() + ")");
    }
    if (failure instanceof MtomLimitException e) {
      return sender("the message exceeds " + e.limit() + " (" + e.limitValue() + ")");
    }
    if (failure instanceof MultipartTruncatedException) {
      return sender("the message body ended before its closing MIME boundary");
    }
    if (failure instanceof InlineBase64Exception e) {
      return sender("an inline base64 document cannot be read: " + e.getMessage());
    }
    if (failure instanceof MultipartException e) {
      return sender("the MIME body cannot be read: " + e.getMessage());
    }
    if (failure instanceof SoapEnvelopeException e) {
      return sender("not a SOAP 1.2 envelope we can read: " + e.getMessage());
    }
    if (failure instanceof XmlInputException e) {
      return sender("the envelope is not well-formed XML" + location(e));
    }
    if (failure instanceof SoapFaultException) {
      return sender("a fault is not a request");
    }
    return receiver("the responder could not process the message");
  }

  private static String location(XmlInputException e) {
    return e.line() < 0 ? "" : " (line " + e.line() + ", column " + e.column() + ")";
  }
}
