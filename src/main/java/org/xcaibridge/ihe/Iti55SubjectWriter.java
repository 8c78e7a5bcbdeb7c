package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.Hl7v3Parts.HEALTH_DATA_LOCATOR_SYSTEM;
import static org.xcaibridge.ihe.Hl7v3Parts.empty;
import static org.xcaibridge.ihe.Hl7v3Parts.ii;
import static org.xcaibridge.ihe.Hl7v3Parts.start;

import javax.xml.stream.XMLStreamException;

/** Writes the {@code subject} and {@code reasonOf} parts of a PRPA_IN201306UV02 (shape of IPF's sample, fixture 14). */
final class Iti55SubjectWriter {
  /** Code system of detectedIssueManagement codes (protocol.md §6.2). */
  static final String ISSUE_MANAGEMENT_SYSTEM = "1.3.6.1.4.1.19376.1.2.27.3";

  private Iti55SubjectWriter() {}

  static void write(XmlOut out, MatchedPatient p) throws XMLStreamException {
    start(out, "subject");
    out.attr("typeCode", "SUBJ");
    start(out, "registrationEvent");
    out.attr("classCode", "REG");
    out.attr("moodCode", "EVN");
    empty(out, "id", "nullFlavor", "NA");
    empty(out, "statusCode", "code", "active");
    start(out, "subject1");
    out.attr("typeCode", "SBJ");
    start(out, "patient");
    out.attr("classCode", "PAT");
    for (Ii id : p.patientIds()) {
      ii(out, "id", id);
    }
    empty(out, "statusCode", "code", "active");
    start(out, "patientPerson");
    out.attr("classCode", "PSN");
    out.attr("determinerCode", "INSTANCE");
    Demographics d = p.demographics();
    for (PersonName n : d.names()) {
      Hl7v3Parts.name(out, "name", n);
    }
    for (Telecom t : d.telecoms()) {
      empty(out, "telecom", "value", t.value(), "use", t.use());
    }
    if (d.administrativeGender() != null) {
      empty(out, "administrativeGenderCode", "code", d.administrativeGender());
    }
    if (d.birthTime() != null) {
      empty(out, "birthTime", "value", d.birthTime());
    }
    for (PostalAddress a : d.addresses()) {
      Hl7v3Parts.address(out, "addr", a);
    }
    for (Ii other : p.otherIds()) {
      start(out, "asOtherIDs");
      out.attr("classCode", "PAT");
      ii(out, "id", other);
      start(out, "scopingOrganization");
      out.attr("classCode", "ORG");
      out.attr("determinerCode", "INSTANCE");
      ii(out, "id", Ii.of(other.root()));
      out.end();
      out.end();
    }
    out.end(); // patientPerson
    if (p.matchScore() != null) {
      start(out, "subjectOf1");
      start(out, "queryMatchObservation");
      out.attr("classCode", "COND");
      out.attr("moodCode", "EVN");
      empty(out, "code", "code", "IHE_PDQ");
      Hl7v3Parts.intValue(out, p.matchScore());
      out.end();
      out.end();
    }
    out.end(); // patient
    out.end(); // subject1
    if (p.homeCommunityOid() != null) {
      start(out, "custodian");
      out.attr("typeCode", "CST");
      start(out, "assignedEntity");
      out.attr("classCode", "ASSIGNED");
      ii(out, "id", Ii.of(p.homeCommunityOid()));
      if (p.healthDataLocatorCode() != null) {
        empty(out, "code", "code", p.healthDataLocatorCode(), "codeSystem", HEALTH_DATA_LOCATOR_SYSTEM);
      }
      out.end();
      out.end();
    }
    out.end(); // registrationEvent
    out.end(); // subject
  }

  static void writeIssue(XmlOut out, String managementCode) throws XMLStreamException {
    start(out, "reasonOf");
    out.attr("typeCode", "RSON");
    start(out, "detectedIssueEvent");
    out.attr("classCode", "ALRT");
    out.attr("moodCode", "EVN");
    empty(out, "code", "code", "ActAdministrativeDetectedIssueCode", "codeSystem", "2.16.840.1.113883.5.4");
    start(out, "mitigatedBy");
    out.attr("typeCode", "MITGT");
    start(out, "detectedIssueManagement");
    out.attr("classCode", "ACT");
    out.attr("moodCode", "EVN");
    empty(out, "code", "code", managementCode, "codeSystem", ISSUE_MANAGEMENT_SYSTEM);
    out.end();
    out.end();
    out.end();
    out.end();
  }
}
