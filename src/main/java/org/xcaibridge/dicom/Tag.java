package org.xcaibridge.dicom;

/** Tags as 32-bit ints (group in the high half), with the constants this codebase names. */
public final class Tag {
  private Tag() {}

  public static final int FileMetaInformationGroupLength = 0x00020000;
  public static final int MediaStorageSOPClassUID = 0x00020002;
  public static final int MediaStorageSOPInstanceUID = 0x00020003;
  public static final int TransferSyntaxUID = 0x00020010;
  public static final int ImplementationClassUID = 0x00020012;
  public static final int ImplementationVersionName = 0x00020013;
  public static final int SpecificCharacterSet = 0x00080005;
  public static final int SOPClassUID = 0x00080016;
  public static final int SOPInstanceUID = 0x00080018;
  public static final int StudyDate = 0x00080020;
  public static final int StudyTime = 0x00080030;
  public static final int AccessionNumber = 0x00080050;
  public static final int RetrieveAETitle = 0x00080054;
  public static final int Modality = 0x00080060;
  public static final int ReferencedSeriesSequence = 0x00081115;
  public static final int ReferencedSOPClassUID = 0x00081150;
  public static final int ReferencedSOPInstanceUID = 0x00081155;
  public static final int ReferencedSOPSequence = 0x00081199;
  public static final int RetrieveURL = 0x00081190;
  public static final int PatientName = 0x00100010;
  public static final int PatientID = 0x00100020;
  public static final int StudyInstanceUID = 0x0020000D;
  public static final int SeriesInstanceUID = 0x0020000E;
  public static final int SamplesPerPixel = 0x00280002;
  public static final int PhotometricInterpretation = 0x00280004;
  public static final int PlanarConfiguration = 0x00280006;
  public static final int NumberOfFrames = 0x00280008;
  public static final int Rows = 0x00280010;
  public static final int Columns = 0x00280011;
  public static final int BitsAllocated = 0x00280100;
  public static final int BitsStored = 0x00280101;
  public static final int PixelRepresentation = 0x00280103;
  public static final int RetrieveLocationUID = 0x0040E011;
  public static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;
  public static final int ExtendedOffsetTable = 0x7FE00001;
  public static final int ExtendedOffsetTableLengths = 0x7FE00002;
  public static final int FloatPixelData = 0x7FE00008;
  public static final int DoubleFloatPixelData = 0x7FE00009;
  public static final int PixelData = 0x7FE00010;
  public static final int Item = 0xFFFEE000;
  public static final int ItemDelimitationItem = 0xFFFEE00D;
  public static final int SequenceDelimitationItem = 0xFFFEE0DD;

  public static int group(int tag) {
    return tag >>> 16;
  }

  public static int element(int tag) {
    return tag & 0xFFFF;
  }

  /** Private tags have an odd group number (PS3.5 §7.8). */
  public static boolean isPrivate(int tag) {
    return (group(tag) & 1) == 1;
  }

  /** Group length elements (gggg,0000), which DICOM JSON leaves out. */
  public static boolean isGroupLength(int tag) {
    return element(tag) == 0;
  }

  /** A private creator element (gggg,0010-00FF) reserves a block of a private group. */
  public static boolean isPrivateCreator(int tag) {
    int e = element(tag);
    return isPrivate(tag) && e >= 0x10 && e <= 0xFF;
  }

  /** Eight upper-case hex digits, the key form of DICOM JSON (PS3.18 F.2.1). */
  public static String hex(int tag) {
    char[] c = new char[8];
    for (int i = 7; i >= 0; i--) {
      c[i] = Character.toUpperCase(Character.forDigit(tag & 0xF, 16));
      tag >>>= 4;
    }
    return new String(c);
  }

  /** The (gggg,eeee) form used in messages. */
  public static String toString(int tag) {
    String h = hex(tag);
    return "(" + h.substring(0, 4) + "," + h.substring(4) + ")";
  }
}
