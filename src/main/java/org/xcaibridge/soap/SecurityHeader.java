package org.xcaibridge.soap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

/**
 * The slot for the {@code wsse:Security} header block of an outgoing envelope. This package signs
 * nothing: the trust work builds the block (timestamp, SAML assertion, signature) and hands it over
 * either as finished XML bytes, spliced in byte for byte, or as a callback that writes it.
 */
public sealed interface SecurityHeader
    permits SecurityHeader.None, SecurityHeader.Spliced, SecurityHeader.Written {

  /** The WS-Security 1.0 namespace of {@code wsse:Security}. */
  String WSSE_NAMESPACE = Names.WSSE;

  /** No security header. */
  static SecurityHeader none() {
    return None.INSTANCE;
  }

  /**
   * A finished {@code wsse:Security} element in UTF-8. It is checked now (well formed under
   * {@link XmlLimits#DEFAULT}, no DTD, the root is {@code wsse:Security}, nothing but an XML declaration
   * around it) and later written exactly as given, minus that declaration, so a signature over it
   * survives.
   *
   * @throws IllegalArgumentException if the bytes are not such an element
   */
  static SecurityHeader ofXml(byte[] xml) {
    return new Spliced(Spliced.check(xml.clone()));
  }

  /** A callback that writes one {@code wsse:Security} element, declaring the namespaces it uses. */
  static SecurityHeader writtenBy(BodyWriter writer) {
    return new Written(java.util.Objects.requireNonNull(writer, "writer"));
  }

  /** No header. */
  final class None implements SecurityHeader {
    static final None INSTANCE = new None();

    private None() {}
  }

  /** Finished bytes of the element alone (declaration and byte order mark removed). */
  final class Spliced implements SecurityHeader {
    private final byte[] element;

    private Spliced(byte[] element) {
      this.element = element;
    }

    byte[] element() {
      return element;
    }

    private static byte[] check(byte[] xml) {
      try {
        LimitedStreamReader in = SecureXml.open(xml, XmlLimits.DEFAULT);
        String encoding = in.getEncoding();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
          throw new IllegalArgumentException("security header must be UTF-8, was " + encoding);
        }
        int roots = 0;
        while (in.hasNext()) {
          int event = in.next();
          if (event == XMLStreamConstants.START_ELEMENT && in.depth() == 1) {
            QName name = in.getName();
            if (roots++ > 0 || !Names.WSSE_SECURITY.equals(name)) {
              throw new IllegalArgumentException("security header root must be wsse:Security, was " + name);
            }
          } else if (in.depth() == 0 && (event == XMLStreamConstants.COMMENT
              || event == XMLStreamConstants.PROCESSING_INSTRUCTION)) {
            throw new IllegalArgumentException("security header has content outside its element");
          }
        }
        if (roots == 0) {
          throw new IllegalArgumentException("security header has no element");
        }
      } catch (XMLStreamException e) {
        throw new IllegalArgumentException("security header is not acceptable XML: " + e.getMessage(), e);
      }
      return elementOnly(xml);
    }

    /** Drops a UTF-8 byte order mark, the XML declaration and surrounding white space. */
    private static byte[] elementOnly(byte[] xml) {
      int from = 0;
      if (xml.length >= 3 && (xml[0] & 0xff) == 0xef && (xml[1] & 0xff) == 0xbb && (xml[2] & 0xff) == 0xbf) {
        from = 3;
      }
      from = skipSpace(xml, from);
      if (startsWith(xml, from, "<?xml")) {
        int end = indexOf(xml, from, "?>");
        from = skipSpace(xml, end + 2);
      }
      int to = xml.length;
      while (to > from && isSpace(xml[to - 1])) {
        to--;
      }
      return Arrays.copyOfRange(xml, from, to);
    }

    private static int skipSpace(byte[] b, int i) {
      while (i < b.length && isSpace(b[i])) {
        i++;
      }
      return i;
    }

    private static boolean isSpace(byte b) {
      return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean startsWith(byte[] b, int at, String s) {
      byte[] p = s.getBytes(StandardCharsets.US_ASCII);
      return at + p.length <= b.length && Arrays.equals(b, at, at + p.length, p, 0, p.length);
    }

    private static int indexOf(byte[] b, int from, String s) {
      for (int i = from; i < b.length; i++) {
        if (startsWith(b, i, s)) {
          return i;
        }
      }
      throw new IllegalArgumentException("unterminated XML declaration");
    }
  }

  /** Written by a callback, checked to be exactly one {@code wsse:Security} element. */
  final class Written implements SecurityHeader {
    private final BodyWriter writer;

    private Written(BodyWriter writer) {
      this.writer = writer;
    }

    BodyWriter writer() {
      return writer;
    }
  }
}
