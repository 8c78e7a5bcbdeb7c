package org.xcaibridge.studies;

/** The PS3.6 tags the study core reads and writes that {@link org.xcaibridge.dicom.Tag} does not name. */
final class Tags {
  private Tags() {}

  static final int SpecificCharacterSet = 0x00080005;
  static final int SOPClassUID = 0x00080016;
  static final int SOPInstanceUID = 0x00080018;
  static final int StudyDate = 0x00080020;
  static final int SeriesDate = 0x00080021;
  static final int StudyTime = 0x00080030;
  static final int SeriesTime = 0x00080031;
  static final int AccessionNumber = 0x00080050;
  static final int Modality = 0x00080060;
  static final int ModalitiesInStudy = 0x00080061;
  static final int ReferringPhysicianName = 0x00080090;
  static final int StudyDescription = 0x00081030;
  static final int SeriesDescription = 0x0008103E;
  static final int AvailableTransferSyntaxUID = 0x00083002;
  static final int PatientName = 0x00100010;
  static final int PatientID = 0x00100020;
  static final int IssuerOfPatientID = 0x00100021;
  static final int PatientBirthDate = 0x00100030;
  static final int PatientSex = 0x00100040;
  static final int StudyInstanceUID = 0x0020000D;
  static final int SeriesInstanceUID = 0x0020000E;
  static final int StudyID = 0x00200010;
  static final int SeriesNumber = 0x00200011;
  static final int InstanceNumber = 0x00200013;
  static final int NumberOfStudyRelatedSeries = 0x00201206;
  static final int NumberOfStudyRelatedInstances = 0x00201208;
  static final int NumberOfSeriesRelatedInstances = 0x00201209;
  static final int NumberOfFrames = 0x00280008;
  static final int Rows = 0x00280010;
  static final int Columns = 0x00280011;
  static final int BitsAllocated = 0x00280100;
  static final int PixelData = 0x7FE00010;
}
