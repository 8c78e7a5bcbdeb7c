package org.xcaibridge.soap;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Objects;

/**
 * A SOAP 1.2 message to send over HTTP: the envelope (as {@link SoapWriter} wrote it) and, when it goes as
 * MTOM/XOP, the attachments its {@code xop:Include}s name, in the order they are to be sent. A plain message
 * travels as {@code application/soap+xml}; an MTOM one as {@code multipart/related} (SOAP 1.2 Part 2 §7,
 * SOAP MTOM §3), even with no attachments, as JAX-WS stacks with MTOM on do.
 *
 * @param action      the WS-Addressing action, repeated in the HTTP Content-Type's {@code action} parameter
 *                    (SOAP 1.2 Part 2 §7.1.4; RFC 3902)
 * @param envelope    the envelope, UTF-8
 * @param mtom        whether to send as MTOM/XOP
 * @param attachments for MTOM only; each body is read once, when its turn comes
 */
public record SoapOutbound(String action, Buffer envelope, boolean mtom, List<MtomAttachment> attachments) {
  public SoapOutbound {
    if (action == null || action.isEmpty() || !action.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"'
        && c != '\\')) {
      throw new IllegalArgumentException("action must be a non-empty URI without blanks, quotes or backslashes");
    }
    Objects.requireNonNull(envelope, "envelope");
    attachments = List.copyOf(attachments);
    if (!mtom && !attachments.isEmpty()) {
      throw new IllegalArgumentException("attachments need MTOM: a plain SOAP message carries its content inline");
    }
  }

  /** A plain {@code application/soap+xml} message. */
  public static SoapOutbound plain(String action, Buffer envelope) {
    return new SoapOutbound(action, envelope, false, List.of());
  }

  /** An MTOM/XOP message with the given attachments (possibly none). */
  public static SoapOutbound mtom(String action, Buffer envelope, List<MtomAttachment> attachments) {
    return new SoapOutbound(action, envelope, true, attachments);
  }

  /** The Content-Type of a plain message (SOAP 1.2 Part 2 §7.1.4: the action travels as a media type parameter). */
  String plainContentType() {
    return "application/soap+xml; charset=UTF-8; action=\"" + action + "\"";
  }
}
