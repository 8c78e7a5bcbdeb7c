package org.xcaibridge.soap;

/**
 * The body ended before its closing delimiter, inside a part (its header or its content). Names the part so
 * that the consumer of that part's stream knows it got only a prefix of it.
 */
public final class MultipartTruncatedException extends MultipartException {
  private final int partIndex;
  private final String contentId;
  private final long partBytes;

  /**
   * @param partIndex zero-based index of the cut part in wire order
   * @param contentId its Content-ID without angle brackets, or null if unknown (cut in its header)
   * @param partBytes content bytes of that part received before the cut
   */
  public MultipartTruncatedException(int partIndex, String contentId, long partBytes, long offset) {
    super("body ended inside part " + partIndex + (contentId == null ? "" : " <" + contentId + ">") + " after "
        + partBytes + " content bytes, before the closing delimiter", offset);
    this.partIndex = partIndex;
    this.contentId = contentId;
    this.partBytes = partBytes;
  }

  public int partIndex() {
    return partIndex;
  }

  public String contentId() {
    return contentId;
  }

  public long partBytes() {
    return partBytes;
  }
}
