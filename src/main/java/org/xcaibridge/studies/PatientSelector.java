package org.xcaibridge.studies;

import org.xcaibridge.ihe.Cx;

/**
 * The patient a search is for, as the viewer names them: a Patient ID with, optionally, its issuer (the DICOM
 * Issuer of Patient ID (0010,0021) text or an assigning authority OID), and demographics that XCPD may use to
 * find the patient in communities of another identity domain.
 *
 * @param id        the Patient ID, never blank, never a wildcard pattern (a wildcard search names no one
 *                  patient: the front answers it from the studies already located)
 * @param issuer    the Issuer of Patient ID or assigning authority OID; null when not given
 * @param name      Patient's Name as DICOM PN ({@code Family^Given}), for XCPD; null when not given
 * @param birthDate Patient's Birth Date, DA {@code YYYYMMDD}, for XCPD; null when not given
 * @param sex       Patient's Sex M, F or O, for XCPD; null when not given
 */
public record PatientSelector(String id, String issuer, String name, String birthDate, String sex) {
  public PatientSelector {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a Patient ID must not be blank");
    }
    id = id.strip();
    if (id.indexOf('*') >= 0 || id.indexOf('?') >= 0) {
      throw new IllegalArgumentException("a Patient ID with wildcards names no single patient: '" + id + "'");
    }
    issuer = blankToNull(issuer);
    name = blankToNull(name);
    birthDate = blankToNull(birthDate);
    sex = blankToNull(sex);
    if (birthDate != null && !birthDate.matches("\\d{8}")) {
      throw new IllegalArgumentException("Patient's Birth Date must be YYYYMMDD, was '" + birthDate + "'");
    }
  }

  /**
   * From a query's PatientID and IssuerOfPatientID. A PatientID in CX form ({@code id^^^&oid&ISO}, as XDS
   * writes it) carries its own assigning authority.
   *
   * @throws IllegalArgumentException when the id is blank or a wildcard, or a CX authority contradicts the
   *                                  issuer given beside it
   */
  public static PatientSelector of(String patientId, String issuerOfPatientId) {
    if (patientId == null || patientId.isBlank()) {
      throw new IllegalArgumentException("a Patient ID must not be blank");
    }
    String issuer = blankToNull(issuerOfPatientId);
    if (patientId.indexOf('^') < 0) {
      return new PatientSelector(patientId, issuer, null, null, null);
    }
    Cx cx = Cx.parse(patientId);
    if (cx.assigningAuthority() != null && issuer != null && !issuer.equals(cx.assigningAuthority())) {
      throw new IllegalArgumentException("the Patient ID's assigning authority " + cx.assigningAuthority()
          + " contradicts the Issuer of Patient ID " + issuer);
    }
    return new PatientSelector(cx.id(), issuer != null ? issuer : cx.assigningAuthority(), null, null, null);
  }

  public PatientSelector withDemographics(String patientName, String patientBirthDate, String patientSex) {
    return new PatientSelector(id, issuer, patientName, patientBirthDate, patientSex);
  }

  /** Whether XCPD has anything to match on: an issuer-qualified id, or a family name or birth date. */
  boolean discoverable() {
    return issuer != null || name != null || birthDate != null;
  }

  /** "id" or "id|issuer": names the patient in caches and the locator. */
  String key() {
    return issuer == null ? id : id + "|" + issuer;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
