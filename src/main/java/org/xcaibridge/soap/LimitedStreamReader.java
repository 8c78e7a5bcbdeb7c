package org.xcaibridge.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The reader {@link SecureXml} hands out: enforces {@link XmlLimits} while reading, refuses DTDs and
 * entity references, and turns the JDK parser's own limit errors into {@link XmlLimitException}s.
 * Depth and attribute counts are also capped by the JDK's {@code jdk.xml.*} properties (which stop the
 * scanner before it builds a huge attribute list); the checks here are the backstop and the typed face.
 * It also keeps the namespace declarations in scope, so that a subtree can be copied out standalone.
 */
final class LimitedStreamReader extends EventLoopReader {
  // Message codes of the JDK's XMLSecurityManager errors (locale-independent prefixes).
  private static final String JDK_ATTRIBUTE_LIMIT = "JAXP00010002";
  private static final String JDK_DEPTH_LIMIT = "JAXP00010006";

  private final XmlLimits limits;
  private final List<String[]> declared = new ArrayList<>(); // per open element: prefix, uri, prefix, uri…
  private int depth;
  private long textRun;

  LimitedStreamReader(XMLStreamReader parent, XmlLimits limits) {
    super(parent);
    this.limits = limits;
  }

  /** Open elements after the current event: 1 on the document element's start tag, 0 after its end. */
  int depth() {
    return depth;
  }

  XmlLimits limits() {
    return limits;
  }

  /** From a start tag, reads past the element's end tag, wherever the reader is inside it. */
  void skipElement(int startDepth) throws XMLStreamException {
    while (depth >= startDepth) {
      next();
    }
  }

  /** Namespace bindings in scope at the current element, outermost first; inner ones override. */
  Map<String, String> inScopeNamespaces() {
    Map<String, String> scope = new LinkedHashMap<>();
    for (String[] pairs : declared) {
      for (int i = 0; i < pairs.length; i += 2) {
        scope.put(pairs[i], pairs[i + 1]);
      }
    }
    return scope;
  }

  @Override
  public boolean hasNext() throws XMLStreamException {
    try {
      return super.hasNext();
    } catch (XMLStreamException e) {
      throw translate(e);
    }
  }

  @Override
  public int next() throws XMLStreamException {
    int event;
    try {
      event = getParent().next();
    } catch (XMLStreamException e) {
      throw translate(e);
    }
    switch (event) {
      case XMLStreamConstants.START_ELEMENT:
        textRun = 0;
        if (++depth > limits.maxDepth()) {
          throw limit(XmlLimits.Limit.MAX_DEPTH, depth);
        }
        if (getAttributeCount() > limits.maxAttributes()) {
          throw limit(XmlLimits.Limit.MAX_ATTRIBUTES, getAttributeCount());
        }
        declared.add(declarations());
        break;
      case XMLStreamConstants.END_ELEMENT:
        textRun = 0;
        depth--;
        declared.remove(declared.size() - 1);
        break;
      case XMLStreamConstants.CHARACTERS:
      case XMLStreamConstants.CDATA:
      case XMLStreamConstants.SPACE:
        textRun += getTextLength();
        if (textRun > limits.maxTextLength()) {
          throw limit(XmlLimits.Limit.MAX_TEXT_LENGTH, textRun);
        }
        break;
      case XMLStreamConstants.COMMENT:
        if (getTextLength() > limits.maxTextLength()) {
          throw limit(XmlLimits.Limit.MAX_TEXT_LENGTH, getTextLength());
        }
        break;
      case XMLStreamConstants.DTD:
        throw new XmlDoctypeException("a document type declaration is not allowed", getLocation());
      case XMLStreamConstants.ENTITY_REFERENCE:
        throw new XmlDoctypeException(
            "entity reference &" + getLocalName() + "; is not allowed (only the five predefined ones are)",
            getLocation());
      default:
        break;
    }
    return event;
  }

  private String[] declarations() {
    int n = getNamespaceCount();
    String[] pairs = new String[2 * n];
    for (int i = 0; i < n; i++) {
      String prefix = getNamespacePrefix(i);
      String uri = getNamespaceURI(i);
      pairs[2 * i] = prefix == null ? "" : prefix;
      pairs[2 * i + 1] = uri == null ? "" : uri;
    }
    return pairs;
  }

  private XmlLimitException limit(XmlLimits.Limit which, long actual) {
    return new XmlLimitException(which, limits.valueOf(which), actual, getLocation());
  }

  private XMLStreamException translate(XMLStreamException e) {
    return translate(e, limits);
  }

  /** Maps a parser failure to our typed exceptions; anything else is malformed input. */
  static XMLStreamException translate(XMLStreamException e, XmlLimits limits) {
    if (e instanceof XmlInputException) {
      return e;
    }
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof DocumentTooLarge) {
        return new XmlLimitException(XmlLimits.Limit.MAX_DOCUMENT_BYTES, limits.maxDocumentBytes(),
            ((DocumentTooLarge) t).count, e.getLocation());
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains(JDK_DEPTH_LIMIT)) {
      return new XmlLimitException(XmlLimits.Limit.MAX_DEPTH, limits.maxDepth(), limits.maxDepth() + 1L,
          e.getLocation());
    }
    if (message.contains(JDK_ATTRIBUTE_LIMIT)) {
      return new XmlLimitException(XmlLimits.Limit.MAX_ATTRIBUTES, limits.maxAttributes(),
          limits.maxAttributes() + 1L, e.getLocation());
    }
    return new XmlInputException("malformed XML: " + firstLine(message), e.getLocation(), e);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof XMLStreamException && ((XMLStreamException) t).getNestedException() != null
        && ((XMLStreamException) t).getNestedException() != t) {
      return ((XMLStreamException) t).getNestedException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String firstLine(String message) {
    // The JDK prefixes "ParseError at [row,col]:[l,c]\nMessage: "; we report the location ourselves.
    int at = message.indexOf("Message: ");
    return (at >= 0 ? message.substring(at + 9) : message).replace('\n', ' ').trim();
  }

  /** Counts bytes as the parser pulls them and stops it past {@link XmlLimits#maxDocumentBytes()}. */
  static final class CountingStream extends FilterInputStream {
    private final long max;
    private long count;

    CountingStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, (int) Math.min(length, max - count + 1));
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws DocumentTooLarge {
      count += n;
      if (count > max) {
        throw new DocumentTooLarge(count);
      }
    }
  }

  /** Thrown inside the parser's read; found again in the cause chain by {@link #translate}. */
  static final class DocumentTooLarge extends IOException {
    final long count;

    DocumentTooLarge(long count) {
      super("document exceeds the byte limit after " + count + " bytes");
      this.count = count;
    }
  }
}
