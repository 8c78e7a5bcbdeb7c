package org.xcaibridge.studies;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xcaibridge.ihe.Code;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.ReferenceId;

/**
 * What the bridge keeps of an imaging manifest's DocumentEntry (protocol.md §2.4–§2.5): enough to fetch the
 * manifest with ITI-39 and to make a study row when the manifest cannot be had. Serialised as JSON for the
 * metadata cache's query results.
 *
 * @param documentUniqueId   XDSDocumentEntry.uniqueId (the KOS SOP Instance UID)
 * @param repositoryUniqueId the repository holding the manifest (ITI-39)
 * @param studyInstanceUid   the referenceIdList Study Instance UID, or null
 * @param serviceStartTime   HL7 DTM, or null
 * @param modalities         eventCodeList values in the DICOM scheme (DCM / 1.2.840.10008.2.16.4)
 * @param accessionNumber    the first referenceIdList accession, or null
 * @param patientName        PID-5 of sourcePatientInfo as DICOM PN, or null
 * @param patientBirthDate   PID-7 (its date), or null
 * @param patientSex         PID-8, or null
 */
record ManifestEntry(String documentUniqueId, String repositoryUniqueId, String studyInstanceUid,
    String serviceStartTime, List<String> modalities, String accessionNumber, String patientName,
    String patientBirthDate, String patientSex) {
  private static final Set<String> DICOM_SCHEMES = Set.of("DCM", "1.2.840.10008.2.16.4");

  ManifestEntry {
    modalities = List.copyOf(modalities);
  }

  /**
   * Whether a DocumentEntry is an XDS-I.b manifest the bridge can use: application/dicom with the KOS format
   * code (also in the {@code urn:ihe:rad:} spelling some communities use, protocol.md §2.4), and the ids ITI-39
   * needs.
   */
  static boolean usable(DocumentEntry e) {
    if (e.uniqueId() == null || e.uniqueId().isBlank() || e.repositoryUniqueId() == null
        || e.repositoryUniqueId().isBlank() || e.formatCode() == null) {
      return false;
    }
    String format = e.formatCode().code().strip();
    return (e.mimeType() == null || "application/dicom".equalsIgnoreCase(e.mimeType().strip()))
        && (format.equals(Code.KOS_FORMAT.code()) || format.endsWith(":" + Code.KOS_FORMAT.code()));
  }

  static ManifestEntry of(DocumentEntry e) {
    Set<String> modalities = new LinkedHashSet<>();
    for (Code c : e.eventCodes()) {
      if (c.codingScheme() != null && DICOM_SCHEMES.contains(c.codingScheme().strip())
          && c.code().matches("[A-Z0-9_]{1,16}")) {
        modalities.add(c.code());
      }
    }
    String name = null;
    String birth = null;
    String sex = null;
    for (String pid : e.sourcePatientInfo()) {
      String v = pid.length() > 6 ? pid.substring(6).strip() : "";
      String field = pid.toUpperCase(Locale.ROOT);
      if (field.startsWith("PID-5|") && name == null && !v.isEmpty()) {
        name = v.split("~")[0].replaceAll("\\^+$", "");
      } else if (field.startsWith("PID-7|") && birth == null && v.length() >= 8 && v.substring(0, 8).matches("\\d{8}")) {
        birth = v.substring(0, 8);
      } else if (field.startsWith("PID-8|") && sex == null && !v.isEmpty()) {
        sex = v;
      }
    }
    String accession = e.accessionNumbers().stream().map(ReferenceId::value).findFirst().orElse(null);
    return new ManifestEntry(e.uniqueId().strip(), e.repositoryUniqueId().strip(),
        e.studyInstanceUid().map(String::strip).orElse(null), e.serviceStartTime(), new ArrayList<>(modalities),
        accession, name, birth, sex);
  }

  static byte[] encode(List<ManifestEntry> entries) {
    JsonArray a = new JsonArray();
    for (ManifestEntry m : entries) {
      a.add(new JsonObject().put("doc", m.documentUniqueId).put("repo", m.repositoryUniqueId)
          .put("study", m.studyInstanceUid).put("start", m.serviceStartTime)
          .put("mod", new JsonArray(new ArrayList<>(m.modalities))).put("acc", m.accessionNumber)
          .put("name", m.patientName).put("birth", m.patientBirthDate).put("sex", m.patientSex));
    }
    return a.encode().getBytes(StandardCharsets.UTF_8);
  }

  static List<ManifestEntry> decode(byte[] bytes) {
    JsonArray a = new JsonArray(new String(bytes, StandardCharsets.UTF_8));
    List<ManifestEntry> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonObject o = a.getJsonObject(i);
      List<String> mod = new ArrayList<>();
      o.getJsonArray("mod").forEach(x -> mod.add((String) x));
      out.add(new ManifestEntry(o.getString("doc"), o.getString("repo"), o.getString("study"), o.getString("start"),
          mod, o.getString("acc"), o.getString("name"), o.getString("birth"), o.getString("sex")));
    }
    return out;
  }
}
