package org.xcaibridge.ihe;

import static org.xcaibridge.ihe.IheNamespaces.QUERY;
import static org.xcaibridge.ihe.IheNamespaces.QUERY_PREFIX;
import static org.xcaibridge.ihe.IheNamespaces.RIM;
import static org.xcaibridge.ihe.IheNamespaces.RIM_PREFIX;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.xcaibridge.ihe.StoredQuery.FindDocuments;
import org.xcaibridge.ihe.StoredQuery.FindDocumentsByReferenceId;
import org.xcaibridge.ihe.StoredQuery.GetDocuments;

/** ITI-38 request body: {@code query:AdhocQueryRequest} with the stored-query slots of protocol.md §2.2. */
final class Iti38RequestCodec {
  static final String PATIENT_ID = "$XDSDocumentEntryPatientId";
  static final String STATUS = "$XDSDocumentEntryStatus";
  static final String CLASS_CODE = "$XDSDocumentEntryClassCode";
  static final String TYPE_CODE = "$XDSDocumentEntryTypeCode";
  static final String PRACTICE_SETTING_CODE = "$XDSDocumentEntryPracticeSettingCode";
  static final String CREATION_FROM = "$XDSDocumentEntryCreationTimeFrom";
  static final String CREATION_TO = "$XDSDocumentEntryCreationTimeTo";
  static final String SERVICE_START_FROM = "$XDSDocumentEntryServiceStartTimeFrom";
  static final String SERVICE_START_TO = "$XDSDocumentEntryServiceStartTimeTo";
  static final String SERVICE_STOP_FROM = "$XDSDocumentEntryServiceStopTimeFrom";
  static final String SERVICE_STOP_TO = "$XDSDocumentEntryServiceStopTimeTo";
  static final String FACILITY_TYPE_CODE = "$XDSDocumentEntryHealthcareFacilityTypeCode";
  static final String EVENT_CODE = "$XDSDocumentEntryEventCodeList";
  static final String CONFIDENTIALITY_CODE = "$XDSDocumentEntryConfidentialityCode";
  static final String AUTHOR_PERSON = "$XDSDocumentEntryAuthorPerson";
  static final String FORMAT_CODE = "$XDSDocumentEntryFormatCode";
  static final String ENTRY_TYPE = "$XDSDocumentEntryType";
  static final String REFERENCE_ID_LIST = "$XDSDocumentEntryReferenceIdList";
  static final String ENTRY_UUID = "$XDSDocumentEntryEntryUUID";
  static final String UNIQUE_ID = "$XDSDocumentEntryUniqueId";
  /** Obsolete slot some peers still send instead of the {@code home} attribute (CP-429, protocol.md §2.1). */
  static final String OBSOLETE_HOME = "$homeCommunityId";

  private Iti38RequestCodec() {}

  static AdhocQueryRequest read(XmlIn in) throws IheParseException {
    ReturnType returnType = null;
    String queryId = null;
    String home = null;
    Map<String, List<String>> params = new LinkedHashMap<>();
    while (in.nextChild()) {
      if (in.is("ResponseOption")) {
        String raw = in.attr("returnType");
        returnType = ReturnType.fromWire(raw);
        if (returnType == null) {
          throw error(in, RegistryErrorCode.XDS_REGISTRY_ERROR, "returnType " + raw
              + " is not served; ask for LeafClass or ObjectRef");
        }
        in.skip();
      } else if (in.is("AdhocQuery")) {
        queryId = in.requiredAttr("id").trim();
        home = in.attr("home");
        while (in.nextChild()) {
          if (in.is("Slot")) {
            Slot s = Rim.readSlot(in);
            if (params.put(s.name(), s.values()) != null) {
              throw error(in, RegistryErrorCode.XDS_STORED_QUERY_PARAM_NUMBER, "stored query parameter " + s.name()
                  + " is given twice (AND-combined lists are not supported); send it once");
            }
          } else {
            in.skip();
          }
        }
      } else {
        in.skip();
      }
    }
    if (queryId == null) {
      throw in.fail("AdhocQueryRequest without AdhocQuery");
    }
    if (home == null && params.containsKey(OBSOLETE_HOME)) {
      home = single(params, OBSOLETE_HOME);
    }
    try {
      StoredQuery query = query(queryId, params, in);
      return new AdhocQueryRequest(query, returnType == null ? ReturnType.LEAF_CLASS : returnType,
          home == null ? null : home.trim());
    } catch (IllegalArgumentException e) {
      StoredQueryException x = error(in, RegistryErrorCode.XDS_REGISTRY_ERROR,
          "bad stored query parameter: " + e.getMessage());
      x.initCause(e);
      throw x;
    }
  }

  /** A stored-query rule broken, with the registry error code that answers it. */
  private static StoredQueryException error(XmlIn in, RegistryErrorCode code, String message) {
    IheParseException at = in.fail(message);
    return new StoredQueryException(code, message, at.line(), at.column());
  }

  private static StoredQuery query(String id, Map<String, List<String>> p, XmlIn in) throws IheParseException {
    String norm = normalizeUuid(id);
    if (norm.equals(normalizeUuid(XdsVocabulary.GET_DOCUMENTS))) {
      List<String> uuids = list(p, ENTRY_UUID);
      List<String> uniqueIds = list(p, UNIQUE_ID);
      if (uuids.isEmpty() && uniqueIds.isEmpty()) {
        throw error(in, RegistryErrorCode.XDS_STORED_QUERY_MISSING_PARAM, "GetDocuments needs " + ENTRY_UUID
            + " or " + UNIQUE_ID);
      }
      if (!uuids.isEmpty() && !uniqueIds.isEmpty()) {
        throw error(in, RegistryErrorCode.XDS_STORED_QUERY_PARAM_NUMBER, "GetDocuments takes " + ENTRY_UUID
            + " or " + UNIQUE_ID + ", not both");
      }
      return new GetDocuments(uuids, uniqueIds);
    }
    boolean byRef = norm.equals(normalizeUuid(XdsVocabulary.FIND_DOCUMENTS_BY_REFERENCE_ID));
    if (!byRef && !norm.equals(normalizeUuid(XdsVocabulary.FIND_DOCUMENTS))) {
      throw error(in, RegistryErrorCode.XDS_UNKNOWN_STORED_QUERY, "unsupported stored query " + id
          + "; served are FindDocuments, FindDocumentsByReferenceId and GetDocuments");
    }
    String pid = singleOnly(p, PATIENT_ID, in);
    if (pid == null || pid.isBlank()) {
      throw error(in, RegistryErrorCode.XDS_STORED_QUERY_MISSING_PARAM, "stored query lacks " + PATIENT_ID);
    }
    Cx patientId = Cx.parse(pid);
    List<AvailabilityStatus> statuses = new ArrayList<>();
    for (String s : list(p, STATUS)) {
      AvailabilityStatus st = AvailabilityStatus.fromUrn(s);
      if (st == null) {
        throw error(in, RegistryErrorCode.XDS_REGISTRY_ERROR, "unknown availability status " + s);
      }
      statuses.add(st);
    }
    if (statuses.isEmpty()) {
      throw error(in, RegistryErrorCode.XDS_STORED_QUERY_MISSING_PARAM, "stored query lacks " + STATUS
          + " (e.g. ('" + XdsVocabulary.STATUS_APPROVED + "'))");
    }
    List<DocumentEntryType> types = new ArrayList<>();
    for (String s : list(p, ENTRY_TYPE)) {
      DocumentEntryType t = DocumentEntryType.fromUuid(s);
      if (t == null) {
        throw error(in, RegistryErrorCode.XDS_REGISTRY_ERROR, "unknown DocumentEntry type " + s);
      }
      types.add(t);
    }
    DocumentEntryFilter filter = new DocumentEntryFilter(statuses, codes(p, CLASS_CODE), codes(p, TYPE_CODE),
        codes(p, PRACTICE_SETTING_CODE), codes(p, FACILITY_TYPE_CODE), codes(p, EVENT_CODE),
        codes(p, CONFIDENTIALITY_CODE), codes(p, FORMAT_CODE), singleOnly(p, CREATION_FROM, in),
        singleOnly(p, CREATION_TO, in), singleOnly(p, SERVICE_START_FROM, in), singleOnly(p, SERVICE_START_TO, in),
        singleOnly(p, SERVICE_STOP_FROM, in), singleOnly(p, SERVICE_STOP_TO, in), list(p, AUTHOR_PERSON), types);
    if (!byRef) {
      return new FindDocuments(patientId, filter);
    }
    List<ReferenceId> refs = new ArrayList<>();
    for (String s : list(p, REFERENCE_ID_LIST)) {
      refs.add(ReferenceId.parse(s));
    }
    if (refs.isEmpty()) {
      throw error(in, RegistryErrorCode.XDS_STORED_QUERY_MISSING_PARAM, "FindDocumentsByReferenceId lacks "
          + REFERENCE_ID_LIST);
    }
    return new FindDocumentsByReferenceId(patientId, refs, filter);
  }

  /** A single-valued parameter: more than one value is XDSStoredQueryParamNumber (ITI TF-2a 3.18.4.1.2.3.5). */
  private static String singleOnly(Map<String, List<String>> p, String name, XmlIn in) throws StoredQueryException {
    List<String> v = p.get(name);
    if (v != null && v.size() > 1) {
      throw error(in, RegistryErrorCode.XDS_STORED_QUERY_PARAM_NUMBER, name + " takes one value, was given "
          + v.size());
    }
    return single(p, name);
  }

  /** dcm4che's constant lacks a hyphen (protocol.md §2.1 pitfall): compare ids without hyphens or case. */
  private static String normalizeUuid(String id) {
    return id.replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static String single(Map<String, List<String>> p, String name) {
    List<String> v = p.get(name);
    return v == null || v.isEmpty() ? null : QueryValues.unquote(v.get(0));
  }

  private static List<String> list(Map<String, List<String>> p, String name) {
    List<String> items = new ArrayList<>();
    for (String v : p.getOrDefault(name, List.of())) {
      items.addAll(QueryValues.parseList(v));
    }
    return items;
  }

  private static List<Code> codes(Map<String, List<String>> p, String name) {
    List<Code> codes = new ArrayList<>();
    for (String s : list(p, name)) {
      codes.add(Code.parseCe(s));
    }
    return codes;
  }

  static void write(XmlOut out, AdhocQueryRequest request) throws XMLStreamException {
    StoredQuery q = request.query();
    if (q instanceof GetDocuments && request.homeCommunityId() == null) {
      throw new IllegalArgumentException("XCA GetDocuments needs a homeCommunityId (ITI TF-2b 3.38.4.1.3)");
    }
    out.root(QUERY_PREFIX, "AdhocQueryRequest", QUERY, RIM_PREFIX, RIM);
    out.empty(QUERY_PREFIX, "ResponseOption", QUERY);
    out.attr("returnComposedObjects", "true");
    out.attr("returnType", request.returnType().wire());
    out.start(RIM_PREFIX, "AdhocQuery", RIM);
    out.attr("id", q.id());
    out.attr("home", request.homeCommunityId());
    if (q instanceof FindDocuments f) {
      Rim.writeSlot(out, PATIENT_ID, QueryValues.quote(f.patientId().encode()));
      writeFilter(out, f.filter());
    } else if (q instanceof FindDocumentsByReferenceId f) {
      Rim.writeSlot(out, PATIENT_ID, QueryValues.quote(f.patientId().encode()));
      writeFilter(out, f.filter());
      Rim.writeSlot(out, REFERENCE_ID_LIST, f.referenceIds().stream().map(r -> QueryValues.listItem(r.encode())).toList());
    } else if (q instanceof GetDocuments g) {
      Rim.writeSlot(out, ENTRY_UUID, g.entryUuids().stream().map(QueryValues::listItem).toList());
      Rim.writeSlot(out, UNIQUE_ID, g.uniqueIds().stream().map(QueryValues::listItem).toList());
    }
    out.end();
    out.end();
  }

  private static void writeFilter(XmlOut out, DocumentEntryFilter f) throws XMLStreamException {
    Rim.writeSlot(out, STATUS, f.statuses().stream().map(s -> QueryValues.listItem(s.urn())).toList());
    writeCodes(out, CLASS_CODE, f.classCodes());
    writeCodes(out, TYPE_CODE, f.typeCodes());
    writeCodes(out, PRACTICE_SETTING_CODE, f.practiceSettingCodes());
    writeCodes(out, FACILITY_TYPE_CODE, f.healthcareFacilityTypeCodes());
    writeCodes(out, EVENT_CODE, f.eventCodes());
    writeCodes(out, CONFIDENTIALITY_CODE, f.confidentialityCodes());
    writeCodes(out, FORMAT_CODE, f.formatCodes());
    // Times are numbers: ITI TF-2a writes them unquoted.
    Rim.writeSlot(out, CREATION_FROM, f.creationTimeFrom());
    Rim.writeSlot(out, CREATION_TO, f.creationTimeTo());
    Rim.writeSlot(out, SERVICE_START_FROM, f.serviceStartTimeFrom());
    Rim.writeSlot(out, SERVICE_START_TO, f.serviceStartTimeTo());
    Rim.writeSlot(out, SERVICE_STOP_FROM, f.serviceStopTimeFrom());
    Rim.writeSlot(out, SERVICE_STOP_TO, f.serviceStopTimeTo());
    Rim.writeSlot(out, AUTHOR_PERSON, f.authorPersons().stream().map(QueryValues::listItem).toList());
    Rim.writeSlot(out, ENTRY_TYPE, f.entryTypes().stream().map(t -> QueryValues.listItem(t.uuid())).toList());
  }

  private static void writeCodes(XmlOut out, String name, List<Code> codes) throws XMLStreamException {
    Rim.writeSlot(out, name, codes.stream().map(c -> QueryValues.listItem(c.encodeCe())).toList());
  }
}
