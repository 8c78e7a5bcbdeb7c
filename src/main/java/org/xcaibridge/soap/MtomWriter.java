package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Writes a SOAP 1.2 message as MTOM/XOP (SOAP MTOM §3–4, XOP §4, RFC 2387): the envelope as the root part
 * ({@code application/xop+xml; charset=UTF-8; type="application/soap+xml"}), then each attachment, in the
 * given order, copied from its stream into the output with back-pressure. No part is ever held whole.
 *
 * <p>The envelope refers to each attachment with {@code <xop:Include href="cid:…"/>}, where the href is
 * {@link #hrefOf(String)} of the attachment's Content-ID. The boundary and the root Content-ID come from the
 * random source given (a boundary must not occur in any part; 128 random bits make that practically certain).
 */
public final class MtomWriter {
  private static final String CRLF = "\r\n";

  private final String boundary;
  private final String rootContentId;
  private final String action;

  private MtomWriter(String boundary, String rootContentId, String action) {
    this.boundary = boundary;
    this.rootContentId = rootContentId;
    this.action = action;
  }

  /**
   * @param action the SOAP action URI carried in the Content-Types (e.g. {@code urn:ihe:rad:2011:…}), or null
   * @param random source of the boundary and root Content-ID (pass a {@code SecureRandom} in production)
   */
  public static MtomWriter create(String action, RandomGenerator random) {
    if (action != null && (action.isEmpty() || !action.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"'
        && c != '\\'))) {
      throw new IllegalArgumentException("action must be a non-empty URI without blanks, quotes or backslashes");
    }
    String token = hex(random.nextLong()) + hex(random.nextLong());
    return new MtomWriter("MIMEBoundary_" + token, "root." + token.substring(0, 16) + "@xcaibridge", action);
  }

  public String boundary() {
    return boundary;
  }

  /** The root part's Content-ID, without angle brackets. */
  public String rootContentId() {
    return rootContentId;
  }

  /** The value for the message's Content-Type header. */
  public String contentType() {
    return "multipart/related; type=\"application/xop+xml\"; start=\"<" + rootContentId + ">\"; "
        + "start-info=\"application/soap+xml\"" + (action == null ? "" : "; action=\"" + action + "\"")
        + "; boundary=" + boundary;
  }

  /**
   * Writes the whole body into {@code out} and ends it. Attachment streams are paused at once and read one
   * after another. The future fails with the first cause (a failing attachment or write); {@code out} is then
   * not ended, so the caller must reset it rather than let a cut body look whole, and close the streams not
   * yet sent.
   *
   * @param envelope the SOAP 1.2 envelope, UTF-8
   */
  public Future<Void> write(Buffer envelope, List<MtomAttachment> attachments, WriteStream<Buffer> out) {
    Set<String> ids = new HashSet<>();
    ids.add(rootContentId);
    for (MtomAttachment a : attachments) {
      checkContentId(a.contentId());
      if (!ids.add(a.contentId())) {
        throw new IllegalArgumentException("Content-ID <" + a.contentId() + "> is used twice");
      }
      if (a.contentType() != null && !a.contentType().chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("Content-Type of <" + a.contentId() + "> must be printable ASCII");
      }
    }
    for (MtomAttachment a : attachments) {
      a.body().pause();
    }
    Future<Void> f = send(out, Buffer.buffer(rootHeader()).appendBuffer(envelope));
    for (MtomAttachment a : attachments) {
      f = f.compose(v -> send(out, Buffer.buffer(partHeader(a))))
          .compose(v -> a.body().pipe().endOnComplete(false).to(out));
    }
    return f.compose(v -> whenWritable(out)).compose(v -> out.end(Buffer.buffer(closing())));
  }

  private static Future<Void> send(WriteStream<Buffer> out, Buffer data) {
    return whenWritable(out).compose(v -> out.write(data));
  }

  /** Our own writes (envelope, part headers) wait for room like the piped attachment content does. */
  private static Future<Void> whenWritable(WriteStream<Buffer> out) {
    if (!out.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> room = Promise.promise();
    out.drainHandler(v -> room.tryComplete());
    return room.future();
  }

  /** The {@code cid:} URL for a Content-ID (RFC 2392): characters outside a safe URL set are %-escaped. */
  public static String hrefOf(String contentId) {
    StringBuilder sb = new StringBuilder("cid:");
    for (byte b : contentId.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@!$&'*+=:".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  byte[] rootHeader() {
    return ascii("--" + boundary + CRLF
        + "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
        + (action == null ? "" : "; action=\"" + action + "\"") + CRLF
        + "Content-Transfer-Encoding: binary" + CRLF
        + "Content-ID: <" + rootContentId + ">" + CRLF + CRLF);
  }

  /** The CRLF that ends the previous part belongs to this delimiter (RFC 2046 §5.1.1). */
  byte[] partHeader(MtomAttachment a) {
    return ascii(CRLF + "--" + boundary + CRLF
        + "Content-Type: " + (a.contentType() == null ? "application/octet-stream" : a.contentType()) + CRLF
        + "Content-Transfer-Encoding: binary" + CRLF
        + "Content-ID: <" + a.contentId() + ">" + CRLF + CRLF);
  }

  byte[] closing() {
    return ascii(CRLF + "--" + boundary + "--" + CRLF);
  }

  private static void checkContentId(String id) {
    if (id == null || id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>')) {
      throw new IllegalArgumentException("Content-ID must be printable ASCII without blanks or angle brackets: " + id);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(long v) {
    String h = Long.toHexString(v);
    return "0".repeat(16 - h.length()) + h;
  }
}
