package org.xcaibridge.dicom;

/**
 * Bounds for reading a DICOM JSON document, so that hostile input costs no more than these allow.
 *
 * @param maxDocumentBytes largest document accepted, in UTF-8 bytes
 * @param maxDepth         deepest nesting of JSON arrays and objects; one DICOM sequence level takes three
 *                         (attribute object, "Value" array, item object)
 */
public record DicomJsonLimits(long maxDocumentBytes, int maxDepth) {
  /** 64 MiB and 200 levels: room for 64 nested sequences, the reader's own {@link ReadLimits#DEFAULT}. */
  public static final DicomJsonLimits DEFAULT = new DicomJsonLimits(64L << 20, 200);

  public DicomJsonLimits {
    if (maxDocumentBytes < 2) {
      throw new IllegalArgumentException("maxDocumentBytes must be ≥ 2, was " + maxDocumentBytes);
    }
    if (maxDepth < 1 || maxDepth > 10_000) {
      throw new IllegalArgumentException("maxDepth must be between 1 and 10000, was " + maxDepth);
    }
  }
}
