package org.xcaibridge.soap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * A plain SOAP body ({@code application/soap+xml}) pushed in chunks, as {@link MtomReader} reads it. The XML is
 * kept, bounded by {@link MtomLimits#maxRootPartBytes()}, except the base64 text of the <em>inline binary
 * elements</em> the caller names (e.g. IHE {@code Document}): that text is decoded as it arrives and handed on
 * as an attachment of its own, and the kept XML gets {@code <xop:Include href="cid:…"/>} in its place — the
 * envelope then reads exactly like the root part of an MTOM message (XOP §3.2 done on receipt), so consumers
 * treat both forms alike. Each inline document is bounded by {@link MtomLimits#maxPartBytes()} (decoded) and
 * counts as a part for {@link MtomLimits#maxParts()}.
 *
 * <p>This is a scanner, not a parser: it finds tags, comments, CDATA sections and namespace declarations in
 * ASCII-compatible encodings, enough to recognise those elements; everything else stays untouched for the XML
 * parser that reads the kept envelope. An element whose content is not only base64 text (white space, character
 * references, comments and CDATA allowed) fails with {@link InlineBase64Exception}; one with a child element
 * before any text is left as it is.
 */
final class PlainSoapBody implements Base64Decoder.Sink {
  static final String XOP = "http://www.w3.org/2004/08/xop/include";

  private enum State { TEXT, MARKUP, CONTENT, BASE64, CONTENT_LT, REFERENCE, CDATA, SKIP }

  private static final byte[] COMMENT_OPEN = KeptXml.COMMENT_OPEN;
  private static final byte[] CDATA_OPEN = KeptXml.CDATA_OPEN;

  private final MtomLimits limits;
  private final Set<QName> binary;
  private final MtomReader.Listener listener;

  private final KeptXml kept;
  private long base; // body offset of index 0 of the array being fed
  private long fed;

  private State state = State.TEXT;
  private State afterMarkup;

  private QName element; // the inline binary element whose content is being read, else null
  private final byte[] look = new byte[12]; // after '<' or '&' inside that content
  private int lookLen;
  private boolean skippingComment;
  private int tail; // last two bytes of a skipped comment or PI, or ']'s before a CDATA end
  private int documents;
  private String contentId; // of the document being streamed, else null
  private Base64Decoder decoder;
  private long decoded;

  PlainSoapBody(MtomLimits limits, Set<QName> binary, MtomReader.Listener listener) {
    this.limits = limits;
    this.binary = binary;
    this.listener = listener;
    this.kept = new KeptXml(limits.maxRootPartBytes(), () -> fed);
  }

  void feed(byte[] b, int off, int len) {
    base = fed - off;
    fed += len;
    int end = off + len;
    int i = off;
    try {
      while (i < end) {
        i = step(b, i, end);
      }
      if (decoder != null) {
        decoder.flush(); // what this chunk held goes on now, not when a block is full
      }
    } catch (Base64Decoder.Malformed e) {
      throw malformed(e.getMessage(), base + i);
    }
  }

  /** The body is complete: returns the kept envelope, or throws if it ended inside an inline document. */
  byte[] finish() {
    if (contentId != null) {
      throw truncated();
    }
    return kept.finish();
  }

  /** The error for a body cut short here: names the inline document being read, if any. */
  MultipartTruncatedException truncated() {
    return contentId != null ? new MultipartTruncatedException(documents, contentId, decoded, fed)
        : new MultipartTruncatedException(0, null, fed, fed);
  }

  private int step(byte[] b, int i, int end) throws Base64Decoder.Malformed {
    switch (state) {
      case TEXT:
        int lt = i;
        while (lt < end && b[lt] != '<') {
          lt++;
        }
        kept.keep(b, i, lt - i);
        if (lt < end) {
          openMarkup(State.TEXT);
          return lt + 1;
        }
        return end;
      case MARKUP:
        return markup(b, i, end);
      case CONTENT:
        return content(b, i);
      case BASE64:
        int stop = decoder.decode(b, i, end);
        if (stop < end) {
          afterText(b[stop], stop);
          return stop + 1;
        }
        return end;
      case CONTENT_LT:
        look[lookLen++] = b[i];
        contentMarkup(i);
        return i + 1;
      case REFERENCE:
        reference(b[i], i);
        return i + 1;
      case CDATA:
        return cdata(b, i, end);
      default: // SKIP: a comment or processing instruction inside streamed content
        int c = b[i] & 0xff;
        boolean closed = c == '>' && (skippingComment ? (tail & 0xffff) == ('-' << 8 | '-') : (tail & 0xff) == '?');
        tail = tail << 8 | c;
        if (closed) {
          state = State.BASE64;
        }
        return i + 1;
    }
  }

  private void openMarkup(State after) {
    kept.openMarkup();
    afterMarkup = after;
    state = State.MARKUP;
  }

  /** Inside a tag, comment, PI, CDATA or declaration that is kept: finds its end. */
  private int markup(byte[] b, int i, int end) {
    while (i < end) {
      if (kept.markup(b[i++])) {
        if (kept.kind() == KeptXml.Markup.START) {
          QName q = kept.startTag(); // an inline binary element's content is read in CONTENT
          element = q != null && binary.contains(q) ? q : null;
          state = element != null ? State.CONTENT : State.TEXT;
        } else {
          if (kept.kind() == KeptXml.Markup.END) {
            kept.endTag();
          }
          state = afterMarkup;
        }
        return i;
      }
    }
    return end;
  }

  /** Content of an inline binary element before its first base64 character. */
  private int content(byte[] b, int i) throws Base64Decoder.Malformed {
    byte c = b[i];
    if (Base64Decoder.isBlank(c)) {
      kept.keep(c);
      return i + 1;
    }
    if (c == '<' || c == '&') {
      afterText(c, i);
      return i + 1;
    }
    startDocument(i);
    return i; // decoded (or refused) in BASE64
  }

  /** At '<', '&' or another byte that ends a run of base64 text. */
  private void afterText(byte c, int i) {
    if (c == '<') {
      lookLen = 0;
      state = State.CONTENT_LT;
    } else if (c == '&') {
      lookLen = 0;
      state = State.REFERENCE;
    } else {
      throw malformed(String.format("byte 0x%02x is not base64", c & 0xff), base + i);
    }
  }

  /** After '<' inside an inline binary element: the end tag, a comment, PI or CDATA, or a child element. */
  private void contentMarkup(int i) throws Base64Decoder.Malformed {
    boolean streaming = contentId != null;
    byte first = look[0];
    if (first == '/') {
      if (streaming) {
        endDocument();
      }
      element = null;
      openKept(State.TEXT);
    } else if (first == '?') {
      if (streaming) {
        skip(false);
      } else {
        openKept(State.CONTENT);
      }
    } else if (first == '!') {
      if (lookLen == COMMENT_OPEN.length && Arrays.equals(look, 0, lookLen, COMMENT_OPEN, 0, lookLen)) {
        if (streaming) {
          skip(true);
        } else {
          openKept(State.CONTENT);
        }
      } else if (lookLen == CDATA_OPEN.length && Arrays.equals(look, 0, lookLen, CDATA_OPEN, 0, lookLen)) {
        tail = 0;
        state = State.CDATA;
      } else if (!prefixOf(COMMENT_OPEN) && !prefixOf(CDATA_OPEN)) {
        throw malformed("markup '<" + new String(look, 0, lookLen, StandardCharsets.US_ASCII)
            + "' inside base64 content", base + i);
      }
    } else if (streaming) {
      throw malformed("an element follows base64 text inside the element", base + i);
    } else {
      element = null; // a child element: not inline base64, kept as it is
      openKept(State.TEXT);
    }
  }

  private boolean prefixOf(byte[] open) {
    return lookLen < open.length && Arrays.equals(look, 0, lookLen, open, 0, lookLen);
  }

  /** Keeps the markup begun inside the content ('<' and the bytes looked at) and reads on as kept markup. */
  private void openKept(State after) {
    openMarkup(after);
    for (int k = 0; k < lookLen; k++) {
      kept.markup(look[k]);
    }
  }

  /** Drops a comment or a processing instruction inside streamed content. */
  private void skip(boolean comment) {
    skippingComment = comment;
    tail = 0;
    state = State.SKIP;
  }

  private int cdata(byte[] b, int i, int end) throws Base64Decoder.Malformed {
    byte c = b[i];
    if (tail > 0) { // ']' seen
      if (c == ']' && tail == 1) {
        tail = 2;
      } else if (c == '>' && tail == 2) {
        tail = 0;
        state = contentId != null ? State.BASE64 : State.CONTENT;
      } else {
        throw malformed("']' inside base64 content", base + i);
      }
      return i + 1;
    }
    if (c == ']') {
      tail = 1;
      return i + 1;
    }
    if (contentId == null) {
      if (Base64Decoder.isBlank(c)) {
        return i + 1;
      }
      startDocument(i);
      state = State.CDATA;
    }
    int stop = decoder.decode(b, i, end);
    if (stop < end && b[stop] != ']') {
      throw malformed(String.format("byte 0x%02x is not base64", b[stop] & 0xff), base + stop);
    }
    return stop;
  }

  /** A character reference inside the content: white space is dropped, a base64 character decoded. */
  private void reference(byte c, int i) throws Base64Decoder.Malformed {
    if (c != ';') {
      if (lookLen == look.length) {
        throw malformed("an over-long reference inside base64 content", base + i);
      }
      look[lookLen++] = c;
      return;
    }
    int ch = XmlTagScan.referenced(look, lookLen);
    boolean ascii = ch >= 0 && ch <= 0x7f;
    boolean streaming = contentId != null;
    if (ascii && Base64Decoder.isBlank(ch) && !streaming) {
      kept.keep('&');
      kept.keep(look, 0, lookLen);
      kept.keep(';');
      state = State.CONTENT;
      return;
    }
    if (!streaming) {
      startDocument(i);
    }
    if (!ascii || !Base64Decoder.isBase64Text(ch)) {
      throw malformed("reference '&" + new String(look, 0, lookLen, StandardCharsets.UTF_8)
          + ";' is not base64", base + i);
    }
    decoder.decode(new byte[] {(byte) ch}, 0, 1);
    state = State.BASE64;
  }

  private void startDocument(int i) {
    documents++;
    if (documents + 1L > limits.maxParts()) {
      throw new MtomLimitException("maxParts", limits.maxParts(), documents + 1L, base + i);
    }
    contentId = "inline-" + documents + "@soap-body";
    byte[] include = ("<xop:Include xmlns:xop=\"" + XOP + "\" href=\"cid:" + contentId + "\"/>")
        .getBytes(StandardCharsets.US_ASCII);
    kept.keep(include, 0, include.length);
    decoded = 0;
    decoder = new Base64Decoder(this);
    state = State.BASE64;
    listener.attachmentStart(new MultipartPart(documents, contentId, null, "binary"));
  }

  private void endDocument() throws Base64Decoder.Malformed {
    decoder.finish();
    decoder = null;
    contentId = null;
    listener.attachmentEnd();
  }

  @Override
  public void bytes(byte[] b, int off, int len) {
    decoded += len;
    if (decoded > limits.maxPartBytes()) {
      throw new MtomLimitException("maxPartBytes", limits.maxPartBytes(), decoded, fed);
    }
    listener.attachmentBody(ByteBuffer.wrap(b, off, len).asReadOnlyBuffer());
  }

  private InlineBase64Exception malformed(String problem, long offset) {
    return new InlineBase64Exception(contentId != null ? documents : documents + 1,
        contentId != null ? contentId : "not started", element, problem, offset);
  }
}
