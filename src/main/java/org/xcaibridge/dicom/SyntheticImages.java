package org.xcaibridge.dicom;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds the datasets of synthetic instances: the modules shared by every image IOD here (Patient,
 * General Study, Patient Study, General Series, General Equipment, General Acquisition, General Image,
 * SOP Common; PS3.3 C.7), then the modality's own modules ({@link SyntheticModalities}).
 */
final class SyntheticImages {
  private SyntheticImages() {}

  static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
  static final DateTimeFormatter TM_MILLIS = DateTimeFormatter.ofPattern("HHmmss.SSS");

  // PS3.6 tags of the shared modules, in the standard's names
  static final int ImageType = 0x00080008;
  static final int InstanceCreationDate = 0x00080012;
  static final int InstanceCreationTime = 0x00080013;
  static final int SeriesDate = 0x00080021;
  static final int AcquisitionDate = 0x00080022;
  static final int ContentDate = 0x00080023;
  static final int SeriesTime = 0x00080031;
  static final int AcquisitionTime = 0x00080032;
  static final int ContentTime = 0x00080033;
  static final int Manufacturer = 0x00080070;
  static final int InstitutionName = 0x00080080;
  static final int ReferringPhysicianName = 0x00080090;
  static final int StationName = 0x00081010;
  static final int StudyDescription = 0x00081030;
  static final int SeriesDescription = 0x0008103E;
  static final int ManufacturerModelName = 0x00081090;
  static final int IssuerOfPatientID = 0x00100021;
  static final int PatientBirthDate = 0x00100030;
  static final int PatientSex = 0x00100040;
  static final int PatientAge = 0x00101010;
  static final int PatientSize = 0x00101020;
  static final int PatientWeight = 0x00101030;
  static final int BodyPartExamined = 0x00180015;
  static final int DeviceSerialNumber = 0x00181000;
  static final int SoftwareVersions = 0x00181020;
  static final int ProtocolName = 0x00181030;
  static final int PatientPosition = 0x00185100;
  static final int StudyID = 0x00200010;
  static final int SeriesNumber = 0x00200011;
  static final int AcquisitionNumber = 0x00200012;
  static final int InstanceNumber = 0x00200013;
  static final int PatientOrientation = 0x00200020;
  static final int FrameOfReferenceUID = 0x00200052;
  static final int PositionReferenceIndicator = 0x00201040;
  static final int HighBit = 0x00280102;
  static final int BurnedInAnnotation = 0x00280301;
  static final int WindowCenter = 0x00281050;
  static final int WindowWidth = 0x00281051;
  static final int WindowCenterWidthExplanation = 0x00281055;
  static final int LossyImageCompression = 0x00282110;

  /** The dataset of instance {@code index} (0-based) of {@code series} in {@code study}. */
  static Dataset instance(SyntheticStudies.Study study, SyntheticSeries series, int index) {
    if (index < 0 || index >= series.instanceCount()) {
      throw new IllegalArgumentException("series " + series.header().number() + " has " + series.instanceCount()
          + " instances, no index " + index);
    }
    String uid = series.header().seriesInstanceUid();
    if (study.series().stream().noneMatch(x -> x.header().seriesInstanceUid().equals(uid))) {
      throw new IllegalArgumentException("series " + series.header().seriesInstanceUid() + " is not part of study "
          + study.studyInstanceUid());
    }
    Dataset d = new Dataset();
    d.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
    sopCommon(d, study, series, index);
    patient(d, study);
    generalStudy(d, study);
    generalSeries(d, series);
    generalEquipment(d, series);
    LocalDateTime content = contentTime(series, index);
    d.putString(AcquisitionNumber, VR.IS, "1");
    d.putString(AcquisitionDate, VR.DA, DA.format(content));
    d.putString(AcquisitionTime, VR.TM, TM_MILLIS.format(content));
    d.putInt(InstanceNumber, VR.IS, index + 1);
    d.putString(ContentDate, VR.DA, DA.format(content));
    d.putString(ContentTime, VR.TM, TM_MILLIS.format(content));
    d.putString(BurnedInAnnotation, VR.CS, "NO");
    if (series instanceof SyntheticSeries.Ct ct) {
      SyntheticModalities.ct(d, study, ct, index);
    } else if (series instanceof SyntheticSeries.Mr mr) {
      SyntheticModalities.mr(d, study, mr, index);
    } else if (series instanceof SyntheticSeries.UsCine us) {
      SyntheticModalities.us(d, us);
    } else if (series instanceof SyntheticSeries.Cr cr) {
      SyntheticModalities.cr(d, cr, index);
    }
    return d;
  }

  /** Native pixel data goes in Explicit VR Little Endian; radiographs are JPEG Baseline. */
  static TransferSyntax transferSyntax(SyntheticSeries series) {
    return series instanceof SyntheticSeries.Cr ? TransferSyntax.JPEG_BASELINE : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
  }

  /** Acquisition of a series proceeds at a steady pace: a CT slice every 0.35 s, an MR slice every 4 s. */
  static LocalDateTime contentTime(SyntheticSeries s, int index) {
    long millisPerInstance = s instanceof SyntheticSeries.Ct ? 350 : s instanceof SyntheticSeries.Mr ? 4000 : 45_000;
    return s.header().dateTime().plusNanos(index * millisPerInstance * 1_000_000L);
  }

  private static void sopCommon(Dataset d, SyntheticStudies.Study study, SyntheticSeries s, int index) {
    d.putString(Tag.SOPClassUID, VR.UI, s.sopClassUid());
    d.putString(Tag.SOPInstanceUID, VR.UI, s.header().sopInstanceUids().get(index));
    d.putString(InstanceCreationDate, VR.DA, DA.format(study.created()));
    d.putString(InstanceCreationTime, VR.TM, TM.format(study.created()));
  }

  private static void patient(Dataset d, SyntheticStudies.Study study) {
    SyntheticStudies.Patient p = study.patient();
    d.putString(Tag.PatientName, VR.PN, p.name());
    d.putString(Tag.PatientID, VR.LO, p.id());
    d.putString(IssuerOfPatientID, VR.LO, p.issuer());
    d.putString(PatientBirthDate, VR.DA, DA.format(p.birthDate()));
    d.putString(PatientSex, VR.CS, p.sex());
    // Patient Study module (PS3.3 C.7.2.2)
    int years = Period.between(p.birthDate(), study.dateTime().toLocalDate()).getYears();
    d.putString(PatientAge, VR.AS, String.format("%03dY", Math.max(0, years)));
    d.putString(PatientSize, VR.DS, ds(p.heightCm() / 100.0));
    d.putString(PatientWeight, VR.DS, ds(p.weightKg()));
  }

  private static void generalStudy(Dataset d, SyntheticStudies.Study st) {
    d.putString(Tag.StudyInstanceUID, VR.UI, st.studyInstanceUid());
    d.putString(Tag.StudyDate, VR.DA, DA.format(st.dateTime()));
    d.putString(Tag.StudyTime, VR.TM, TM.format(st.dateTime()));
    d.putString(ReferringPhysicianName, VR.PN, st.referringPhysicianName());
    d.putString(StudyID, VR.SH, st.studyId());
    d.putString(Tag.AccessionNumber, VR.SH, st.accessionNumber());
    d.putString(StudyDescription, VR.LO, st.description());
  }

  private static void generalSeries(Dataset d, SyntheticSeries s) {
    SyntheticSeries.Header h = s.header();
    d.putString(Tag.Modality, VR.CS, s.modality());
    d.putString(Tag.SeriesInstanceUID, VR.UI, h.seriesInstanceUid());
    d.putInt(SeriesNumber, VR.IS, h.number());
    d.putString(SeriesDate, VR.DA, DA.format(h.dateTime()));
    d.putString(SeriesTime, VR.TM, TM.format(h.dateTime()));
    d.putString(SeriesDescription, VR.LO, h.description());
    d.putString(ProtocolName, VR.LO, h.description());
  }

  private static void generalEquipment(Dataset d, SyntheticSeries s) {
    d.putString(Manufacturer, VR.LO, "XCAI Bridge Synthetic");
    d.putString(InstitutionName, VR.LO, "XCAI Demo Hospital");
    d.putString(StationName, VR.SH, s.modality() + "01");
    d.putString(ManufacturerModelName, VR.LO, "Synthetic " + s.modality());
    d.putString(DeviceSerialNumber, VR.LO, s.modality() + "-" + Long.toString(Math.floorMod(s.header().seed(), 100_000L)));
    d.putString(SoftwareVersions, VR.LO, "xcai-bridge generator 1");
  }

  // ---- value helpers shared with the modality modules ------------------------------------------------

  /** A decimal string of at most 16 characters (PS3.5 §6.2 DS): exact when it fits, else rounded. */
  static String ds(double v) {
    String s = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    for (int digits = 15; s.length() > 16 && digits > 1; digits--) {
      s = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
    return s;
  }

  static String[] ds(double... v) {
    String[] out = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = ds(v[i]);
    }
    return out;
  }

  static void putDs(Dataset d, int tag, double... v) {
    d.putString(tag, VR.DS, ds(v));
  }

  static void putFd(Dataset d, int tag, double... v) {
    byte[] b = new byte[8 * v.length];
    for (int i = 0; i < v.length; i++) {
      Values.writeLe(b, 8 * i, 8, Double.doubleToLongBits(v[i]));
    }
    d.put(new DataElement.Value(tag, VR.FD, b));
  }

  /** An AT value: group then element, each a 16-bit little-endian number (PS3.5 §6.2). */
  static void putAt(Dataset d, int tag, int value) {
    byte[] b = new byte[4];
    Values.writeLe(b, 0, 2, Tag.group(value));
    Values.writeLe(b, 2, 2, Tag.element(value));
    d.put(new DataElement.Value(tag, VR.AT, b));
  }

  /** The Image Pixel module (PS3.3 C.7.6.3) for one grayscale sample per pixel. */
  static void imagePixel(Dataset d, int rows, int cols, int bitsAllocated, int bitsStored, boolean signed, String photometric) {
    d.putInt(Tag.SamplesPerPixel, VR.US, 1);
    d.putString(Tag.PhotometricInterpretation, VR.CS, photometric);
    d.putInt(Tag.Rows, VR.US, rows);
    d.putInt(Tag.Columns, VR.US, cols);
    d.putInt(Tag.BitsAllocated, VR.US, bitsAllocated);
    d.putInt(Tag.BitsStored, VR.US, bitsStored);
    d.putInt(HighBit, VR.US, bitsStored - 1);
    d.putInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
  }

  static void window(Dataset d, List<Double> centers, List<Double> widths, List<String> explanations) {
    d.putString(WindowCenter, VR.DS, centers.stream().map(SyntheticImages::ds).toArray(String[]::new));
    d.putString(WindowWidth, VR.DS, widths.stream().map(SyntheticImages::ds).toArray(String[]::new));
    d.putString(WindowCenterWidthExplanation, VR.LO, explanations.toArray(String[]::new));
  }

  /** 16-bit samples as little-endian bytes. */
  static byte[] le16(short[] samples) {
    byte[] b = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      b[2 * i] = (byte) samples[i];
      b[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return b;
  }
}
