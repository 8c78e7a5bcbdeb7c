package org.xcaibridge.studies;

import java.util.List;

/**
 * A study search as the core takes it from a QIDO-RS query: the patient (when the query names exactly one), and
 * hints that let communities return less (issue 6 point 2). Hints narrow the ITI-38 query where the standard has
 * a parameter for them; the front still applies every QIDO match to the rows, so a hint may be ignored.
 *
 * @param patient           the patient; null when the query names none: then only studies already located
 *                          are answered, and no community is asked
 * @param studyInstanceUids Study Instance UIDs asked for (FindDocumentsByReferenceId where the community
 *                          supports it); empty for any
 * @param dateFrom          StudyDate lower bound, DA {@code YYYYMMDD}, or null (serviceStartTime, one day of
 *                          slack for time zones)
 * @param dateTo            StudyDate upper bound, DA {@code YYYYMMDD}, or null
 * @param modalities        ModalitiesInStudy asked for (eventCodeList, where the community is configured
 *                          for it); empty for any
 */
public record StudySearch(PatientSelector patient, List<String> studyInstanceUids, String dateFrom, String dateTo,
    List<String> modalities) {
  public StudySearch {
    studyInstanceUids = List.copyOf(studyInstanceUids);
    modalities = List.copyOf(modalities);
    for (String d : new String[] {dateFrom, dateTo}) {
      if (d != null && !d.matches("\\d{8}")) {
        throw new IllegalArgumentException("a StudyDate bound must be YYYYMMDD, was '" + d + "'");
      }
    }
  }

  /** All studies of a patient. */
  public static StudySearch forPatient(PatientSelector patient) {
    return new StudySearch(patient, List.of(), null, null, List.of());
  }

  /** Studies already located, by UID (none: all of them). */
  public static StudySearch located(List<String> studyInstanceUids) {
    return new StudySearch(null, studyInstanceUids, null, null, List.of());
  }
}
