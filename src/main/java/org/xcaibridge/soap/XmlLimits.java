package org.xcaibridge.soap;

/**
 * Bounds on an XML document read through {@link SecureXml}, so that hostile or broken input costs a
 * known amount of memory and time. Exceeding one throws an {@link XmlLimitException} naming it.
 *
 * @param maxDepth         deepest element nesting accepted (the document element is depth 1)
 * @param maxAttributes    most attributes on one element (namespace declarations not counted)
 * @param maxDocumentBytes largest document, in bytes as read from the wire
 * @param maxTextLength    longest run of character data between two tags, in chars (a base64 document
 *                         carried inline is one such run, so this bounds inline attachments too)
 */
public record XmlLimits(int maxDepth, int maxAttributes, long maxDocumentBytes, int maxTextLength) {

  /**
   * Sized for SOAP root parts and small inline documents: IHE bodies nest about 12 deep (an HL7v3
   * PRPA message is the deepest we know), and an ITI-38 answer with many DocumentEntries is a few MB.
   */
  public static final XmlLimits DEFAULT = new XmlLimits(100, 100, 16L << 20, 16 << 20);

  /** The limit kinds, named as in this record so that an error message points at the setting. */
  public enum Limit {
    MAX_DEPTH("maxDepth"),
    MAX_ATTRIBUTES("maxAttributes"),
    MAX_DOCUMENT_BYTES("maxDocumentBytes"),
    MAX_TEXT_LENGTH("maxTextLength");

    private final String setting;

    Limit(String setting) {
      this.setting = setting;
    }

    /** The record component that sets this limit. */
    public String setting() {
      return setting;
    }
  }

  public XmlLimits {
    requireAtLeast("maxDepth", maxDepth, 2); // a SOAP envelope needs Envelope and Body
    requireAtLeast("maxAttributes", maxAttributes, 1);
    requireAtLeast("maxDocumentBytes", maxDocumentBytes, 1);
    requireAtLeast("maxTextLength", maxTextLength, 1);
  }

  /** The value of one limit, for messages and for callers that compare. */
  public long valueOf(Limit limit) {
    switch (limit) {
      case MAX_DEPTH:
        return maxDepth;
      case MAX_ATTRIBUTES:
        return maxAttributes;
      case MAX_DOCUMENT_BYTES:
        return maxDocumentBytes;
      case MAX_TEXT_LENGTH:
        return maxTextLength;
      default:
        throw new AssertionError(limit);
    }
  }

  public XmlLimits withMaxDepth(int value) {
    return new XmlLimits(value, maxAttributes, maxDocumentBytes, maxTextLength);
  }

  public XmlLimits withMaxAttributes(int value) {
    return new XmlLimits(maxDepth, value, maxDocumentBytes, maxTextLength);
  }

  public XmlLimits withMaxDocumentBytes(long value) {
    return new XmlLimits(maxDepth, maxAttributes, value, maxTextLength);
  }

  public XmlLimits withMaxTextLength(int value) {
    return new XmlLimits(maxDepth, maxAttributes, maxDocumentBytes, value);
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be ≥ " + min + ", was " + value);
    }
  }
}
