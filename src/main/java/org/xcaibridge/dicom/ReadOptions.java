package org.xcaibridge.dicom;

/**
 * What {@link DicomReader} keeps in memory.
 *
 * @param pixelData         what to do with top-level Pixel Data (and Float/Double Float Pixel Data)
 * @param bulkDataThreshold binary values (OB, OD, OF, OL, OV, OW, UN) longer than this many bytes are
 *                          not read into memory but recorded as {@link DataElement.BulkData}
 * @param limits            bounds against hostile input
 */
public record ReadOptions(PixelDataAction pixelData, long bulkDataThreshold, ReadLimits limits) {
  /** What happens to pixel data. */
  public enum PixelDataAction {
    /** read it into memory (bounded by {@link ReadLimits#maxValueBytes()} per value or fragment) */
    KEEP,
    /** pass over it, recording where it lies and, when encapsulated, where each fragment lies */
    SKIP,
    /** stop reading at its header: the dataset holds everything before it */
    STOP
  }

  /** Everything in memory: for round trips and small files. */
  public static final ReadOptions ALL = new ReadOptions(PixelDataAction.KEEP, Long.MAX_VALUE, ReadLimits.DEFAULT);
  /** Headers only: pixel data and binary values over 1 KiB are left in the source. */
  public static final ReadOptions HEADERS = new ReadOptions(PixelDataAction.SKIP, 1024, ReadLimits.DEFAULT);

  public ReadOptions {
    if (pixelData == null || limits == null) {
      throw new IllegalArgumentException("pixelData and limits must be set");
    }
    if (bulkDataThreshold < 0) {
      throw new IllegalArgumentException("bulkDataThreshold must be ≥ 0, was " + bulkDataThreshold);
    }
  }

  public ReadOptions withPixelData(PixelDataAction a) {
    return new ReadOptions(a, bulkDataThreshold, limits);
  }

  public ReadOptions withBulkDataThreshold(long bytes) {
    return new ReadOptions(pixelData, bytes, limits);
  }

  public ReadOptions withLimits(ReadLimits l) {
    return new ReadOptions(pixelData, bulkDataThreshold, l);
  }
}
