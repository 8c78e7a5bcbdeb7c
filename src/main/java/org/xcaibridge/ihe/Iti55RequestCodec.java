package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.Hl7v3Parts.INTERACTION_ROOT;
import static org.xcaibridge.ihe.Hl7v3Parts.empty;
import static org.xcaibridge.ihe.Hl7v3Parts.ii;
import static org.xcaibridge.ihe.Hl7v3Parts.start;
import static org.xcaibridge.ihe.IheNamespaces.HL7V3;
import static org.xcaibridge.ihe.IheNamespaces.XSI;
import static org.xcaibridge.ihe.IheNamespaces.XSI_PREFIX;

import javax.xml.stream.XMLStreamException;

/** ITI-55 request {@code PRPA_IN201305UV02} (HL7 v3 Normative Edition 2008, ITI TF-2b 3.55.4.1). */
final class Iti55RequestCodec {
  static final String INTERACTION = "PRPA_IN201305UV02";
  static final String TRIGGER = "PRPA_TE201305UV02";

  private Iti55RequestCodec() {}

  static PatientDiscoveryRequest read(XmlIn in) throws IheParseException {
    Ii id = null;
    String creation = null;
    String processing = null;
    Device receiver = null;
    Device sender = null;
    PatientQuery query = null;
    while (in.nextChild()) {
      switch (in.local()) {
        case "id" -> id = Hl7v3Parts.readIi(in);
        case "creationTime" -> {
          creation = in.attr("value");
          in.skip();
        }
        case "processingCode" -> {
          processing = in.attr("code");
          in.skip();
        }
        case "receiver" -> {
          if (receiver == null) {
            receiver = Hl7v3Parts.readDevice(in);
          } else {
            in.skip();
          }
        }
        case "sender" -> sender = Hl7v3Parts.readDevice(in);
        case "controlActProcess" -> {
          while (in.nextChild()) {
            if (in.is("queryByParameter")) {
              query = Hl7v3Parts.readQuery(in);
            } else {
              in.skip();
            }
          }
        }
        default -> in.skip();
      }
    }
    if (id == null || creation == null || receiver == null || sender == null || query == null) {
      throw in.fail("PRPA_IN201305UV02 lacks one of id, creationTime, receiver, sender, queryByParameter");
    }
    return new PatientDiscoveryRequest(id, creation.trim(), processing == null ? "P" : processing.trim(),
        receiver, sender, query);
  }

  static void write(XmlOut out, PatientDiscoveryRequest r) throws XMLStreamException {
    out.root("", INTERACTION, HL7V3, XSI_PREFIX, XSI);
    out.attr("ITSVersion", "XML_1.0");
    ii(out, "id", r.messageId());
    empty(out, "creationTime", "value", r.creationTime());
    empty(out, "interactionId", "root", INTERACTION_ROOT, "extension", INTERACTION);
    empty(out, "processingCode", "code", r.processingCode());
    empty(out, "processingModeCode", "code", "T");
    empty(out, "acceptAckCode", "code", "AL");
    Hl7v3Parts.device(out, "receiver", "RCV", r.receiver());
    Hl7v3Parts.device(out, "sender", "SND", r.sender());
    start(out, "controlActProcess");
    out.attr("classCode", "CACT");
    out.attr("moodCode", "EVN");
    empty(out, "code", "code", TRIGGER, "codeSystem", INTERACTION_ROOT);
    Hl7v3Parts.query(out, r.query(), true);
    out.end();
    out.end();
  }
}
