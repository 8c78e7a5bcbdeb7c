package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.Hl7v3Parts.INTERACTION_ROOT;
import static org.xcaibridge.ihe.Hl7v3Parts.empty;
import static org.xcaibridge.ihe.Hl7v3Parts.ii;
import static org.xcaibridge.ihe.Hl7v3Parts.start;
import static org.xcaibridge.ihe.IheNamespaces.HL7V3;
import static org.xcaibridge.ihe.IheNamespaces.XSI;
import static org.xcaibridge.ihe.IheNamespaces.XSI_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/** ITI-55 response {@code PRPA_IN201306UV02} (ITI TF-2b 3.55.4.2, protocol.md §6.2). */
final class Iti55ResponseCodec {
  static final String INTERACTION = "PRPA_IN201306UV02";
  static final String TRIGGER = "PRPA_TE201306UV02";

  private Iti55ResponseCodec() {}

  static PatientDiscoveryResponse read(XmlIn in) throws IheParseException {
    Ii id = null;
    String creation = null;
    Device receiver = null;
    Device sender = null;
    String ackCode = null;
    Ii target = null;
    List<String> details = new ArrayList<>();
    QueryResponseCode responseCode = null;
    List<MatchedPatient> subjects = new ArrayList<>();
    List<String> issues = new ArrayList<>();
    PatientQuery query = null;
    while (in.nextChild()) {
      switch (in.local()) {
        case "id" -> id = Hl7v3Parts.readIi(in);
        case "creationTime" -> {
          creation = in.attr("value");
          in.skip();
        }
        case "receiver" -> receiver = receiver == null ? Hl7v3Parts.readDevice(in) : skipped(in, receiver);
        case "sender" -> sender = Hl7v3Parts.readDevice(in);
        case "acknowledgement" -> {
          while (in.nextChild()) {
            if (in.is("typeCode")) {
              ackCode = in.attr("code");
              in.skip();
            } else if (in.is("targetMessage")) {
              while (in.nextChild()) {
                if (in.is("id")) {
                  target = Hl7v3Parts.readIi(in);
                } else {
                  in.skip();
                }
              }
            } else if (in.is("acknowledgementDetail")) {
              while (in.nextChild()) {
                if (in.is("text")) {
                  in.countRepeat(details, "acknowledgementDetails");
                  details.add(in.text());
                } else {
                  in.skip();
                }
              }
            } else {
              in.skip();
            }
          }
        }
        case "controlActProcess" -> {
          while (in.nextChild()) {
            switch (in.local()) {
              case "subject" -> {
                in.countRepeat(subjects, "subjects");
                MatchedPatient p = readSubject(in);
                if (p != null) {
                  subjects.add(p);
                }
              }
              case "reasonOf" -> readIssues(in, issues);
              case "queryAck" -> {
                while (in.nextChild()) {
                  if (in.is("queryResponseCode")) {
                    String raw = in.attr("code");
                    responseCode = QueryResponseCode.fromCode(raw);
                    if (responseCode == null) {
                      throw in.fail("unknown queryResponseCode " + raw);
                    }
                  }
                  in.skip();
                }
              }
              case "queryByParameter" -> query = Hl7v3Parts.readQuery(in);
              default -> in.skip();
            }
          }
        }
        default -> in.skip();
      }
    }
    if (id == null || creation == null || receiver == null || sender == null || ackCode == null
        || responseCode == null) {
      throw in.fail("PRPA_IN201306UV02 lacks one of id, creationTime, receiver, sender, acknowledgement, queryAck");
    }
    return new PatientDiscoveryResponse(id, creation.trim(), receiver, sender, ackCode.trim(), target, details,
        responseCode, subjects, issues, query);
  }

  private static Device skipped(XmlIn in, Device keep) throws IheParseException {
    in.skip();
    return keep;
  }

  /** At {@code subject}; null when it holds no patient. */
  private static MatchedPatient readSubject(XmlIn in) throws IheParseException {
    List<Ii> ids = new ArrayList<>();
    List<Ii> otherIds = new ArrayList<>();
    List<PersonName> names = new ArrayList<>();
    List<PostalAddress> addresses = new ArrayList<>();
    List<Telecom> telecoms = new ArrayList<>();
    String[] v = new String[4]; // gender, birthTime, custodian id, custodian code
    Integer score = null;
    boolean patient = false;
    // subject/registrationEvent/{subject1/patient, custodian/assignedEntity}
    while (in.nextChild()) {
      if (!in.is("registrationEvent")) {
        in.skip();
        continue;
      }
      while (in.nextChild()) {
        if (in.is("subject1")) {
          while (in.nextChild()) {
            if (!in.is("patient")) {
              in.skip();
              continue;
            }
            patient = true;
            while (in.nextChild()) {
              switch (in.local()) {
                case "id" -> add(in, ids, Hl7v3Parts.readIi(in));
                case "patientPerson" -> {
                  while (in.nextChild()) {
                    switch (in.local()) {
                      case "name" -> {
                        in.countRepeat(names, "names");
                        names.add(Hl7v3Parts.readName(in));
                      }
                      case "telecom" -> {
                        in.countRepeat(telecoms, "telecoms");
                        telecoms.add(Hl7v3Parts.readTelecom(in));
                      }
                      case "administrativeGenderCode" -> v[0] = attrThenSkip(in, "code");
                      case "birthTime" -> v[1] = attrThenSkip(in, "value");
                      case "addr" -> {
                        in.countRepeat(addresses, "addresses");
                        addresses.add(Hl7v3Parts.readAddress(in));
                      }
                      case "asOtherIDs" -> {
                        while (in.nextChild()) {
                          if (in.is("id")) {
                            add(in, otherIds, Hl7v3Parts.readIi(in));
                          } else {
                            in.skip();
                          }
                        }
                      }
                      default -> in.skip();
                    }
                  }
                }
                case "subjectOf1" -> {
                  while (in.nextChild()) {
                    if (in.is("queryMatchObservation")) {
                      score = Hl7v3Parts.intValue(in, "value", "queryMatchObservation value");
                    } else {
                      in.skip();
                    }
                  }
                }
                default -> in.skip();
              }
            }
          }
        } else if (in.is("custodian")) {
          while (in.nextChild()) {
            if (!in.is("assignedEntity")) {
              in.skip();
              continue;
            }
            while (in.nextChild()) {
              if (in.is("id")) {
                Ii c = Hl7v3Parts.readIi(in);
                v[2] = c == null ? null : c.root();
              } else if (in.is("code")) {
                v[3] = attrThenSkip(in, "code");
              } else {
                in.skip();
              }
            }
          }
        } else {
          in.skip();
        }
      }
    }
    if (!patient) {
      return null;
    }
    return new MatchedPatient(ids, new Demographics(names, v[0], v[1], addresses, telecoms), otherIds, v[2], v[3],
        score);
  }

  private static void add(XmlIn in, List<Ii> list, Ii ii) throws IheParseException {
    if (ii != null) {
      in.countRepeat(list, "ids");
      list.add(ii);
    }
  }

  private static String attrThenSkip(XmlIn in, String attr) throws IheParseException {
    String v = in.attr(attr);
    in.skip();
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** At {@code reasonOf}: collects detectedIssueManagement codes (or the event code when none). */
  private static void readIssues(XmlIn in, List<String> into) throws IheParseException {
    while (in.nextChild()) {
      if (!in.is("detectedIssueEvent")) {
        in.skip();
        continue;
      }
      String eventCode = null;
      boolean managed = false;
      while (in.nextChild()) {
        if (in.is("code")) {
          eventCode = attrThenSkip(in, "code");
        } else if (in.is("mitigatedBy")) {
          while (in.nextChild()) {
            if (in.is("detectedIssueManagement")) {
              while (in.nextChild()) {
                if (in.is("code")) {
                  String c = attrThenSkip(in, "code");
                  if (c != null) {
                    in.countRepeat(into, "detected issues");
                    into.add(c);
                    managed = true;
                  }
                } else {
                  in.skip();
                }
              }
            } else {
              in.skip();
            }
          }
        } else {
          in.skip();
        }
      }
      if (!managed && eventCode != null) {
        into.add(eventCode);
      }
    }
  }

  static void write(XmlOut out, PatientDiscoveryResponse r) throws XMLStreamException {
    out.root("", INTERACTION, HL7V3, XSI_PREFIX, XSI);
    out.attr("ITSVersion", "XML_1.0");
    ii(out, "id", r.messageId());
    empty(out, "creationTime", "value", r.creationTime());
    empty(out, "interactionId", "root", INTERACTION_ROOT, "extension", INTERACTION);
    empty(out, "processingCode", "code", "P");
    empty(out, "processingModeCode", "code", "T");
    empty(out, "acceptAckCode", "code", "NE");
    Hl7v3Parts.device(out, "receiver", "RCV", r.receiver());
    Hl7v3Parts.device(out, "sender", "SND", r.sender());
    start(out, "acknowledgement");
    empty(out, "typeCode", "code", r.acknowledgementCode());
    if (r.targetMessageId() != null) {
      start(out, "targetMessage");
      ii(out, "id", r.targetMessageId());
      out.end();
    }
    for (String d : r.acknowledgementDetails()) {
      start(out, "acknowledgementDetail");
      out.attr("typeCode", "E");
      Hl7v3Parts.text(out, "text", d);
      out.end();
    }
    out.end();
    start(out, "controlActProcess");
    out.attr("classCode", "CACT");
    out.attr("moodCode", "EVN");
    empty(out, "code", "code", TRIGGER, "codeSystem", INTERACTION_ROOT);
    for (MatchedPatient p : r.subjects()) {
      Iti55SubjectWriter.write(out, p);
    }
    for (String issue : r.detectedIssueCodes()) {
      Iti55SubjectWriter.writeIssue(out, issue);
    }
    start(out, "queryAck");
    if (r.query() != null) {
      ii(out, "queryId", r.query().queryId());
    }
    empty(out, "queryResponseCode", "code", r.queryResponseCode().name());
    out.end();
    if (r.query() != null) {
      Hl7v3Parts.query(out, r.query(), false);
    }
    out.end();
    out.end();
  }
}
