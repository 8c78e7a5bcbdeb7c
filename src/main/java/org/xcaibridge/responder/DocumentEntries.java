package org.xcaibridge.responder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.xcaibridge.ihe.AvailabilityStatus;
import org.xcaibridge.ihe.Code;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryType;
import org.xcaibridge.ihe.ReferenceId;
import org.xcaibridge.responder.ImageArchive.KosDocument;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * The XDS DocumentEntry of a study's imaging manifest (ITI TF-3 4.2.3.2, XDS-I.b RAD TF-3 4.68.4.1.2.3;
 * protocol.md §2.4–§2.6), made from what the archive knows of the study and the manifest's bytes. The fields that
 * need only the study ({@link #preview}) are made by the same code as the complete entry ({@link #complete}), so
 * a filter applied to the preview and to the entry cannot disagree.
 *
 * <p>Times are DICOM dates and times as recorded, which carry no time zone; XDS reads them as UTC.
 */
final class DocumentEntries {
  private DocumentEntries() {}

  /** XDS-I.b class code used by dcm4chee's XDS-I exporter and the NIST imaging metadata (protocol.md §2.4). */
  static final Code CLASS_IMAGES = new Code("IMAGES", "1.3.6.1.4.1.19376.1.2.6.1", "Images");
  /** LOINC 18748-4, dcm4chee's XDS-I default type code. */
  static final Code TYPE_DIAGNOSTIC_IMAGING = new Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study");
  /** HL7 Confidentiality N: nothing in a manifest is more sensitive than the images it lists. */
  static final Code CONFIDENTIALITY_NORMAL = new Code("N", "2.16.840.1.113883.5.25", "Normal");
  /** SNOMED CT 22232009 Hospital: the affinity domain's codes are not known to a demo community. */
  static final Code FACILITY_HOSPITAL = new Code("22232009", "2.16.840.1.113883.6.96", "Hospital");
  /** SNOMED CT 394914008 Radiology. */
  static final Code PRACTICE_RADIOLOGY = new Code("394914008", "2.16.840.1.113883.6.96", "Radiology");
  /** DICOM modality codes (DCM, PS3.16 CID 33) as eventCodeList values. */
  static final String DCM_SCHEME = "1.2.840.10008.2.16.4";
  static final String LANGUAGE = "en-US";
  static final String MIME_TYPE = KosDocument.MIME_TYPE;

  private static final Map<String, String> MODALITY_NAMES = Map.ofEntries(
      Map.entry("CR", "Computed Radiography"), Map.entry("CT", "Computed Tomography"),
      Map.entry("DX", "Digital Radiography"), Map.entry("ECG", "Electrocardiography"),
      Map.entry("ES", "Endoscopy"), Map.entry("IO", "Intra-oral Radiography"),
      Map.entry("KO", "Key Object Selection"), Map.entry("MG", "Mammography"),
      Map.entry("MR", "Magnetic Resonance"), Map.entry("NM", "Nuclear Medicine"),
      Map.entry("OP", "Ophthalmic Photography"), Map.entry("OT", "Other"),
      Map.entry("PR", "Presentation State"), Map.entry("PT", "Positron emission tomography"),
      Map.entry("PX", "Panoramic X-Ray"), Map.entry("RF", "Radio Fluoroscopy"),
      Map.entry("RTDOSE", "Radiotherapy Dose"), Map.entry("RTPLAN", "Radiotherapy Plan"),
      Map.entry("RTSTRUCT", "Radiotherapy Structure Set"), Map.entry("SEG", "Segmentation"),
      Map.entry("SR", "SR Document"), Map.entry("US", "Ultrasound"), Map.entry("XA", "X-Ray Angiography"),
      Map.entry("XC", "External-camera Photography"));

  private static final Pattern UUID_UID = Pattern.compile("2\\.25\\.(0|[1-9][0-9]{0,38})");
  private static final String URN_UUID = "urn:uuid:";

  /**
   * The entry with what the study alone gives: patient, reference ids, event codes, service start time and the
   * fixed codes. No entryUUID, unique id, hash, size, creation or stop time: use it only to filter.
   */
  static DocumentEntry preview(ResponderIdentity identity, StudyRecord study) {
    return base(URN_UUID + "00000000-0000-0000-0000-000000000000", identity, study).build();
  }

  /** The whole entry: {@link #preview}'s fields plus the manifest's ids, size, hash and times. */
  static DocumentEntry complete(ResponderIdentity identity, StudyRecord study, KosDocument kos,
      List<SeriesRecord> series) {
    String entryUuid = entryUuid(kos.documentUniqueId());
    DocumentEntry.Builder b = base(entryUuid, identity, study)
        .lid(entryUuid)
        .uniqueId(kos.documentUniqueId())
        .size(kos.size())
        .hash(kos.sha1())
        .creationTime(dtm(kos.creationDate(), kos.creationTime()))
        .serviceStopTime(serviceStop(study, series));
    return b.build();
  }

  private static DocumentEntry.Builder base(String entryUuid, ResponderIdentity identity, StudyRecord study) {
    PatientRecord p = study.patient();
    Cx pid = p.id().isBlank() ? null : new Cx(p.id(), identity.assigningAuthorityOid());
    DocumentEntry.Builder b = DocumentEntry.builder(entryUuid)
        .home(identity.homeCommunityId())
        .objectType(DocumentEntryType.STABLE)
        .status(AvailabilityStatus.APPROVED)
        .mimeType(MIME_TYPE)
        .patientId(pid)
        .sourcePatientId(pid)
        .classCode(CLASS_IMAGES)
        .typeCode(TYPE_DIAGNOSTIC_IMAGING)
        .formatCode(Code.KOS_FORMAT)
        .confidentialityCode(CONFIDENTIALITY_NORMAL)
        .healthcareFacilityTypeCode(FACILITY_HOSPITAL)
        .practiceSettingCode(PRACTICE_RADIOLOGY)
        .languageCode(LANGUAGE)
        .repositoryUniqueId(identity.repositoryUniqueId())
        .serviceStartTime(dtm(study.date(), study.time()))
        .title(blankToNull(study.description()))
        .referenceId(ReferenceId.studyInstanceUid(study.studyInstanceUid()));
    if (blankToNull(study.accessionNumber()) != null) {
      b.referenceId(ReferenceId.accession(study.accessionNumber().strip(), null));
    }
    for (Code c : eventCodes(study.modalities())) {
      b.eventCode(c);
    }
    for (String field : sourcePatientInfo(p, pid)) {
      b.sourcePatientInfo(field);
    }
    return b;
  }

  /** The modalities of the study as DCM codes, each once, in series order. */
  static List<Code> eventCodes(List<String> modalities) {
    List<Code> codes = new ArrayList<>();
    for (String m : modalities) {
      String v = blankToNull(m);
      if (v == null) {
        continue;
      }
      String code = v.toUpperCase(Locale.ROOT);
      Code c = new Code(code, DCM_SCHEME, MODALITY_NAMES.getOrDefault(code, code));
      if (codes.stream().noneMatch(c::sameConcept)) {
        codes.add(c);
      }
    }
    return codes;
  }

  /** HL7 v2 PID fields (ITI TF-3 4.2.3.2.23): PID-3 the id, PID-5 the name, PID-7 birth date, PID-8 sex. */
  private static List<String> sourcePatientInfo(PatientRecord p, Cx pid) {
    List<String> fields = new ArrayList<>();
    if (pid != null) {
      fields.add("PID-3|" + pid.encode());
    }
    String name = xpn(p.name());
    if (name != null) {
      fields.add("PID-5|" + name);
    }
    String birth = digits(p.birthDate(), 8);
    if (birth != null && birth.length() == 8) {
      fields.add("PID-7|" + birth);
    }
    String sex = blankToNull(p.sex());
    if (sex != null && List.of("M", "F", "O", "U", "A", "N").contains(sex.toUpperCase(Locale.ROOT))) {
      fields.add("PID-8|" + sex.toUpperCase(Locale.ROOT));
    }
    return fields;
  }

  /**
   * A DICOM PN's alphabetic group as an HL7 v2 XPN: family, given and middle names keep their places, prefix and
   * suffix swap (PN orders them prefix^suffix, XPN suffix^prefix); delimiters inside a value are escaped.
   */
  static String xpn(String pn) {
    if (blankToNull(pn) == null) {
      return null;
    }
    String[] c = pn.split("=", -1)[0].split("\\^", -1);
    String[] x = new String[5];
    for (int i = 0; i < 5; i++) {
      x[i] = i < c.length ? escape(c[i].strip()) : "";
    }
    String out = String.join("^", x[0], x[1], x[2], x[4], x[3]).replaceAll("\\^+$", "");
    return out.isEmpty() ? null : out;
  }

  private static String escape(String v) {
    StringBuilder b = new StringBuilder(v.length());
    for (char ch : v.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\E\\");
        case '|' -> b.append("\\F\\");
        case '^' -> b.append("\\S\\");
        case '&' -> b.append("\\T\\");
        case '~' -> b.append("\\R\\");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /** The latest of the study's and its series' date and time: when the imaging ended, as far as DICOM says. */
  private static String serviceStop(StudyRecord study, List<SeriesRecord> series) {
    String latest = dtm(study.date(), study.time());
    for (SeriesRecord s : series) {
      String t = dtm(s.date(), s.time());
      if (t != null && (latest == null || padded(t).compareTo(padded(latest)) > 0)) {
        latest = t;
      }
    }
    return latest;
  }

  /**
   * An HL7 DTM {@code YYYYMMDD[hh[mm[ss]]]} from a DICOM DA and TM (fractions dropped; the colons of old ACR-NEMA
   * times ignored), or null without a valid date.
   */
  static String dtm(String da, String tm) {
    String date = digits(da, 8);
    if (date == null || date.length() != 8) {
      return null;
    }
    String t = tm == null ? "" : tm.strip();
    int dot = t.indexOf('.');
    String time = digits(dot < 0 ? t : t.substring(0, dot), 6);
    if (time == null || time.length() % 2 != 0) {
      return date;
    }
    return date + time;
  }

  /** A DTM padded to 14 digits with the start of the period it names: {@code 2016} is 2016-01-01 00:00:00. */
  static String padded(String dtm) {
    String template = "00000101000000";
    return dtm.length() >= 14 ? dtm.substring(0, 14) : dtm + template.substring(dtm.length());
  }

  /** The digits of a value (separators such as '.', '-', ':' dropped), at most {@code max}; null when none. */
  private static String digits(String v, int max) {
    if (v == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (char ch : v.strip().toCharArray()) {
      if (ch >= '0' && ch <= '9') {
        b.append(ch);
      } else if (ch != '.' && ch != '-' && ch != ':') {
        return null;
      }
    }
    return b.length() == 0 ? null : b.length() > max ? b.substring(0, max) : b.toString();
  }

  /**
   * The entryUUID of the manifest with this unique id. A {@code 2.25} unique id is a UUID written as a decimal
   * (PS3.5 §B.2), and our manifests' ids are, so the entryUUID is that same UUID: GetDocuments by entryUUID needs
   * no table. Any other unique id gets a name-based UUID, which {@link #documentUniqueId} cannot turn back.
   */
  static String entryUuid(String documentUniqueId) {
    var m = UUID_UID.matcher(documentUniqueId);
    if (m.matches()) {
      BigInteger n = new BigInteger(m.group(1));
      if (n.bitLength() <= 128) {
        return URN_UUID + new UUID(n.shiftRight(64).longValue(), n.longValue());
      }
    }
    return URN_UUID + UUID.nameUUIDFromBytes(("xcai-bridge manifest " + documentUniqueId)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code 2.25} unique id an entryUUID stands for (see {@link #entryUuid}); empty when it is no UUID. */
  static Optional<String> documentUniqueId(String entryUuid) {
    String v = entryUuid.strip();
    if (v.regionMatches(true, 0, URN_UUID, 0, URN_UUID.length())) {
      v = v.substring(URN_UUID.length());
    }
    try {
      UUID u = UUID.fromString(v);
      if (!u.toString().equalsIgnoreCase(v)) {
        return Optional.empty(); // fromString takes short groups too; only the canonical form names a manifest
      }
      BigInteger n = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
          .putLong(u.getLeastSignificantBits()).array());
      return Optional.of("2.25." + n);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }
}
