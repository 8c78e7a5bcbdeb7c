package org.xcaibridge.responder;

/** Tags the archive reads that {@link org.xcaibridge.dicom.Tag} does not name (PS3.6). */
final class ArchiveTags {
  private ArchiveTags() {}

  static final int DirectoryRecordSequence = 0x00041220;
  static final int SeriesDate = 0x00080021;
  static final int SeriesTime = 0x00080031;
  static final int ModalitiesInStudy = 0x00080061;
  static final int ReferringPhysicianName = 0x00080090;
  static final int StudyDescription = 0x00081030;
  static final int SeriesDescription = 0x0008103E;
  static final int AvailableTransferSyntaxUID = 0x00083002;
  static final int IssuerOfPatientID = 0x00100021;
  static final int PatientBirthDate = 0x00100030;
  static final int PatientSex = 0x00100040;
  static final int StudyID = 0x00200010;
  static final int SeriesNumber = 0x00200011;
  static final int InstanceNumber = 0x00200013;
  static final int NumberOfStudyRelatedSeries = 0x00201206;
  static final int NumberOfStudyRelatedInstances = 0x00201208;

  /** Media Storage Directory Storage: a DICOMDIR, which indexes files but is no instance of a study. */
  static final String MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10";
}
