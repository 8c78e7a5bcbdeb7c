package org.xcaibridge.studies;

import java.util.List;

/**
 * The study-level attributes a QIDO-RS study row carries (PS3.18 Table 10.6.3-3), as learnt from the manifest
 * and its DocumentEntry; text as DICOM encodes it (DA, TM, PN), null when unknown. Kept by the locator so a query
 * naming no patient, or a deep link after a restart, is answered without asking any community.
 *
 * @param patientId         the Patient ID the viewer searched with (the community's own id when that differs
 *                          is in {@link StudyLocation#communityPatientId()})
 * @param issuerOfPatientId the issuer the viewer searched with, or null
 * @param modalities        Modalities in Study, without repeats
 * @param numberOfSeries    series listed in the manifest
 * @param numberOfInstances instances listed in the manifest
 */
public record StudySummary(String patientName, String patientId, String issuerOfPatientId, String patientBirthDate,
    String patientSex, String studyDate, String studyTime, String accessionNumber, String studyDescription,
    String referringPhysicianName, String studyId, List<String> modalities, int numberOfSeries,
    int numberOfInstances) {
  public StudySummary {
    modalities = List.copyOf(modalities);
  }
}
