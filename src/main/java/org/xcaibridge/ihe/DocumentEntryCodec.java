package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.RIM;
import static org.xcaibridge.ihe.IheNamespaces.RIM_PREFIX;
import static org.xcaibridge.ihe.XdsVocabulary.*;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Reads and writes one DocumentEntry as {@code rim:ExtrinsicObject} (ITI TF-3 §4.2.3.2, protocol.md §2.4).
 * Reading is tolerant: slot names are trimmed, unknown slots are kept, unknown classifications skipped,
 * scheme UUIDs compared without regard to case.
 */
final class DocumentEntryCodec {
  private DocumentEntryCodec() {}

  /** Ids for the Classifications and ExternalIdentifiers of one message, unique within it. */
  static final class Ids {
    private int next;

    String next() {
      return "id_" + (++next);
    }
  }

  /** At {@code rim:ExtrinsicObject}; ends on its END_ELEMENT. */
  static DocumentEntry read(XmlIn in) throws IheParseException {
    DocumentEntry.Builder b = DocumentEntry.builder(in.requiredAttr("id").trim());
    b.home = trimmed(in.attr("home"));
    b.objectType = DocumentEntryType.fromUuid(in.attr("objectType"));
    b.status = AvailabilityStatus.fromUrn(in.attr("status"));
    b.mimeType = trimmed(in.attr("mimeType"));
    b.lid = trimmed(in.attr("lid"));
    try {
      while (in.nextChild()) {
        if (in.is("Slot")) {
          slot(in, b, Rim.readSlot(in));
        } else if (in.is("Name")) {
          b.title = Rim.readLocalized(in);
        } else if (in.is("Description")) {
          b.comments = Rim.readLocalized(in);
        } else if (in.is("Classification")) {
          classification(in, b);
        } else if (in.is("ExternalIdentifier")) {
          String scheme = in.attr("identificationScheme");
          String value = trimmed(in.attr("value"));
          if (value != null && PATIENT_ID.equalsIgnoreCase(trimmed(scheme))) {
            b.patientId = Cx.parse(value);
          } else if (value != null && UNIQUE_ID.equalsIgnoreCase(trimmed(scheme))) {
            b.uniqueId = value;
          }
          in.skip();
        } else {
          in.skip();
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw in.fail("DocumentEntry " + b.entryUuid + ": " + e.getMessage(), e);
    }
  }

  private static void slot(XmlIn in, DocumentEntry.Builder b, Slot s) throws IheParseException {
    List<String> v = s.values();
    String first = v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    switch (s.name()) {
      case SLOT_CREATION_TIME -> b.creationTime = first;
      case SLOT_SERVICE_START_TIME -> b.serviceStartTime = first;
      case SLOT_SERVICE_STOP_TIME -> b.serviceStopTime = first;
      case SLOT_LANGUAGE_CODE -> b.languageCode = first;
      case SLOT_HASH -> b.hash = first;
      case SLOT_URI -> b.uri = first;
      case SLOT_REPOSITORY_UNIQUE_ID -> b.repositoryUniqueId = first;
      case SLOT_LEGAL_AUTHENTICATOR -> b.legalAuthenticator = first;
      case SLOT_DOCUMENT_AVAILABILITY -> b.documentAvailability = first;
      case SLOT_SOURCE_PATIENT_ID -> b.sourcePatientId = first == null ? null : Cx.parse(first);
      case SLOT_SOURCE_PATIENT_INFO -> b.sourcePatientInfo.addAll(v);
      case SLOT_SIZE -> {
        try {
          b.size = first == null ? null : Long.valueOf(first);
        } catch (NumberFormatException e) {
          throw in.fail("DocumentEntry " + b.entryUuid + ": size is not a number: " + first, e);
        }
      }
      case SLOT_REFERENCE_ID_LIST -> {
        for (String cxi : v) {
          if (!cxi.isBlank()) {
            b.referenceIds.add(ReferenceId.parse(cxi));
          }
        }
      }
      default -> b.otherSlots.add(s);
    }
  }

  private static void classification(XmlIn in, DocumentEntry.Builder b) throws IheParseException {
    String scheme = trimmed(in.attr("classificationScheme"));
    String node = trimmed(in.attr("nodeRepresentation"));
    List<Slot> slots = new ArrayList<>();
    String name = null;
    while (in.nextChild()) {
      if (in.is("Slot")) {
        in.countRepeat(slots, "classification slots");
        slots.add(Rim.readSlot(in));
      } else if (in.is("Name")) {
        name = Rim.readLocalized(in);
      } else {
        in.skip();
      }
    }
    if (scheme == null) {
      return; // a classificationNode (e.g. limitedMetadata), not a code
    }
    if (AUTHOR.equalsIgnoreCase(scheme)) {
      b.authors.add(new Author(firstOf(slots, SLOT_AUTHOR_PERSON), all(slots, SLOT_AUTHOR_INSTITUTION),
          all(slots, SLOT_AUTHOR_ROLE), all(slots, SLOT_AUTHOR_SPECIALTY), all(slots, SLOT_AUTHOR_TELECOMMUNICATION)));
      return;
    }
    if (node == null) {
      return; // a code without a value says nothing
    }
    Code code = new Code(node, firstOf(slots, SLOT_CODING_SCHEME), name);
    String s = scheme.toLowerCase(java.util.Locale.ROOT);
    switch (s) {
      case CLASS_CODE -> b.classCode = code;
      case TYPE_CODE -> b.typeCode = code;
      case FORMAT_CODE -> b.formatCode = code;
      case HEALTHCARE_FACILITY_TYPE_CODE -> b.healthcareFacilityTypeCode = code;
      case PRACTICE_SETTING_CODE -> b.practiceSettingCode = code;
      case CONFIDENTIALITY_CODE -> b.confidentialityCodes.add(code);
      case EVENT_CODE_LIST -> b.eventCodes.add(code);
      default -> { } // a scheme outside DocumentEntry metadata
    }
  }

  private static String firstOf(List<Slot> slots, String name) {
    List<String> v = all(slots, name);
    return v.isEmpty() ? null : v.get(0);
  }

  private static List<String> all(List<Slot> slots, String name) {
    List<String> values = new ArrayList<>();
    for (Slot s : slots) {
      if (s.name().equals(name)) {
        s.values().stream().filter(x -> !x.isEmpty()).forEach(values::add);
      }
    }
    return values;
  }

  private static String trimmed(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  static void write(XmlOut out, DocumentEntry e, Ids ids) throws XMLStreamException {
    out.start(RIM_PREFIX, "ExtrinsicObject", RIM);
    out.attr("id", e.entryUuid());
    out.attr("home", e.home());
    out.attr("lid", e.lid());
    out.attr("mimeType", e.mimeType());
    out.attr("objectType", e.objectType() == null ? null : e.objectType().uuid());
    out.attr("status", e.status() == null ? null : e.status().urn());
    Rim.writeSlot(out, SLOT_CREATION_TIME, e.creationTime());
    Rim.writeSlot(out, SLOT_LANGUAGE_CODE, e.languageCode());
    Rim.writeSlot(out, SLOT_SERVICE_START_TIME, e.serviceStartTime());
    Rim.writeSlot(out, SLOT_SERVICE_STOP_TIME, e.serviceStopTime());
    Rim.writeSlot(out, SLOT_SOURCE_PATIENT_ID, e.sourcePatientId() == null ? null : e.sourcePatientId().encode());
    Rim.writeSlot(out, SLOT_SOURCE_PATIENT_INFO, e.sourcePatientInfo());
    Rim.writeSlot(out, SLOT_HASH, e.hash());
    Rim.writeSlot(out, SLOT_SIZE, e.size() == null ? null : e.size().toString());
    Rim.writeSlot(out, SLOT_URI, e.uri());
    Rim.writeSlot(out, SLOT_REPOSITORY_UNIQUE_ID, e.repositoryUniqueId());
    Rim.writeSlot(out, SLOT_LEGAL_AUTHENTICATOR, e.legalAuthenticator());
    Rim.writeSlot(out, SLOT_DOCUMENT_AVAILABILITY, e.documentAvailability());
    Rim.writeSlot(out, SLOT_REFERENCE_ID_LIST, e.referenceIds().stream().map(ReferenceId::encode).toList());
    for (Slot s : e.otherSlots()) {
      Rim.writeSlot(out, s.name(), s.values());
    }
    Rim.writeLocalized(out, "Name", e.title());
    Rim.writeLocalized(out, "Description", e.comments());
    for (Author a : e.authors()) {
      startClassification(out, AUTHOR, e.entryUuid(), "", ids);
      Rim.writeSlot(out, SLOT_AUTHOR_PERSON, a.person());
      Rim.writeSlot(out, SLOT_AUTHOR_INSTITUTION, a.institutions());
      Rim.writeSlot(out, SLOT_AUTHOR_ROLE, a.roles());
      Rim.writeSlot(out, SLOT_AUTHOR_SPECIALTY, a.specialties());
      Rim.writeSlot(out, SLOT_AUTHOR_TELECOMMUNICATION, a.telecommunications());
      out.end();
    }
    writeCode(out, CLASS_CODE, e, e.classCode(), ids);
    for (Code c : e.confidentialityCodes()) {
      writeCode(out, CONFIDENTIALITY_CODE, e, c, ids);
    }
    for (Code c : e.eventCodes()) {
      writeCode(out, EVENT_CODE_LIST, e, c, ids);
    }
    writeCode(out, FORMAT_CODE, e, e.formatCode(), ids);
    writeCode(out, HEALTHCARE_FACILITY_TYPE_CODE, e, e.healthcareFacilityTypeCode(), ids);
    writeCode(out, PRACTICE_SETTING_CODE, e, e.practiceSettingCode(), ids);
    writeCode(out, TYPE_CODE, e, e.typeCode(), ids);
    writeExternalId(out, PATIENT_ID, PATIENT_ID_NAME, e, e.patientId() == null ? null : e.patientId().encode(), ids);
    writeExternalId(out, UNIQUE_ID, UNIQUE_ID_NAME, e, e.uniqueId(), ids);
    out.end();
  }

  private static void startClassification(XmlOut out, String scheme, String entry, String node, Ids ids)
      throws XMLStreamException {
    out.start(RIM_PREFIX, "Classification", RIM);
    out.attr("classificationScheme", scheme);
    out.attr("classifiedObject", entry);
    out.attr("nodeRepresentation", node);
    out.attr("id", ids.next());
    out.attr("objectType", CLASSIFICATION_OBJECT_TYPE);
  }

  private static void writeCode(XmlOut out, String scheme, DocumentEntry e, Code c, Ids ids) throws XMLStreamException {
    if (c == null) {
      return;
    }
    startClassification(out, scheme, e.entryUuid(), c.code(), ids);
    Rim.writeSlot(out, SLOT_CODING_SCHEME, c.codingScheme());
    Rim.writeLocalized(out, "Name", c.displayName());
    out.end();
  }

  private static void writeExternalId(XmlOut out, String scheme, String name, DocumentEntry e, String value, Ids ids)
      throws XMLStreamException {
    if (value == null) {
      return;
    }
    out.start(RIM_PREFIX, "ExternalIdentifier", RIM);
    out.attr("identificationScheme", scheme);
    out.attr("value", value);
    out.attr("id", ids.next());
    out.attr("objectType", EXTERNAL_IDENTIFIER_OBJECT_TYPE);
    out.attr("registryObject", e.entryUuid());
    Rim.writeLocalized(out, "Name", name);
    out.end();
  }
}
