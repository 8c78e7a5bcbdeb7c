package org.xcaibridge.dicom;

import java.util.List;

/**
 * The modality-specific modules of the synthetic instances: Frame of Reference, Image Plane, Image Pixel
 * and the CT Image (PS3.3 C.8.2.1), MR Image (C.8.3.1), US Image / Cine / Multi-frame / US Region
 * Calibration (C.8.5.6, C.7.6.5, C.7.6.6, C.8.5.5) and CR Series / CR Image (C.8.1) modules, plus VOI LUT
 * (C.11.2) and the pixel data itself.
 */
final class SyntheticModalities {
  private SyntheticModalities() {}

  private static final int CodeValue = 0x00080100;
  private static final int CodingSchemeDesignator = 0x00080102;
  private static final int CodeMeaning = 0x00080104;
  private static final int CTDIPhantomTypeCodeSequence = 0x00189346;
  private static final int ScanningSequence = 0x00180020;
  private static final int SequenceVariant = 0x00180021;
  private static final int ScanOptions = 0x00180022;
  private static final int MRAcquisitionType = 0x00180023;
  private static final int SequenceName = 0x00180024;
  private static final int AngioFlag = 0x00180025;
  private static final int CineRate = 0x00180040;
  private static final int SliceThickness = 0x00180050;
  private static final int KVP = 0x00180060;
  private static final int EffectiveDuration = 0x00180072;
  private static final int RepetitionTime = 0x00180080;
  private static final int EchoTime = 0x00180081;
  private static final int NumberOfAverages = 0x00180083;
  private static final int ImagingFrequency = 0x00180084;
  private static final int ImagedNucleus = 0x00180085;
  private static final int EchoNumbers = 0x00180086;
  private static final int MagneticFieldStrength = 0x00180087;
  private static final int SpacingBetweenSlices = 0x00180088;
  private static final int NumberOfPhaseEncodingSteps = 0x00180089;
  private static final int DataCollectionDiameter = 0x00180090;
  private static final int EchoTrainLength = 0x00180091;
  private static final int PercentSampling = 0x00180093;
  private static final int PercentPhaseFieldOfView = 0x00180094;
  private static final int PixelBandwidth = 0x00180095;
  private static final int FrameTime = 0x00181063;
  private static final int ReconstructionDiameter = 0x00181100;
  private static final int DistanceSourceToDetector = 0x00181110;
  private static final int DistanceSourceToPatient = 0x00181111;
  private static final int GantryDetectorTilt = 0x00181120;
  private static final int TableHeight = 0x00181130;
  private static final int RotationDirection = 0x00181140;
  private static final int ExposureTime = 0x00181150;
  private static final int XRayTubeCurrent = 0x00181151;
  private static final int Exposure = 0x00181152;
  private static final int FilterType = 0x00181160;
  private static final int ImagerPixelSpacing = 0x00181164;
  private static final int ConvolutionKernel = 0x00181210;
  private static final int ActualFrameDuration = 0x00181242;
  private static final int ReceiveCoilName = 0x00181250;
  private static final int TransmitCoilName = 0x00181251;
  private static final int AcquisitionMatrix = 0x00181310;
  private static final int InPlanePhaseEncodingDirection = 0x00181312;
  private static final int FlipAngle = 0x00181314;
  private static final int TransducerData = 0x00185010;
  private static final int MechanicalIndex = 0x00185022;
  private static final int SoftTissueThermalIndex = 0x00185027;
  private static final int DepthOfScanField = 0x00185050;
  private static final int ViewPosition = 0x00185101;
  private static final int SequenceOfUltrasoundRegions = 0x00186011;
  private static final int RegionSpatialFormat = 0x00186012;
  private static final int RegionDataType = 0x00186014;
  private static final int RegionFlags = 0x00186016;
  private static final int RegionLocationMinX0 = 0x00186018;
  private static final int RegionLocationMinY0 = 0x0018601A;
  private static final int RegionLocationMaxX1 = 0x0018601C;
  private static final int RegionLocationMaxY1 = 0x0018601E;
  private static final int PhysicalUnitsXDirection = 0x00186024;
  private static final int PhysicalUnitsYDirection = 0x00186026;
  private static final int PhysicalDeltaX = 0x0018602C;
  private static final int PhysicalDeltaY = 0x0018602E;
  private static final int TransducerType = 0x00186031;
  private static final int SpiralPitchFactor = 0x00189311;
  private static final int CTDIvol = 0x00189345;
  private static final int ImagePositionPatient = 0x00200032;
  private static final int ImageOrientationPatient = 0x00200037;
  private static final int SliceLocation = 0x00201041;
  private static final int FrameIncrementPointer = 0x00280009;
  private static final int PixelSpacing = 0x00280030;
  private static final int RescaleIntercept = 0x00281052;
  private static final int RescaleSlope = 0x00281053;
  private static final int RescaleType = 0x00281054;
  private static final int LossyImageCompressionRatio = 0x00282112;
  private static final int LossyImageCompressionMethod = 0x00282114;
  private static final int RecommendedDisplayFrameRate = 0x00082144;
  private static final int StartTrim = 0x00082142;
  private static final int StopTrim = 0x00082143;

  /** Stored CT values are HU − intercept, so that air and water are positive in signed 16 bits. */
  static final int CT_RESCALE_INTERCEPT = -1024;

  private static final double[] AXIAL_ROW = {1, 0, 0};
  private static final double[] AXIAL_COLUMN = {0, 1, 0};
  private static final double[] SAGITTAL_ROW = {0, 1, 0};
  private static final double[] SAGITTAL_COLUMN = {0, 0, -1};

  /** Noise seed of one image: the series seed mixed with the index (SplittableRandom scrambles it further). */
  static long seed(SyntheticSeries s, int index) {
    return s.header().seed() ^ (0x9E3779B97F4A7C15L * (index + 1));
  }

  static void ct(Dataset d, SyntheticStudies.Study st, SyntheticSeries.Ct ct, int i) {
    boolean head = ct.region() == SyntheticSeries.Region.HEAD;
    int n = SyntheticSeries.Ct.MATRIX;
    double fov = ct.fieldOfViewMm();
    double sp = fov / n;
    double z = ct.firstSliceZ() - i * ct.sliceThickness();
    double[] origin = {-fov / 2 + sp / 2, -fov / 2 + sp / 2, z};
    d.putString(SyntheticImages.BodyPartExamined, VR.CS, head ? "HEAD" : "CHESTABDOMEN");
    d.putString(SyntheticImages.PatientPosition, VR.CS, "HFS");
    frameOfReference(d, st);
    imagePlane(d, origin, AXIAL_ROW, AXIAL_COLUMN, sp, ct.sliceThickness(), z);
    d.putString(SyntheticImages.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
    SyntheticImages.imagePixel(d, n, n, 16, 16, true, "MONOCHROME2");
    SyntheticImages.putDs(d, RescaleIntercept, CT_RESCALE_INTERCEPT);
    SyntheticImages.putDs(d, RescaleSlope, 1);
    d.putString(RescaleType, VR.LO, "HU");
    d.putString(KVP, VR.DS, "120");
    SyntheticImages.putDs(d, DataCollectionDiameter, 500);
    SyntheticImages.putDs(d, ReconstructionDiameter, fov);
    SyntheticImages.putDs(d, DistanceSourceToDetector, 1040);
    SyntheticImages.putDs(d, DistanceSourceToPatient, 570);
    SyntheticImages.putDs(d, GantryDetectorTilt, 0);
    SyntheticImages.putDs(d, TableHeight, 160);
    d.putString(RotationDirection, VR.CS, "CW");
    d.putInt(ExposureTime, VR.IS, 500);
    d.putInt(XRayTubeCurrent, VR.IS, head ? 300 : 220);
    d.putInt(Exposure, VR.IS, head ? 150 : 110);
    d.putString(FilterType, VR.SH, head ? "HEAD FILTER" : "BODY FILTER");
    d.putString(ConvolutionKernel, VR.SH, ct.kernel());
    d.putString(ScanOptions, VR.CS, "HELICAL MODE");
    SyntheticImages.putFd(d, SpiralPitchFactor, head ? 0.55 : 0.984);
    SyntheticImages.putFd(d, CTDIvol, head ? 52.3 : 11.8);
    // CTDIvol means something only with its phantom (CID 4052: IEC head or body dosimetry phantom)
    Dataset phantom = new Dataset();
    phantom.putString(CodeValue, VR.SH, head ? "113690" : "113691");
    phantom.putString(CodingSchemeDesignator, VR.SH, "DCM");
    phantom.putString(CodeMeaning, VR.LO, head ? "IEC Head Dosimetry Phantom" : "IEC Body Dosimetry Phantom");
    d.putSequence(CTDIPhantomTypeCodeSequence, List.of(phantom));
    if (head) {
      SyntheticImages.window(d, List.of(40.0), List.of(80.0), List.of("BRAIN"));
    } else {
      SyntheticImages.window(d, List.of(40.0, -600.0), List.of(400.0, 1500.0), List.of("SOFT TISSUE", "LUNG"));
    }
    d.putString(SyntheticImages.LossyImageCompression, VR.CS, "00");
    Phantom.Tissue[] t = Phantom.sample(Phantom.shapes(ct.region()), origin, AXIAL_ROW, AXIAL_COLUMN, sp, n);
    short[] stored = Phantom.ctSlice(t, head ? 8 : 24, seed(ct, i));
    for (int k = 0; k < stored.length; k++) {
      stored[k] = (short) (stored[k] - CT_RESCALE_INTERCEPT);
    }
    d.put(new DataElement.Value(Tag.PixelData, VR.OW, SyntheticImages.le16(stored)));
  }

  static void mr(Dataset d, SyntheticStudies.Study st, SyntheticSeries.Mr mr, int i) {
    boolean sagittal = mr.orientation() == SyntheticSeries.Orientation.SAGITTAL;
    boolean t2 = mr.weighting() == SyntheticSeries.Weighting.T2;
    double[] row = sagittal ? SAGITTAL_ROW : AXIAL_ROW;
    double[] col = sagittal ? SAGITTAL_COLUMN : AXIAL_COLUMN;
    double[] normal = cross(row, col);
    int n = SyntheticSeries.Mr.MATRIX;
    double sp = SyntheticSeries.Mr.FIELD_OF_VIEW_MM / n;
    double along = mr.firstPosition() + i * mr.sliceThickness();
    double[] origin = new double[3];
    for (int k = 0; k < 3; k++) {
      origin[k] = normal[k] * along - (n / 2.0 - 0.5) * sp * (row[k] + col[k]);
    }
    d.putString(SyntheticImages.BodyPartExamined, VR.CS, mr.region() == SyntheticSeries.Region.HEAD ? "HEAD" : "CHEST");
    d.putString(SyntheticImages.PatientPosition, VR.CS, "HFS");
    frameOfReference(d, st);
    imagePlane(d, origin, row, col, sp, mr.sliceThickness(), along);
    d.putString(SyntheticImages.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "OTHER");
    SyntheticImages.imagePixel(d, n, n, 16, 12, false, "MONOCHROME2");
    d.putString(ScanningSequence, VR.CS, "SE");
    d.putString(SequenceVariant, VR.CS, t2 ? new String[] {"SK", "SP"} : new String[] {"SP"});
    d.putString(ScanOptions, VR.CS, t2 ? "PFP" : "");
    d.putString(MRAcquisitionType, VR.CS, "2D");
    d.putString(SequenceName, VR.SH, t2 ? "*tse2d1_15" : "*se2d1");
    d.putString(AngioFlag, VR.CS, "N");
    SyntheticImages.putDs(d, RepetitionTime, t2 ? 3500 : 500);
    SyntheticImages.putDs(d, EchoTime, t2 ? 95 : 12);
    SyntheticImages.putDs(d, NumberOfAverages, t2 ? 2 : 1);
    SyntheticImages.putDs(d, ImagingFrequency, 63.676);
    d.putString(ImagedNucleus, VR.SH, "1H");
    d.putInt(EchoNumbers, VR.IS, 1);
    SyntheticImages.putDs(d, MagneticFieldStrength, 1.5);
    SyntheticImages.putDs(d, SpacingBetweenSlices, mr.sliceThickness());
    d.putInt(NumberOfPhaseEncodingSteps, VR.IS, 256);
    d.putInt(EchoTrainLength, VR.IS, t2 ? 15 : 1);
    SyntheticImages.putDs(d, PercentSampling, 100);
    SyntheticImages.putDs(d, PercentPhaseFieldOfView, 100);
    SyntheticImages.putDs(d, PixelBandwidth, t2 ? 190 : 130);
    d.putString(ReceiveCoilName, VR.SH, "HEAD 16");
    d.putString(TransmitCoilName, VR.SH, "BODY");
    d.putInt(AcquisitionMatrix, VR.US, 0, 256, 256, 0);
    d.putString(InPlanePhaseEncodingDirection, VR.CS, "ROW");
    SyntheticImages.putDs(d, FlipAngle, t2 ? 150 : 90);
    SyntheticImages.window(d, List.of(t2 ? 1300.0 : 700.0), List.of(t2 ? 2600.0 : 1400.0), List.of(t2 ? "T2" : "T1"));
    Phantom.Tissue[] t = Phantom.sample(Phantom.shapes(mr.region()), origin, row, col, sp, n);
    short[] px = Phantom.mrSlice(t, n, mr.weighting(), seed(mr, i));
    d.put(new DataElement.Value(Tag.PixelData, VR.OW, SyntheticImages.le16(px)));
  }

  static void us(Dataset d, SyntheticSeries.UsCine us) {
    d.putString(SyntheticImages.BodyPartExamined, VR.CS, "ABDOMEN");
    d.putString(SyntheticImages.PatientOrientation, VR.CS, "");
    d.putString(SyntheticImages.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "ABDOMINAL", "0001");
    SyntheticImages.imagePixel(d, us.rows(), us.columns(), 8, 8, false, "MONOCHROME2");
    // Multi-frame (C.7.6.6) and Cine (C.7.6.5): frames are FrameTime apart
    d.putInt(Tag.NumberOfFrames, VR.IS, us.frames());
    SyntheticImages.putAt(d, FrameIncrementPointer, FrameTime);
    SyntheticImages.putDs(d, FrameTime, us.frameTimeMs());
    long rate = Math.round(1000 / us.frameTimeMs());
    d.putInt(CineRate, VR.IS, rate);
    d.putInt(RecommendedDisplayFrameRate, VR.IS, rate);
    d.putInt(StartTrim, VR.IS, 1);
    d.putInt(StopTrim, VR.IS, us.frames());
    d.putInt(ActualFrameDuration, VR.IS, Math.round(us.frameTimeMs()));
    SyntheticImages.putDs(d, EffectiveDuration, us.frames() * us.frameTimeMs() / 1000);
    d.putString(TransducerData, VR.LO, "C5-1");
    d.putString(TransducerType, VR.CS, "CURVED LINEAR");
    SyntheticImages.putDs(d, MechanicalIndex, 1.1);
    SyntheticImages.putDs(d, SoftTissueThermalIndex, 0.4);
    d.putInt(DepthOfScanField, VR.IS, 180);
    // US Region Calibration (C.8.5.5): the whole frame is one 2-D tissue region of 180 mm depth
    double cmPerPixel = 18.0 / us.rows();
    Dataset region = new Dataset();
    region.putInt(RegionSpatialFormat, VR.US, 1);
    region.putInt(RegionDataType, VR.US, 1);
    region.putInt(RegionFlags, VR.UL, 0);
    region.putInt(RegionLocationMinX0, VR.UL, 0);
    region.putInt(RegionLocationMinY0, VR.UL, 0);
    region.putInt(RegionLocationMaxX1, VR.UL, us.columns() - 1);
    region.putInt(RegionLocationMaxY1, VR.UL, us.rows() - 1);
    region.putInt(PhysicalUnitsXDirection, VR.US, 3);
    region.putInt(PhysicalUnitsYDirection, VR.US, 3);
    SyntheticImages.putFd(region, PhysicalDeltaX, cmPerPixel);
    SyntheticImages.putFd(region, PhysicalDeltaY, cmPerPixel);
    d.putSequence(SequenceOfUltrasoundRegions, List.of(region));
    SyntheticImages.window(d, List.of(128.0), List.of(256.0), List.of("LINEAR"));
    byte[] px = Phantom.usCine(us.frames(), us.rows(), us.columns(), us.frameTimeMs(), seed(us, 0));
    d.put(new DataElement.Value(Tag.PixelData, VR.OB, px));
  }

  static void cr(Dataset d, SyntheticSeries.Cr cr, int i) {
    String view = cr.viewPositions().get(i);
    d.putString(SyntheticImages.BodyPartExamined, VR.CS, "CHEST");
    d.putString(ViewPosition, VR.CS, view);
    d.putString(SyntheticImages.PatientOrientation, VR.CS, "LL".equals(view) ? new String[] {"P", "F"} : new String[] {"L", "F"});
    d.putString(SyntheticImages.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
    SyntheticImages.imagePixel(d, cr.rows(), cr.columns(), 8, 8, false, "MONOCHROME2");
    d.putString(KVP, VR.DS, "LL".equals(view) ? "125" : "110");
    SyntheticImages.putDs(d, DistanceSourceToDetector, 1800);
    d.putInt(ExposureTime, VR.IS, "LL".equals(view) ? 12 : 6);
    d.putInt(XRayTubeCurrent, VR.IS, 320);
    d.putInt(Exposure, VR.IS, "LL".equals(view) ? 4 : 2);
    SyntheticImages.putDs(d, ImagerPixelSpacing, cr.imagerPixelSpacing(), cr.imagerPixelSpacing());
    SyntheticImages.window(d, List.of(128.0), List.of(256.0), List.of("LINEAR"));
    byte[] px = Phantom.chestRadiograph(view, cr.rows(), cr.columns(), cr.imagerPixelSpacing(), seed(cr, i));
    byte[] jpeg = JpegBaseline.encode(px, cr.rows(), cr.columns(), 0.9f);
    d.putString(SyntheticImages.LossyImageCompression, VR.CS, "01");
    SyntheticImages.putDs(d, LossyImageCompressionRatio, Math.round(100.0 * px.length / jpeg.length) / 100.0);
    d.putString(LossyImageCompressionMethod, VR.CS, "ISO_10918_1");
    d.put(JpegBaseline.encapsulate(List.of(jpeg)));
  }

  private static void frameOfReference(Dataset d, SyntheticStudies.Study st) {
    d.putString(SyntheticImages.FrameOfReferenceUID, VR.UI, st.frameOfReferenceUid());
    d.putString(SyntheticImages.PositionReferenceIndicator, VR.LO, "");
  }

  /** Image Plane (C.7.6.2); SliceLocation is the slice's position along its normal. */
  private static void imagePlane(Dataset d, double[] origin, double[] row, double[] col, double spacing,
                                 double thickness, double location) {
    SyntheticImages.putDs(d, PixelSpacing, spacing, spacing);
    SyntheticImages.putDs(d, ImageOrientationPatient, row[0], row[1], row[2], col[0], col[1], col[2]);
    SyntheticImages.putDs(d, ImagePositionPatient, origin);
    SyntheticImages.putDs(d, SliceThickness, thickness);
    SyntheticImages.putDs(d, SliceLocation, location);
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }
}
