package org.xcaibridge.dicom;

/**
 * How {@link DicomJsonWriter} writes binary values (OB, OD, OF, OL, OV, OW, UN): as InlineBinary
 * (PS3.18 §F.2.7) or as a BulkDataURI (§F.2.6) made by {@code bulkDataUris}. Values not in memory
 * ({@link DataElement.BulkData}, or encapsulated fragments the reader skipped) always get a BulkDataURI.
 *
 * @param pixelDataAsBulkData   top-level Pixel Data (and Float/Double Float Pixel Data), native or
 *                              encapsulated, always gets a BulkDataURI
 * @param maxInlineBinaryBytes  a binary value longer than this many bytes gets a BulkDataURI; an
 *                              encapsulated value counts with its item headers
 * @param bulkDataUris          makes the BulkDataURIs
 */
public record DicomJsonOptions(boolean pixelDataAsBulkData, long maxInlineBinaryBytes, BulkDataUriBuilder bulkDataUris) {
  public DicomJsonOptions {
    if (maxInlineBinaryBytes < 0) {
      throw new IllegalArgumentException("maxInlineBinaryBytes must be ≥ 0, was " + maxInlineBinaryBytes);
    }
    if (bulkDataUris == null) {
      throw new IllegalArgumentException("bulkDataUris must be set");
    }
  }

  /** Everything in memory inline, as dcm2json writes it; only values left in the source get a URI. */
  public static DicomJsonOptions inline(BulkDataUriBuilder bulkDataUris) {
    return new DicomJsonOptions(false, Long.MAX_VALUE, bulkDataUris);
  }

  /** Metadata as WADO-RS serves it: pixel data and binary values over {@code maxInlineBinaryBytes} by URI. */
  public static DicomJsonOptions metadata(long maxInlineBinaryBytes, BulkDataUriBuilder bulkDataUris) {
    return new DicomJsonOptions(true, maxInlineBinaryBytes, bulkDataUris);
  }
}
