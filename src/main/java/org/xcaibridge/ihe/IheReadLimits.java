package org.xcaibridge.ihe;

/**
 * Bounds on what one message body may make us hold. The XML itself is bounded by the hardened reader
 * (SOAP root part size, depth); these bound what the models keep.
 *
 * @param maxInlineDocumentBytes decoded bytes of one inline base64 {@code Document} (MTOM attachments
 *     are not held here and are not counted)
 * @param maxTextChars characters of any other single text value or attribute
 * @param maxRepeats entries in any one list (DocumentEntries, DocumentRequests, slot values, subjects …)
 */
public record IheReadLimits(long maxInlineDocumentBytes, int maxTextChars, int maxRepeats) {
  /** 16 MiB inline documents (a KOS is kilobytes; images should come as MTOM), 64 Ki chars, 10,000 items. */
  public static final IheReadLimits DEFAULT = new IheReadLimits(16L << 20, 64 << 10, 10_000);

  public IheReadLimits {
    if (maxInlineDocumentBytes < 0) {
      throw new IllegalArgumentException("maxInlineDocumentBytes must be ≥ 0, was " + maxInlineDocumentBytes);
    }
    if (maxTextChars < 64) {
      throw new IllegalArgumentException("maxTextChars must be ≥ 64, was " + maxTextChars);
    }
    if (maxRepeats < 1) {
      throw new IllegalArgumentException("maxRepeats must be ≥ 1, was " + maxRepeats);
    }
  }
}
