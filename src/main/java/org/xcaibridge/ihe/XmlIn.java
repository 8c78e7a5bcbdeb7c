package org.xcaibridge.ihe;

import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A cursor over a {@link XMLStreamReader} for recursive-descent readers. Elements are matched by local
 * name: real peers put IHE children in odd or missing namespaces (protocol.md §9.2 pitfalls 2 and 11),
 * and the local names inside one message are unambiguous. Every text is bounded by
 * {@link IheReadLimits#maxTextChars()}, every list by {@link IheReadLimits#maxRepeats()}.
 */
final class XmlIn {
  private final XMLStreamReader r;
  final IheReadLimits limits;

  XmlIn(XMLStreamReader r, IheReadLimits limits) {
    this.r = r;
    this.limits = limits;
  }

  XMLStreamReader reader() {
    return r;
  }

  /** Moves to the first element if the reader still stands before it (start of document, blanks). */
  void toFirstElement() throws IheParseException {
    try {
      while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
        if (!r.hasNext()) {
          throw fail("no element in the body");
        }
        r.next();
      }
    } catch (XMLStreamException e) {
      throw broken(e);
    }
  }

  String local() {
    return r.getLocalName();
  }

  String namespace() {
    String ns = r.getNamespaceURI();
    return ns == null ? "" : ns;
  }

  boolean is(String localName) {
    return r.getLocalName().equals(localName);
  }

  /** Attribute by local name, in any namespace (peers qualify some attributes oddly); null if absent. */
  String attr(String localName) throws IheParseException {
    for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
      if (r.getAttributeLocalName(i).equals(localName)) {
        return bounded(r.getAttributeValue(i));
      }
    }
    return null;
  }

  /** Like {@link #attr} but fails when absent or blank. */
  String requiredAttr(String localName) throws IheParseException {
    String v = attr(localName);
    if (v == null || v.isBlank()) {
      throw fail("<" + local() + "> lacks attribute " + localName);
    }
    return v;
  }

  /**
   * From a START_ELEMENT (the parent) or an END_ELEMENT (the previous child), moves to the next child
   * START_ELEMENT and returns true, or to the parent's END_ELEMENT and returns false.
   */
  boolean nextChild() throws IheParseException {
    try {
      while (true) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (e == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
        if (e == XMLStreamConstants.END_DOCUMENT) {
          throw fail("document ended inside an element");
        }
      }
    } catch (XMLStreamException e) {
      throw broken(e);
    }
  }

  /** Skips the current element and everything in it; ends on its END_ELEMENT. */
  void skip() throws IheParseException {
    try {
      int depth = 1;
      while (depth > 0) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (e == XMLStreamConstants.END_DOCUMENT) {
          throw fail("document ended inside an element");
        }
      }
    } catch (XMLStreamException e) {
      throw broken(e);
    }
  }

  /** The element's text, trimmed; child elements are skipped. Ends on its END_ELEMENT. */
  String text() throws IheParseException {
    return text(limits.maxTextChars(), "maxTextChars").trim();
  }

  /** The element's raw text (not trimmed) up to {@code max} characters. */
  String text(long max, String limitName) throws IheParseException {
    StringBuilder sb = new StringBuilder();
    try {
      while (true) {
        int e = r.next();
        if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA
            || e == XMLStreamConstants.SPACE) {
          if ((long) sb.length() + r.getTextLength() > max) {
            throw limit(limitName, max, (long) sb.length() + r.getTextLength());
          }
          sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        } else if (e == XMLStreamConstants.START_ELEMENT) {
          skip();
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          return sb.toString();
        } else if (e == XMLStreamConstants.END_DOCUMENT) {
          throw fail("document ended inside an element");
        }
      }
    } catch (XMLStreamException e) {
      throw broken(e);
    }
  }

  /** Text or null when the element is empty or blank. */
  String optionalText() throws IheParseException {
    String t = text();
    return t.isEmpty() ? null : t;
  }

  /** Checks one more list entry against {@link IheReadLimits#maxRepeats()}. */
  void countRepeat(List<?> list, String what) throws IheParseException {
    if (list.size() >= limits.maxRepeats()) {
      throw limit("maxRepeats (" + what + ")", limits.maxRepeats(), list.size() + 1L);
    }
  }

  private String bounded(String v) throws IheParseException {
    if (v != null && v.length() > limits.maxTextChars()) {
      throw limit("maxTextChars", limits.maxTextChars(), v.length());
    }
    return v;
  }

  IheParseException fail(String message) {
    Location l = r.getLocation();
    return new IheParseException(message, l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber());
  }

  IheParseException fail(String message, Throwable cause) {
    IheParseException e = fail(message);
    e.initCause(cause);
    return e;
  }

  IheLimitException limit(String name, long value, long actual) {
    Location l = r.getLocation();
    return new IheLimitException(name, value, actual, l == null ? -1 : l.getLineNumber(),
        l == null ? -1 : l.getColumnNumber());
  }

  private IheParseException broken(XMLStreamException e) {
    Location l = e.getLocation() != null ? e.getLocation() : r.getLocation();
    return new IheParseException("malformed XML: " + e.getMessage(), l == null ? -1 : l.getLineNumber(),
        l == null ? -1 : l.getColumnNumber(), e);
  }
}
