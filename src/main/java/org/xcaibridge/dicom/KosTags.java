package org.xcaibridge.dicom;

/** Tags of the Key Object Selection Document IOD (PS3.3 A.35.4) that {@link Tag} does not name. */
final class KosTags {
  private KosTags() {}

  static final int ContentDate = 0x00080023;
  static final int ContentTime = 0x00080033;
  static final int Manufacturer = 0x00080070;
  static final int ReferringPhysicianName = 0x00080090;
  static final int CodeValue = 0x00080100;
  static final int CodingSchemeDesignator = 0x00080102;
  static final int CodeMeaning = 0x00080104;
  static final int MappingResource = 0x00080105;
  static final int StudyDescription = 0x00081030;
  static final int SeriesDescription = 0x0008103E;
  static final int ReferencedPerformedProcedureStepSequence = 0x00081111;
  static final int IssuerOfPatientID = 0x00100021;
  static final int PatientBirthDate = 0x00100030;
  static final int PatientSex = 0x00100040;
  static final int StudyID = 0x00200010;
  static final int SeriesNumber = 0x00200011;
  static final int InstanceNumber = 0x00200013;
  static final int RelationshipType = 0x0040A010;
  static final int ValueType = 0x0040A040;
  static final int ConceptNameCodeSequence = 0x0040A043;
  static final int ContinuityOfContent = 0x0040A050;
  static final int PertinentOtherEvidenceSequence = 0x0040A385;
  static final int ContentTemplateSequence = 0x0040A504;
  static final int ContentSequence = 0x0040A730;
  static final int TemplateIdentifier = 0x0040DB00;
}
