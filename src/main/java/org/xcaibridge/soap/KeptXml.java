package org.xcaibridge.soap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;
import javax.xml.namespace.QName;

/**
 * The XML that {@link PlainSoapBody} keeps of a plain SOAP body, bounded by {@code maxRootPartBytes}, and where
 * its markup begins and ends: tags (with quoted attribute values), comments, processing instructions, CDATA
 * sections and declarations, and the namespace scopes of the open elements ({@link XmlTagScan}).
 */
final class KeptXml {
  enum Markup { UNKNOWN, START, END, PI, BANG, COMMENT, CDATA, DECL }

  static final byte[] COMMENT_OPEN = "!--".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CDATA_OPEN = "![CDATA[".getBytes(StandardCharsets.US_ASCII);

  private final long maxBytes;
  private final LongSupplier position; // body offset, for the limit's error
  private final XmlTagScan tags = new XmlTagScan();
  private byte[] bytes;
  private int size;
  private Markup kind;
  private int tagStart;
  private byte quote;

  KeptXml(long maxBytes, LongSupplier position) {
    this.maxBytes = maxBytes;
    this.position = position;
    this.bytes = new byte[(int) Math.min(8192, maxBytes)];
  }

  void keep(int c) {
    if (size == bytes.length) {
      grow(1);
    }
    bytes[size++] = (byte) c;
  }

  void keep(byte[] b, int off, int len) {
    if (len > bytes.length - size) {
      grow(len);
    }
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  private void grow(int more) {
    long need = (long) size + more;
    if (need > maxBytes) {
      throw new MtomLimitException("maxRootPartBytes", maxBytes, need, position.getAsLong());
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(need, 2L * bytes.length)));
  }

  /** Keeps the '<' that opens markup of a kind still unknown. */
  void openMarkup() {
    tagStart = size;
    kind = Markup.UNKNOWN;
    quote = 0;
    keep('<');
  }

  /** Keeps a byte of the markup being read; true when it closes the markup (see {@link #kind()}). */
  boolean markup(byte c) {
    keep(c);
    int len = size - tagStart;
    if (kind == Markup.UNKNOWN) {
      kind = c == '?' ? Markup.PI : c == '/' ? Markup.END : c == '!' ? Markup.BANG : Markup.START;
    } else if (kind == Markup.BANG) {
      kind = opens(COMMENT_OPEN, len) ? (len == 4 ? Markup.COMMENT : Markup.BANG)
          : opens(CDATA_OPEN, len) ? (len == 9 ? Markup.CDATA : Markup.BANG) : Markup.DECL;
    }
    return ends(c, len);
  }

  Markup kind() {
    return kind;
  }

  /** True while the markup kept after its '<' is a prefix of {@code open}. */
  private boolean opens(byte[] open, int len) {
    return len - 1 <= open.length && Arrays.equals(bytes, tagStart + 1, size, open, 0, len - 1);
  }

  private boolean ends(byte c, int len) {
    switch (kind) {
      case START:
      case END:
        if (quote != 0) {
          quote = c == quote ? 0 : quote;
          return false;
        }
        if (c == '"' || c == '\'') {
          quote = c;
          return false;
        }
        return c == '>';
      case PI:
        return c == '>' && len >= 4 && bytes[size - 2] == '?';
      case COMMENT:
        return c == '>' && len >= 7 && bytes[size - 2] == '-' && bytes[size - 3] == '-';
      case CDATA:
        return c == '>' && len >= 12 && bytes[size - 2] == ']' && bytes[size - 3] == ']';
      case DECL:
        return c == '>';
      default:
        return false;
    }
  }

  /**
   * A start tag was kept whole: its namespace declarations come into scope.
   *
   * @return the element's qualified name, or null for an empty-element tag (it closes at once) or an
   *     undeclared prefix
   */
  QName startTag() {
    int gt = size - 1;
    QName q = tags.open(bytes, tagStart, gt);
    if (bytes[gt - 1] == '/') {
      tags.close();
      return null;
    }
    return q;
  }

  /** An end tag was kept whole: the innermost scope closes. */
  void endTag() {
    tags.close();
  }

  /** The kept bytes; nothing is kept afterwards. */
  byte[] finish() {
    byte[] out = Arrays.copyOf(bytes, size);
    bytes = new byte[0];
    size = 0;
    return out;
  }
}
