package org.xcaibridge.soap;

import javax.xml.namespace.QName;

/**
 * The content of an inline binary element of a plain SOAP body (a {@code Document} holding base64 text) is
 * not base64, or mixes text with elements. Names the document: its part index and the Content-ID it was
 * handed on under (see {@link MtomReader}), and the element.
 */
public final class InlineBase64Exception extends MultipartException {
  private final int partIndex;
  private final String contentId;
  private final QName element;

  public InlineBase64Exception(int partIndex, String contentId, QName element, String problem, long offset) {
    super("inline document " + partIndex + " <" + contentId + "> (element " + element + "): " + problem, offset);
    this.partIndex = partIndex;
    this.contentId = contentId;
    this.element = element;
  }

  /** The document's part index: 1 for the first inline document of the body. */
  public int partIndex() {
    return partIndex;
  }

  /** The Content-ID its attachment stream carries. */
  public String contentId() {
    return contentId;
  }

  public QName element() {
    return element;
  }
}
