package org.xcaibridge.soap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Reads a SOAP 1.2 message body that is either MTOM/XOP ({@code multipart/related; type="application/xop+xml"},
 * SOAP MTOM §3, XOP §4) or plain SOAP ({@code application/soap+xml}), pushed in chunks of any size. Only the root
 * part (the SOAP envelope: the part named by the {@code start} parameter, or the first part) is held, up to
 * {@link MtomLimits#maxRootPartBytes()}, and handed over whole; every other part is passed on piece by piece
 * in wire order, so an attachment of any size costs no memory here. A plain SOAP body is the root part, except
 * the base64 content of named inline binary elements, which streams on as attachments the same way (see
 * {@link #create(String, MtomLimits, Set, Listener)}).
 *
 * <p>{@code xop:Include href="cid:…"} values map to an attachment's {@link MultipartPart#contentId()} through
 * {@link #contentIdOf(String)}. For Vert.x streams use {@link MtomStreamReader}, which drives this class.
 */
public final class MtomReader {
  /**
   * What the reader finds, in wire order; the root may come after attachments when {@code start} says so, and
   * always does in a plain SOAP body with inline documents.
   */
  public interface Listener {
    /** The whole root part; called once. */
    void root(MultipartPart part, byte[] envelope);

    void attachmentStart(MultipartPart part);

    /** A piece of the current attachment; a view valid during the call only (see {@link MultipartHandler}). */
    void attachmentBody(ByteBuffer slice);

    void attachmentEnd();

    /** The body ended well: closing delimiter seen (or plain SOAP body complete) and the root part found. */
    void end();
  }

  private final MultipartContentType contentType;
  private final MtomLimits limits;
  private final Listener listener;
  private final MultipartParser parser; // null for plain SOAP
  private final String start;
  private static final Set<String> ASCII_COMPATIBLE = Set.of("utf-8", "utf8", "us-ascii", "iso-8859-1");

  private ByteArrayOutputStream root = new ByteArrayOutputStream();
  private final Set<String> contentIds = new HashSet<>();
  private final PlainSoapBody plain; // null for multipart
  private MultipartPart rootPart;
  private boolean inRoot;
  private boolean rootDone;

  private MtomReader(MultipartContentType contentType, MtomLimits limits, Set<QName> inlineBinary,
      Listener listener) {
    this.contentType = contentType;
    this.limits = limits;
    this.listener = listener;
    if (contentType.isMultipart()) {
      if (!contentType.mediaType().equals("multipart/related")) {
        throw new MultipartException("expected multipart/related, got " + contentType.mediaType());
      }
      String s = contentType.parameter("start");
      this.start = s == null ? null : stripBrackets(s.trim());
      this.parser = new MultipartParser(contentType.boundary(), new Parts(), limits);
      this.plain = null;
    } else if (contentType.mediaType().equals("application/soap+xml") || contentType.mediaType().equals("text/xml")) {
      this.start = null;
      this.parser = null;
      String charset = contentType.parameter("charset");
      // the scanner reads tags as ASCII; a body in another encoding is kept whole, as before
      boolean ascii = charset == null || ASCII_COMPATIBLE.contains(charset.trim().toLowerCase(Locale.ROOT));
      this.plain = new PlainSoapBody(limits, ascii ? Set.copyOf(inlineBinary) : Set.of(), listener);
    } else {
      throw new MultipartException("expected multipart/related or application/soap+xml, got " + contentType.mediaType());
    }
  }

  /**
   * @param contentType the message's Content-Type header value
   * @throws MultipartException if it is neither {@code multipart/related} (with a valid boundary) nor SOAP
   */
  public static MtomReader create(String contentType, MtomLimits limits, Listener listener) {
    return create(contentType, limits, Set.of(), listener);
  }

  /**
   * Like {@link #create(String, MtomLimits, Listener)}; in a plain SOAP body, the base64 content of the
   * elements named in {@code inlineBinary} is decoded while it streams and handed on as attachments (see
   * {@link PlainSoapBody}): the root then holds {@code xop:Include}s in its place, and it comes last.
   *
   * @param inlineBinary qualified names of elements of type {@code xs:base64Binary}, e.g. IHE's {@code Document}
   */
  public static MtomReader create(String contentType, MtomLimits limits, Set<QName> inlineBinary,
      Listener listener) {
    return new MtomReader(MultipartContentType.parse(contentType), limits, inlineBinary, listener);
  }

  public MultipartContentType contentType() {
    return contentType;
  }

  /** True for MTOM/XOP (or other {@code multipart/related}) bodies, false for plain SOAP. */
  public boolean isMultipart() {
    return parser != null;
  }

  public void feed(ByteBuffer chunk) {
    if (parser != null) {
      parser.feed(chunk);
    } else {
      int len = chunk.remaining();
      byte[] copy = new byte[len];
      chunk.get(copy);
      plainBody(copy, 0, len);
    }
  }

  public void feed(byte[] chunk, int off, int len) {
    if (parser != null) {
      parser.feed(chunk, off, len);
    } else {
      plainBody(chunk, off, len);
    }
  }

  /** Marks the end of the body; throws if it was cut short or had no root part. */
  public void finish() {
    if (parser == null) {
      if (rootDone) {
        throw new IllegalStateException("finish() was called already");
      }
      rootDone = true;
      listener.root(new MultipartPart(0, null, contentType.mediaType(), "binary"), plain.finish());
      listener.end();
      return;
    }
    parser.finish();
    if (!rootDone) {
      throw new MultipartException(start == null ? "body has no parts"
          : "no part has the Content-ID <" + start + "> named by the start parameter", parser.position());
    }
    listener.end();
  }

  /**
   * The Content-ID (without angle brackets) that a {@code cid:} URL names, per RFC 2392: the scheme is
   * case-insensitive and {@code %hh} escapes are decoded (as UTF-8; a malformed escape is kept as written).
   *
   * @throws IllegalArgumentException if {@code href} is not a {@code cid:} URL
   */
  public static String contentIdOf(String href) {
    if (href == null || !href.regionMatches(true, 0, "cid:", 0, 4)) {
      throw new IllegalArgumentException("not a cid: URL: " + href);
    }
    String s = href.substring(4).trim();
    byte[] out = new byte[s.length() * 3];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
      if (lo >= 0) {
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(utf8, 0, out, n, utf8.length);
        n += utf8.length;
      }
    }
    return stripBrackets(new String(Arrays.copyOf(out, n), StandardCharsets.UTF_8));
  }

  /** Body offset of the first byte of the slice being passed to {@link Listener#attachmentBody}. */
  long sliceOffset() {
    return parser == null ? -1 : parser.sliceOffset(); // decoded inline content is no slice of the body
  }

  /**
   * Ends the body early because its source failed: returns the error that names the part cut short (for
   * plain SOAP, the root), with {@code cause} attached. The reader is unusable afterwards.
   */
  MultipartException cutShort(Throwable cause) {
    MultipartException e = parser != null ? parser.cutShort() : plain.truncated();
    rootDone = true;
    e.initCause(cause);
    return e;
  }

  static String stripBrackets(String id) {
    return id.length() >= 2 && id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1).trim() : id;
  }

  private void plainBody(byte[] b, int off, int len) {
    if (rootDone) {
      throw new IllegalStateException("feed after finish()");
    }
    plain.feed(b, off, len);
  }

  /** Routes parser events: the root part into the buffer, the others on to the listener. */
  private final class Parts implements MultipartHandler {
    @Override
    public void partStart(MultipartPart part) {
      if (part.contentId() != null && !contentIds.add(part.contentId())) {
        // two parts with one Content-ID would make an xop:Include ambiguous
        throw new MultipartException("Content-ID <" + part.contentId() + "> is used by more than one part",
            parser.position());
      }
      inRoot = !rootDone && (start == null ? part.index() == 0 : start.equals(part.contentId()));
      if (inRoot) {
        rootPart = part;
      } else {
        listener.attachmentStart(part);
      }
    }

    @Override
    public void partBody(ByteBuffer slice) {
      if (!inRoot) {
        listener.attachmentBody(slice);
        return;
      }
      long size = (long) root.size() + slice.remaining();
      if (size > limits.maxRootPartBytes()) {
        throw new MtomLimitException("maxRootPartBytes", limits.maxRootPartBytes(), size, parser.sliceOffset());
      }
      byte[] copy = new byte[slice.remaining()];
      slice.get(copy);
      root.write(copy, 0, copy.length);
    }

    @Override
    public void partEnd() {
      if (inRoot) {
        inRoot = false;
        rootDone = true;
        byte[] envelope = root.toByteArray();
        root = new ByteArrayOutputStream(0); // let the buffer's backing array go
        listener.root(rootPart, envelope);
      } else {
        listener.attachmentEnd();
      }
    }

    @Override
    public void end() {
      // reported from finish(), once the root part is known to be there
    }
  }
}
