package org.xcaibridge.dicom;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The plan of one synthetic series, fixed when the study is planned: every random choice (UIDs, the
 * seed of the pixel noise) is already made, so an instance is a pure function of the plan and its index
 * and can be produced in any order, or again, with the same bytes.
 */
public sealed interface SyntheticSeries
    permits SyntheticSeries.Ct, SyntheticSeries.Mr, SyntheticSeries.UsCine, SyntheticSeries.Cr {

  /** What every series has (PS3.3 C.7.3.1 General Series), plus the UIDs of its instances in order. */
  record Header(String seriesInstanceUid, int number, String description, LocalDateTime dateTime,
                List<String> sopInstanceUids, long seed) {
    public Header {
      sopInstanceUids = List.copyOf(sopInstanceUids);
      if (sopInstanceUids.isEmpty()) {
        throw new IllegalArgumentException("a series needs at least one instance");
      }
    }
  }

  /** The part of the body a cross-sectional phantom shows. */
  enum Region { CHEST_ABDOMEN, HEAD }

  /** MR contrast: decides which tissue is bright. */
  enum Weighting { T1, T2 }

  /** Slice orientation of an MR series (PS3.3 C.7.6.2.1.1: row and column direction cosines). */
  enum Orientation { AXIAL, SAGITTAL }

  Header header();

  /** PS3.3 C.7.3.1.1.1 Modality. */
  String modality();

  /** The SOP Class of every instance of the series. */
  String sopClassUid();

  default int instanceCount() {
    return header().sopInstanceUids().size();
  }

  /**
   * An axial CT series (CT Image IOD, PS3.3 A.3): 512×512 signed 16-bit slices, {@code sliceThickness} mm apart,
   * the first centred at z = {@code firstSliceZ} mm and each next one lower (towards the feet).
   */
  record Ct(Header header, Region region, double sliceThickness, double firstSliceZ, String kernel)
      implements SyntheticSeries {
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2";
    public static final int MATRIX = 512;

    public Ct {
      positive(sliceThickness, "sliceThickness");
    }

    /** Reconstruction diameter: 250 mm for a head, 350 mm for a trunk (pixel spacings exact in binary). */
    public double fieldOfViewMm() {
      return region == Region.HEAD ? 250 : 350;
    }

    @Override
    public String modality() {
      return "CT";
    }

    @Override
    public String sopClassUid() {
      return SOP_CLASS;
    }
  }

  /**
   * An MR series (MR Image IOD, PS3.3 A.4): 256×256 unsigned 12-bit-in-16 slices; the first at
   * {@code firstPosition} mm along the axis across the slices, each next one {@code sliceThickness} further
   * along the slice normal.
   */
  record Mr(Header header, Region region, Weighting weighting, Orientation orientation, double sliceThickness,
            double firstPosition) implements SyntheticSeries {
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.4";
    public static final int MATRIX = 256;
    public static final double FIELD_OF_VIEW_MM = 240;

    public Mr {
      positive(sliceThickness, "sliceThickness");
    }

    @Override
    public String modality() {
      return "MR";
    }

    @Override
    public String sopClassUid() {
      return SOP_CLASS;
    }
  }

  /**
   * One ultrasound cine loop (US Multi-frame Image IOD, PS3.3 A.7): {@code frames} 8-bit frames of
   * {@code rows}×{@code columns}, {@code frameTimeMs} apart. The series holds that single instance.
   */
  record UsCine(Header header, int frames, int rows, int columns, double frameTimeMs) implements SyntheticSeries {
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.3.1";

    public UsCine {
      if (frames < 1 || rows < 16 || columns < 16 || rows > 4096 || columns > 4096) {
        throw new IllegalArgumentException("a cine needs ≥ 1 frame of 16..4096 rows and columns, was "
            + frames + " frames of " + rows + "×" + columns);
      }
      positive(frameTimeMs, "frameTimeMs");
      if (header.sopInstanceUids().size() != 1) {
        throw new IllegalArgumentException("a cine series holds exactly one instance");
      }
    }

    @Override
    public String modality() {
      return "US";
    }

    @Override
    public String sopClassUid() {
      return SOP_CLASS;
    }
  }

  /**
   * Computed radiography (CR Image IOD, PS3.3 A.2), one 8-bit image per view position ("PA", "LL"),
   * stored JPEG Baseline compressed (transfer syntax 1.2.840.10008.1.2.4.50).
   */
  record Cr(Header header, List<String> viewPositions, int rows, int columns, double imagerPixelSpacing)
      implements SyntheticSeries {
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1";

    public Cr {
      viewPositions = List.copyOf(viewPositions);
      if (viewPositions.size() != header.sopInstanceUids().size()) {
        throw new IllegalArgumentException("one view position per instance: " + viewPositions.size()
            + " views for " + header.sopInstanceUids().size() + " instances");
      }
      if (rows < 64 || columns < 64 || rows > 8192 || columns > 8192) {
        throw new IllegalArgumentException("CR images have 64..8192 rows and columns, was " + rows + "×" + columns);
      }
      positive(imagerPixelSpacing, "imagerPixelSpacing");
    }

    @Override
    public String modality() {
      return "CR";
    }

    @Override
    public String sopClassUid() {
      return SOP_CLASS;
    }
  }

  private static void positive(double v, String name) {
    if (!(v > 0)) {
      throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
  }
}
