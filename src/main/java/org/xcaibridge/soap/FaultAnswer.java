package org.xcaibridge.soap;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * How a SOAP responder answers a failure: the fault and its HTTP status. {@link #of(Throwable)} is the one
 * table from this package's failures to faults: what the sender got wrong (bad XML, a DTD, a limit, broken
 * MTOM framing, a body cut short) is an {@code env:Sender} fault with 400, a SOAP 1.1 envelope is
 * {@code env:VersionMismatch}, and anything else is the responder's own {@code env:Receiver} fault; those
 * come with 500 (SOAP 1.2 Part 2 §7.5.2.2, Table 20). Reasons are short, fixed sentences naming the setting
 * or place at fault; they never carry stack traces or message content.
 *
 * <p>A {@link MustUnderstandException} is {@code env:MustUnderstand} with 500, and its header blocks go back in
 * {@code env:NotUnderstood} headers (SOAP 1.2 Part 1 §5.4.8), written by {@link SoapWriter#fault(String,
 * SoapFault, List)}.
 *
 * @param httpStatus    400 or 500
 * @param notUnderstood header blocks to name in {@code env:NotUnderstood} headers; only with a MustUnderstand fault
 */
public record FaultAnswer(int httpStatus, SoapFault fault, List<QName> notUnderstood) {
  public FaultAnswer {
    Objects.requireNonNull(fault, "fault");
    if (httpStatus != 400 && httpStatus != 500) {
      throw new IllegalArgumentException("the SOAP 1.2 HTTP binding answers faults with 400 or 500, not "
          + httpStatus);
    }
    notUnderstood = List.copyOf(notUnderstood);
    if (!notUnderstood.isEmpty() && !SoapFault.MUST_UNDERSTAND.equals(fault.code())) {
      throw new IllegalArgumentException("NotUnderstood headers go with a MustUnderstand fault, not " + fault.code());
    }
  }

  /** A fault without NotUnderstood headers. */
  public FaultAnswer(int httpStatus, SoapFault fault) {
    this(httpStatus, fault, List.of());
  }

  /** {@code env:MustUnderstand} (500) naming each header block not understood. */
  public static FaultAnswer mustUnderstand(List<QName> notUnderstood) {
    if (notUnderstood.isEmpty()) {
      throw new IllegalArgumentException("a MustUnderstand fault names at least one header block");
    }
    return new FaultAnswer(500, SoapFault.of(SoapFault.MUST_UNDERSTAND,
        "header blocks marked mustUnderstand were not understood; NotUnderstood headers name them"), notUnderstood);
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
    if (failure instanceof MustUnderstandException e) {
      return mustUnderstand(e.notUnderstood());
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
