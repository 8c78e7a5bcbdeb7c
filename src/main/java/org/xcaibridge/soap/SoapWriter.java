package org.xcaibridge.soap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes SOAP 1.2 envelopes with WS-Addressing 1.0 headers (protocol.md §1.4): requests carry
 * {@code wsa:Action} (with a namespace-qualified {@code soap:mustUnderstand="true"}), {@code wsa:MessageID},
 * {@code wsa:ReplyTo} anonymous and {@code wsa:To}; responses and faults carry {@code wsa:Action} and
 * {@code wsa:RelatesTo}. An optional {@code wsse:Security} block follows the addressing headers; the body
 * is written by a callback. Output is UTF-8 with an XML declaration; the output stream is flushed, not
 * closed. Thread-safe if the message id source is.
 */
public final class SoapWriter {
  /** The WS-Addressing action for SOAP faults (WS-Addressing 1.0 SOAP Binding §6). */
  public static final String FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault";

  private final Supplier<UUID> messageIds;

  /** @param messageIds where request message ids come from (random in production, fixed in tests) */
  public SoapWriter(Supplier<UUID> messageIds) {
    this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
  }

  /** A written request and the {@code wsa:MessageID} it carries (a response must relate to it). */
  public record Request(String messageId, byte[] envelope) {}

  public Request request(String action, String to, SecurityHeader security, BodyWriter body)
      throws XMLStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    String id = request(bytes, action, to, security, body);
    return new Request(id, bytes.toByteArray());
  }

  /** Writes a request envelope; returns its {@code wsa:MessageID} ({@code urn:uuid:…}). */
  public String request(OutputStream out, String action, String to, SecurityHeader security,
      BodyWriter body) throws XMLStreamException {
    requireText(action, "action");
    requireText(to, "to");
    String messageId = "urn:uuid:" + Objects.requireNonNull(messageIds.get(), "message id");
    XMLStreamWriter w = start(out);
    action(w, action);
    element(w, "MessageID", messageId);
    w.writeStartElement(Names.P_WSA, "ReplyTo", Names.WSA);
    element(w, "Address", Names.WSA_ANONYMOUS);
    w.writeEndElement();
    element(w, "To", to);
    finish(w, out, security, body);
    return messageId;
  }

  public byte[] response(String action, String relatesTo, SecurityHeader security, BodyWriter body)
      throws XMLStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    response(bytes, action, relatesTo, security, body);
    return bytes.toByteArray();
  }

  /**
   * Writes a response envelope.
   *
   * @param relatesTo the request's {@code wsa:MessageID}, or null when it had none
   */
  public void response(OutputStream out, String action, String relatesTo, SecurityHeader security,
      BodyWriter body) throws XMLStreamException {
    response(out, action, relatesTo, List.of(), security, body);
  }

  private void response(OutputStream out, String action, String relatesTo, List<QName> notUnderstood,
      SecurityHeader security, BodyWriter body) throws XMLStreamException {
    requireText(action, "action");
    XMLStreamWriter w = start(out);
    action(w, action);
    if (relatesTo != null) {
      element(w, "RelatesTo", relatesTo);
    }
    for (int i = 0; i < notUnderstood.size(); i++) {
      notUnderstood(w, notUnderstood.get(i), "nu" + (i + 1));
    }
    finish(w, out, security, body);
  }

  public byte[] fault(String relatesTo, SoapFault fault) throws XMLStreamException {
    return fault(relatesTo, fault, List.of());
  }

  /** A fault envelope with an {@code env:NotUnderstood} header per name (a MustUnderstand fault, §5.4.8). */
  public byte[] fault(String relatesTo, SoapFault fault, List<QName> notUnderstood) throws XMLStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    fault(bytes, relatesTo, fault, notUnderstood);
    return bytes.toByteArray();
  }

  /** Writes a fault envelope with action {@link #FAULT_ACTION}. */
  public void fault(OutputStream out, String relatesTo, SoapFault fault) throws XMLStreamException {
    fault(out, relatesTo, fault, List.of());
  }

  /** Writes a fault envelope with action {@link #FAULT_ACTION} and NotUnderstood headers. */
  public void fault(OutputStream out, String relatesTo, SoapFault fault, List<QName> notUnderstood)
      throws XMLStreamException {
    Objects.requireNonNull(fault, "fault");
    response(out, FAULT_ACTION, relatesTo, List.copyOf(notUnderstood), SecurityHeader.none(),
        w -> FaultCodec.write(w, fault));
  }

  /** {@code <soap:NotUnderstood qname="p:local" xmlns:p="ns"/>}, the prefix declared on the element itself. */
  private static void notUnderstood(XMLStreamWriter w, QName name, String prefix) throws XMLStreamException {
    w.writeEmptyElement(Names.P_SOAP, "NotUnderstood", Names.SOAP12);
    if (name.getNamespaceURI().isEmpty()) {
      w.writeAttribute("qname", name.getLocalPart()); // no default namespace is in scope here
    } else {
      w.writeNamespace(prefix, name.getNamespaceURI());
      w.writeAttribute("qname", prefix + ":" + name.getLocalPart());
    }
  }

  private static XMLStreamWriter start(OutputStream out) throws XMLStreamException {
    XMLStreamWriter w = SecureXml.outputFactory().createXMLStreamWriter(out, "UTF-8");
    w.writeStartDocument("UTF-8", "1.0");
    w.writeStartElement(Names.P_SOAP, "Envelope", Names.SOAP12);
    w.writeNamespace(Names.P_SOAP, Names.SOAP12);
    w.writeNamespace(Names.P_WSA, Names.WSA);
    w.writeStartElement(Names.P_SOAP, "Header", Names.SOAP12);
    return w;
  }

  private static void action(XMLStreamWriter w, String action) throws XMLStreamException {
    w.writeStartElement(Names.P_WSA, "Action", Names.WSA);
    // Qualified: SOAP 1.2 ignores an unqualified mustUnderstand (protocol.md §1.4 pitfall).
    w.writeAttribute(Names.P_SOAP, Names.SOAP12, "mustUnderstand", "true");
    w.writeCharacters(action);
    w.writeEndElement();
  }

  private static void element(XMLStreamWriter w, String wsaName, String text) throws XMLStreamException {
    w.writeStartElement(Names.P_WSA, wsaName, Names.WSA);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private static void finish(XMLStreamWriter w, OutputStream out, SecurityHeader security,
      BodyWriter body) throws XMLStreamException {
    security(w, out, Objects.requireNonNull(security, "security"));
    w.writeEndElement(); // Header
    w.writeStartElement(Names.P_SOAP, "Body", Names.SOAP12);
    GuardedStreamWriter.run(w, Objects.requireNonNull(body, "body"));
    w.writeEndElement(); // Body
    w.writeEndElement(); // Envelope
    w.writeEndDocument();
    w.flush();
    w.close();
  }

  private static void security(XMLStreamWriter w, OutputStream out, SecurityHeader security)
      throws XMLStreamException {
    if (security instanceof SecurityHeader.Spliced) {
      w.writeCharacters(""); // closes a pending start tag, so the splice lands in element content
      w.flush();
      try {
        out.write(((SecurityHeader.Spliced) security).element());
      } catch (IOException e) {
        throw new XMLStreamException("cannot write the security header", e);
      }
    } else if (security instanceof SecurityHeader.Written) {
      GuardedStreamWriter g = GuardedStreamWriter.run(w, ((SecurityHeader.Written) security).writer());
      if (g.topLevelElements() != 1 || !Names.WSSE_SECURITY.equals(g.firstTopLevel())) {
        throw new IllegalStateException("the security header writer must write one wsse:Security element,"
            + " wrote " + g.topLevelElements() + " starting with " + g.firstTopLevel());
      }
    }
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
