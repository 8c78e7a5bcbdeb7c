package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.HL7V3;
import static org.xcaibridge.ihe.IheNamespaces.XSI;
import static org.xcaibridge.ihe.IheNamespaces.XSI_PREFIX;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * HL7 v3 data types and message parts shared by PRPA_IN201305UV02 and PRPA_IN201306UV02: II, PN, AD, TEL,
 * sender/receiver devices and queryByParameter. We write the default namespace (no {@code hl7:} prefix):
 * some responders fail on the prefix binding (protocol.md §6.1).
 */
final class Hl7v3Parts {
  static final String INTERACTION_ROOT = "2.16.840.1.113883.1.6";
  static final String GENDER_CODE_SYSTEM = "2.16.840.1.113883.5.1";
  static final String HEALTH_DATA_LOCATOR_SYSTEM = "1.3.6.1.4.1.19376.1.2.27.2";

  private Hl7v3Parts() {}

  /** At an II element; null when it has a nullFlavor and no root. Ends on its END_ELEMENT. */
  static Ii readIi(XmlIn in) throws IheParseException {
    String root = in.attr("root");
    String ext = in.attr("extension");
    in.skip();
    if (root == null || root.isBlank()) {
      return null;
    }
    return new Ii(root.trim(), ext == null || ext.isBlank() ? null : ext.trim());
  }

  static PersonName readName(XmlIn in) throws IheParseException {
    List<String> given = new ArrayList<>();
    String family = null;
    while (in.nextChild()) {
      if (in.is("given")) {
        in.countRepeat(given, "given names");
        given.add(in.text());
      } else if (in.is("family")) {
        family = in.optionalText();
      } else {
        in.skip();
      }
    }
    return new PersonName(given, family);
  }

  static PostalAddress readAddress(XmlIn in) throws IheParseException {
    List<String> lines = new ArrayList<>();
    String[] v = new String[4];
    while (in.nextChild()) {
      switch (in.local()) {
        case "streetAddressLine" -> {
          in.countRepeat(lines, "address lines");
          lines.add(in.text());
        }
        case "city" -> v[0] = in.optionalText();
        case "state" -> v[1] = in.optionalText();
        case "postalCode" -> v[2] = in.optionalText();
        case "country" -> v[3] = in.optionalText();
        default -> in.skip();
      }
    }
    return new PostalAddress(lines, v[0], v[1], v[2], v[3]);
  }

  static Telecom readTelecom(XmlIn in) throws IheParseException {
    Telecom t = new Telecom(in.attr("value"), in.attr("use"));
    in.skip();
    return t;
  }

  /** At {@code receiver} or {@code sender}. */
  static Device readDevice(XmlIn in) throws IheParseException {
    Ii id = null;
    String telecom = null;
    String home = null;
    while (in.nextChild()) {
      if (!in.is("device")) {
        in.skip();
        continue;
      }
      while (in.nextChild()) {
        if (in.is("id") && id == null) {
          id = readIi(in);
        } else if (in.is("telecom") && telecom == null) {
          telecom = in.attr("value");
          in.skip();
        } else if (in.is("asAgent")) {
          while (in.nextChild()) {
            if (in.is("representedOrganization")) {
              while (in.nextChild()) {
                if (in.is("id") && home == null) {
                  Ii org = readIi(in);
                  home = org == null ? null : org.root();
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
    }
    if (id == null) {
      throw in.fail("sender/receiver device without id");
    }
    return new Device(id, telecom, home);
  }

  /** At {@code queryByParameter}. */
  static PatientQuery readQuery(XmlIn in) throws IheParseException {
    Ii queryId = null;
    Integer minimum = null;
    List<PersonName> names = new ArrayList<>();
    List<PostalAddress> addresses = new ArrayList<>();
    List<Telecom> telecoms = new ArrayList<>();
    List<Ii> ids = new ArrayList<>();
    String gender = null;
    String birth = null;
    while (in.nextChild()) {
      if (in.is("queryId")) {
        queryId = readIi(in);
      } else if (in.is("matchCriterionList")) {
        while (in.nextChild()) {
          if (in.is("minimumDegreeMatch")) {
            minimum = intValue(in, "value", "minimumDegreeMatch");
          } else {
            in.skip();
          }
        }
      } else if (in.is("parameterList")) {
        while (in.nextChild()) {
          String param = in.local();
          while (in.nextChild()) {
            if (!in.is("value")) {
              in.skip();
              continue;
            }
            switch (param) {
              case "livingSubjectAdministrativeGender" -> {
                gender = in.attr("code");
                in.skip();
              }
              case "livingSubjectBirthTime" -> {
                birth = in.attr("value");
                in.skip();
              }
              case "livingSubjectId" -> {
                in.countRepeat(ids, "livingSubjectIds");
                Ii ii = readIi(in);
                if (ii != null) {
                  ids.add(ii);
                }
              }
              case "livingSubjectName" -> {
                in.countRepeat(names, "names");
                names.add(readName(in));
              }
              case "patientAddress" -> {
                in.countRepeat(addresses, "addresses");
                addresses.add(readAddress(in));
              }
              case "patientTelecom" -> {
                in.countRepeat(telecoms, "telecoms");
                telecoms.add(readTelecom(in));
              }
              default -> in.skip();
            }
          }
        }
      } else {
        in.skip();
      }
    }
    if (queryId == null) {
      throw in.fail("queryByParameter without queryId");
    }
    return new PatientQuery(queryId, new Demographics(names, gender, birth, addresses, telecoms), ids, minimum);
  }

  /** At an element whose child {@code child} carries an INT {@code value}; null when absent. */
  static Integer intValue(XmlIn in, String child, String what) throws IheParseException {
    Integer result = null;
    while (in.nextChild()) {
      if (in.is(child) && result == null) {
        String v = in.attr("value");
        if (v != null && !v.isBlank()) {
          try {
            result = Integer.valueOf(v.trim());
          } catch (NumberFormatException e) {
            throw in.fail(what + " is not an integer: " + v, e);
          }
        }
      }
      in.skip();
    }
    return result;
  }

  // ---- writing (default namespace urn:hl7-org:v3) ----

  static void start(XmlOut out, String local) throws XMLStreamException {
    out.start("", local, HL7V3);
  }

  static void empty(XmlOut out, String local, String... attrs) throws XMLStreamException {
    out.empty("", local, HL7V3);
    for (int i = 0; i + 1 < attrs.length; i += 2) {
      out.attr(attrs[i], attrs[i + 1]);
    }
  }

  static void ii(XmlOut out, String local, Ii ii) throws XMLStreamException {
    if (ii != null) {
      empty(out, local, "root", ii.root(), "extension", ii.extension());
    }
  }

  static void text(XmlOut out, String local, String value) throws XMLStreamException {
    out.element("", local, HL7V3, value);
  }

  static void intValue(XmlOut out, Integer value) throws XMLStreamException {
    empty(out, "value");
    out.attr(XSI_PREFIX, XSI, "type", "INT");
    out.attr("value", value.toString());
  }

  static void name(XmlOut out, String local, PersonName n) throws XMLStreamException {
    start(out, local);
    for (String g : n.given()) {
      text(out, "given", g);
    }
    text(out, "family", n.family());
    out.end();
  }

  static void address(XmlOut out, String local, PostalAddress a) throws XMLStreamException {
    start(out, local);
    for (String l : a.streetAddressLines()) {
      text(out, "streetAddressLine", l);
    }
    text(out, "city", a.city());
    text(out, "state", a.state());
    text(out, "postalCode", a.postalCode());
    text(out, "country", a.country());
    out.end();
  }

  static void device(XmlOut out, String local, String typeCode, Device d) throws XMLStreamException {
    start(out, local);
    out.attr("typeCode", typeCode);
    start(out, "device");
    out.attr("classCode", "DEV");
    out.attr("determinerCode", "INSTANCE");
    ii(out, "id", d.id());
    if (d.telecom() != null) {
      empty(out, "telecom", "value", d.telecom());
    }
    if (d.homeCommunityOid() != null) {
      start(out, "asAgent");
      out.attr("classCode", "AGNT");
      start(out, "representedOrganization");
      out.attr("classCode", "ORG");
      out.attr("determinerCode", "INSTANCE");
      ii(out, "id", Ii.of(d.homeCommunityOid()));
      out.end();
      out.end();
    }
    out.end();
    out.end();
  }

  static void query(XmlOut out, PatientQuery q, boolean withControlCodes) throws XMLStreamException {
    start(out, "queryByParameter");
    ii(out, "queryId", q.queryId());
    empty(out, "statusCode", "code", "new");
    if (withControlCodes) {
      empty(out, "responseModalityCode", "code", "R");
      empty(out, "responsePriorityCode", "code", "I");
    }
    if (q.minimumDegreeMatch() != null) {
      start(out, "matchCriterionList");
      start(out, "minimumDegreeMatch");
      intValue(out, q.minimumDegreeMatch());
      text(out, "semanticsText", "Degree of match requested");
      out.end();
      out.end();
    }
    Demographics d = q.demographics();
    start(out, "parameterList");
    if (d.administrativeGender() != null) {
      param(out, "livingSubjectAdministrativeGender", "LivingSubject.administrativeGender",
          "code", d.administrativeGender(), "codeSystem", GENDER_CODE_SYSTEM);
    }
    if (d.birthTime() != null) {
      param(out, "livingSubjectBirthTime", "LivingSubject.birthTime", "value", d.birthTime());
    }
    for (Ii id : q.livingSubjectIds()) {
      param(out, "livingSubjectId", "LivingSubject.id", "root", id.root(), "extension", id.extension());
    }
    for (PersonName n : d.names()) {
      start(out, "livingSubjectName");
      name(out, "value", n);
      text(out, "semanticsText", "LivingSubject.name");
      out.end();
    }
    for (PostalAddress a : d.addresses()) {
      start(out, "patientAddress");
      address(out, "value", a);
      text(out, "semanticsText", "Patient.addr");
      out.end();
    }
    for (Telecom t : d.telecoms()) {
      param(out, "patientTelecom", "Patient.telecom", "value", t.value(), "use", t.use());
    }
    out.end();
    out.end();
  }

  private static void param(XmlOut out, String local, String semantics, String... valueAttrs)
      throws XMLStreamException {
    start(out, local);
    empty(out, "value", valueAttrs);
    text(out, "semanticsText", semantics);
    out.end();
  }
}
