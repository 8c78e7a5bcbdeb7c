package org.xcaibridge.trust;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.xcaibridge.trust.AuditMessage.ActiveParticipant;
import org.xcaibridge.trust.AuditMessage.AuditSourceIdentification;
import org.xcaibridge.trust.AuditMessage.CodedValue;
import org.xcaibridge.trust.AuditMessage.EventIdentification;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectIdentification;
import org.xcaibridge.trust.AuditMessage.ValuePair;

/**
 * Writes an {@link AuditMessage} as the XML of DICOM PS3.15 A.5.1: no namespace, elements in the schema's
 * order, UTF-8 with an XML declaration, no BOM (the syslog layer adds one where RFC 5424 §6.4 wants it).
 *
 * <p>Escaping is the JDK StAX writer's ({@code & < > "}); on top of that, characters XML 1.0 cannot carry at
 * all (controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD, line breaks and tabs in attribute values
 * become spaces (a reader's attribute-value normalization would do the same, silently), and a lone CR in text
 * becomes LF (a reader's end-of-line handling would too). What a conformant parser reads back is therefore
 * exactly what {@link #clean} returns.
 */
public final class AuditXmlWriter {
  /** The JDK's own implementation, whatever else is on the class path: its escaping is what we rely on. */
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

  private AuditXmlWriter() {}

  /** The message as UTF-8 XML bytes. */
  public static byte[] toBytes(AuditMessage message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("AuditMessage");
      writeEvent(w, message.event());
      for (ActiveParticipant p : message.activeParticipants()) {
        writeParticipant(w, p);
      }
      writeSource(w, message.auditSource());
      for (ParticipantObjectIdentification o : message.participantObjects()) {
        writeObject(w, o);
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      // the writer only fails on I/O, and a byte array does no I/O
      throw new IllegalStateException("writing an audit message failed", e);
    }
    return out.toByteArray();
  }

  private static void writeEvent(XMLStreamWriter w, EventIdentification e) throws XMLStreamException {
    w.writeStartElement("EventIdentification");
    w.writeAttribute("EventActionCode", e.actionCode().code());
    w.writeAttribute("EventDateTime",
        DateTimeFormatter.ISO_INSTANT.format(e.dateTime().truncatedTo(ChronoUnit.MILLIS)));
    w.writeAttribute("EventOutcomeIndicator", Integer.toString(e.outcome().code()));
    coded(w, "EventID", e.eventId());
    for (CodedValue c : e.eventTypeCodes()) {
      coded(w, "EventTypeCode", c);
    }
    if (e.outcomeDescription() != null) {
      textElement(w, "EventOutcomeDescription", e.outcomeDescription());
    }
    for (CodedValue c : e.purposesOfUse()) {
      coded(w, "PurposeOfUse", c);
    }
    w.writeEndElement();
  }

  private static void writeParticipant(XMLStreamWriter w, ActiveParticipant p) throws XMLStreamException {
    List<CodedValue> roles = p.roleIdCodes();
    if (roles.isEmpty()) {
      w.writeEmptyElement("ActiveParticipant");
    } else {
      w.writeStartElement("ActiveParticipant");
    }
    attribute(w, "UserID", p.userId());
    attribute(w, "AlternativeUserID", p.alternativeUserId());
    attribute(w, "UserName", p.userName());
    w.writeAttribute("UserIsRequestor", Boolean.toString(p.userIsRequestor()));
    attribute(w, "NetworkAccessPointID", p.networkAccessPointId());
    if (p.networkAccessPointType() != null) {
      w.writeAttribute("NetworkAccessPointTypeCode", Integer.toString(p.networkAccessPointType().code()));
    }
    for (CodedValue c : roles) {
      coded(w, "RoleIDCode", c);
    }
    if (!roles.isEmpty()) {
      w.writeEndElement();
    }
  }

  private static void writeSource(XMLStreamWriter w, AuditSourceIdentification s) throws XMLStreamException {
    if (s.typeCodes().isEmpty()) {
      w.writeEmptyElement("AuditSourceIdentification");
    } else {
      w.writeStartElement("AuditSourceIdentification");
    }
    attribute(w, "AuditEnterpriseSiteID", s.enterpriseSiteId());
    attribute(w, "AuditSourceID", s.auditSourceId());
    for (CodedValue c : s.typeCodes()) {
      coded(w, "AuditSourceTypeCode", c);
    }
    if (!s.typeCodes().isEmpty()) {
      w.writeEndElement();
    }
  }

  private static void writeObject(XMLStreamWriter w, ParticipantObjectIdentification o) throws XMLStreamException {
    w.writeStartElement("ParticipantObjectIdentification");
    attribute(w, "ParticipantObjectID", o.objectId());
    if (o.type() != null) {
      w.writeAttribute("ParticipantObjectTypeCode", Integer.toString(o.type().code()));
    }
    if (o.role() != null) {
      w.writeAttribute("ParticipantObjectTypeCodeRole", Integer.toString(o.role().code()));
    }
    coded(w, "ParticipantObjectIDTypeCode", o.idTypeCode());
    if (o.name() != null) {
      textElement(w, "ParticipantObjectName", o.name());
    }
    byte[] query = o.query();
    if (query != null) {
      w.writeStartElement("ParticipantObjectQuery");
      w.writeCharacters(Base64.getEncoder().encodeToString(query));
      w.writeEndElement();
    }
    for (ValuePair d : o.details()) {
      w.writeEmptyElement("ParticipantObjectDetail");
      attribute(w, "type", d.type());
      w.writeAttribute("value", Base64.getEncoder().encodeToString(d.value()));
    }
    w.writeEndElement();
  }

  private static void coded(XMLStreamWriter w, String element, CodedValue c) throws XMLStreamException {
    w.writeEmptyElement(element);
    attribute(w, "csd-code", c.code());
    attribute(w, "codeSystemName", c.codeSystemName());
    attribute(w, "originalText", c.originalText());
  }

  private static void textElement(XMLStreamWriter w, String element, String text) throws XMLStreamException {
    w.writeStartElement(element);
    w.writeCharacters(clean(text, false));
    w.writeEndElement();
  }

  private static void attribute(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    if (value != null) {
      w.writeAttribute(name, clean(value, true));
    }
  }

  /**
   * The text as an XML parser will read it back from our output: characters outside XML 1.0's Char production
   * become U+FFFD; in an attribute, tab/CR/LF become a space; in content, CRLF and lone CR become LF.
   */
  public static String clean(String s, boolean attribute) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      String replacement = null;
      if (!isXmlChar(cp)) {
        replacement = "\uFFFD";
      } else if (attribute && (cp == '\t' || cp == '\n' || cp == '\r')) {
        replacement = " ";
      } else if (!attribute && cp == '\r') {
        replacement = i + 1 < s.length() && s.charAt(i + 1) == '\n' ? "" : "\n";
      }
      if (replacement != null && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (b != null) {
        if (replacement != null) {
          b.append(replacement);
        } else {
          b.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return b == null ? s : b.toString();
  }

  private static boolean isXmlChar(int cp) {
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }
}
