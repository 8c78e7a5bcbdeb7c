package org.xcaibridge.responder;

import java.util.Objects;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.PatientRecord;

/**
 * What an archive index keeps of one instance: the patient, study and series attributes it was stored with and
 * the instance itself. Read from a file's header or from a QIDO-RS result, which both are datasets.
 */
record InstanceHeader(PatientRecord patient, StudyAttributes study, SeriesAttributes series, InstanceRecord instance) {
  InstanceHeader {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(study, "study");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(instance, "instance");
  }

  /** General Study attributes (PS3.3 C.7.2.1). */
  record StudyAttributes(String uid, String date, String time, String accessionNumber, String description,
                         String referringPhysicianName, String studyId) {}

  /** General Series attributes (PS3.3 C.7.3.1). */
  record SeriesAttributes(String uid, String modality, Integer number, String description, String date, String time) {}

  /** Why a dataset cannot be an instance of the index: a UID it must have is missing. */
  static String missingUid(Dataset ds) {
    if (text(ds, Tag.SOPInstanceUID) == null) {
      return "no SOP Instance UID (0008,0018)";
    }
    if (text(ds, Tag.SOPClassUID) == null) {
      return "no SOP Class UID (0008,0016)";
    }
    if (text(ds, Tag.StudyInstanceUID) == null) {
      return "no Study Instance UID (0020,000D)";
    }
    if (text(ds, Tag.SeriesInstanceUID) == null) {
      return "no Series Instance UID (0020,000E)";
    }
    return null;
  }

  /**
   * The header of a dataset that has all four UIDs ({@link #missingUid} is null).
   *
   * @param transferSyntaxUid the stored syntax, or null when unknown
   * @param size              bytes stored, or -1
   */
  static InstanceHeader of(Dataset ds, String transferSyntaxUid, long size) {
    String id = text(ds, Tag.PatientID);
    PatientRecord patient = new PatientRecord(id == null ? "" : id, text(ds, ArchiveTags.IssuerOfPatientID),
        text(ds, Tag.PatientName), text(ds, ArchiveTags.PatientBirthDate), text(ds, ArchiveTags.PatientSex));
    String studyUid = text(ds, Tag.StudyInstanceUID);
    String seriesUid = text(ds, Tag.SeriesInstanceUID);
    StudyAttributes study = new StudyAttributes(studyUid, text(ds, Tag.StudyDate), text(ds, Tag.StudyTime),
        text(ds, Tag.AccessionNumber), text(ds, ArchiveTags.StudyDescription), text(ds, ArchiveTags.ReferringPhysicianName),
        text(ds, ArchiveTags.StudyID));
    SeriesAttributes series = new SeriesAttributes(seriesUid, text(ds, Tag.Modality), number(ds, ArchiveTags.SeriesNumber),
        text(ds, ArchiveTags.SeriesDescription), text(ds, ArchiveTags.SeriesDate), text(ds, ArchiveTags.SeriesTime));
    InstanceRecord instance = new InstanceRecord(studyUid, seriesUid, text(ds, Tag.SOPClassUID), text(ds, Tag.SOPInstanceUID),
        number(ds, ArchiveTags.InstanceNumber), transferSyntaxUid, size);
    return new InstanceHeader(patient, study, series, instance);
  }

  /** The first value of a text element, or null when absent or empty. */
  static String text(Dataset ds, int tag) {
    String v;
    try {
      v = ds.string(tag);
    } catch (RuntimeException e) { // undecodable text is as good as absent for an index
      return null;
    }
    return v == null || v.isEmpty() ? null : v;
  }

  static Integer number(Dataset ds, int tag) {
    long n;
    try {
      n = ds.integer(tag, Long.MIN_VALUE);
    } catch (RuntimeException e) {
      return null;
    }
    return n == Long.MIN_VALUE || n != (int) n ? null : (int) n;
  }
}
