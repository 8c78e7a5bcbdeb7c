package org.xcaibridge.dicom;

import java.util.List;

/**
 * What the Image Pixel module (PS3.3 §C.7.6.3) says about the layout of native pixel data, reduced to
 * what is needed to find a frame: the size of one frame in bits, and how many frames there are.
 *
 * @param rows                      (0028,0010), ≥ 1
 * @param columns                   (0028,0011), ≥ 1
 * @param samplesPerPixel           (0028,0002), ≥ 1
 * @param bitsAllocated             (0028,0100): 1, or a multiple of 8 up to 64
 * @param planarConfiguration       (0028,0006): 0 (colour-by-pixel) or 1 (colour-by-plane); 0 when absent
 * @param numberOfFrames            (0028,0008), an IS; 1 when absent or empty
 * @param photometricInterpretation (0028,0004), e.g. MONOCHROME2, RGB, YBR_FULL_422
 */
public record PixelDescription(int rows, int columns, int samplesPerPixel, int bitsAllocated,
                               int planarConfiguration, int numberOfFrames, String photometricInterpretation) {
  public PixelDescription {
    check(rows >= 1 && rows <= 0xFFFF, "Rows must be between 1 and 65535, was " + rows);
    check(columns >= 1 && columns <= 0xFFFF, "Columns must be between 1 and 65535, was " + columns);
    check(samplesPerPixel >= 1 && samplesPerPixel <= 0xFFFF, "SamplesPerPixel must be ≥ 1, was " + samplesPerPixel);
    check(bitsAllocated == 1 || (bitsAllocated >= 8 && bitsAllocated <= 64 && bitsAllocated % 8 == 0),
        "BitsAllocated must be 1 or a multiple of 8 up to 64, was " + bitsAllocated);
    check(planarConfiguration == 0 || planarConfiguration == 1,
        "PlanarConfiguration must be 0 or 1, was " + planarConfiguration);
    check(numberOfFrames >= 1, "NumberOfFrames must be ≥ 1, was " + numberOfFrames);
    check(photometricInterpretation != null && !photometricInterpretation.isEmpty(),
        "PhotometricInterpretation is missing");
    check(!"YBR_FULL_422".equals(photometricInterpretation) || (samplesPerPixel == 3 && bitsAllocated >= 8),
        "YBR_FULL_422 needs SamplesPerPixel 3 and BitsAllocated ≥ 8");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new PixelDataException(message);
    }
  }

  /** Reads the Image Pixel attributes of a dataset; a missing or malformed one is a {@link PixelDataException}. */
  public static PixelDescription of(Dataset ds) {
    return new PixelDescription(
        required(ds, Tag.Rows, "Rows"),
        required(ds, Tag.Columns, "Columns"),
        required(ds, Tag.SamplesPerPixel, "SamplesPerPixel"),
        required(ds, Tag.BitsAllocated, "BitsAllocated"),
        optional(ds, Tag.PlanarConfiguration, "PlanarConfiguration", 0),
        optional(ds, Tag.NumberOfFrames, "NumberOfFrames", 1),
        ds.string(Tag.PhotometricInterpretation));
  }

  private static int required(Dataset ds, int tag, String name) {
    if (!(ds.get(tag) instanceof DataElement.Value v) || v.bytes().length == 0) {
      throw new PixelDataException(name + " " + Tag.toString(tag) + " is missing");
    }
    return single(v, name);
  }

  private static int optional(Dataset ds, int tag, String name, int orElse) {
    if (!(ds.get(tag) instanceof DataElement.Value v) || v.bytes().length == 0
        || (v.vr().isString() && Values.asciiStrings(v.bytes()).stream().allMatch(String::isEmpty))) {
      return orElse; // absent, or present with no value (type 2 style): the module's default applies
    }
    return single(v, name);
  }

  /** The first value as an int; a value that does not parse (an IS of "1A", say) is an error, not a default. */
  private static int single(DataElement.Value v, String name) {
    long[] n = Values.integers(v.vr(), v.bytes());
    if (v.vr() == VR.IS || v.vr() == VR.DS) {
      List<String> raw = Values.asciiStrings(v.bytes());
      if (n.length != raw.size() || n.length == 0) {
        throw new PixelDataException(name + " " + Tag.toString(v.tag()) + " is not an integer: " + raw);
      }
    }
    if (n.length == 0) {
      throw new PixelDataException(name + " " + Tag.toString(v.tag()) + " has no value of an integer VR (VR " + v.vr() + ")");
    }
    if (n[0] < Integer.MIN_VALUE || n[0] > Integer.MAX_VALUE) {
      throw new PixelDataException(name + " " + Tag.toString(v.tag()) + " is out of range: " + n[0]);
    }
    return (int) n[0];
  }

  /** YBR_FULL_422 native data stores two luminance samples and one pair of chroma samples per two pixels. */
  public boolean isYbrFull422() {
    return "YBR_FULL_422".equals(photometricInterpretation);
  }

  /** Frames of 1-bit data are packed end to end, so frame boundaries need not fall on byte boundaries. */
  public boolean isBitPacked() {
    return bitsAllocated == 1;
  }

  /** Bits one native frame occupies in the stored pixel data (PS3.5 §8.1.1; §C.7.6.3.1.2 for YBR_FULL_422). */
  public long frameBits() {
    long samples = (long) rows * columns * (isYbrFull422() ? 2 : samplesPerPixel);
    return samples * bitsAllocated;
  }

  /** Bytes one native frame has once extracted: 1-bit frames are repacked from bit 0, so rounded up. */
  public long frameBytes() {
    return (frameBits() + 7) / 8;
  }
}
