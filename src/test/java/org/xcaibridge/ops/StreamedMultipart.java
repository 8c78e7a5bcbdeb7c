package org.xcaibridge.ops;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/related} body (RFC 2046 §5.1) as it streams, keeping of each part only its headers, its
 * length and the SHA-256 of its body — a study of hundreds of MiB never sits in the test's memory. Written for
 * these tests from the RFC, independently of the front's multipart writer. A body that stops before the closing
 * delimiter is reported as such ({@link Result#closed} false), with the parts complete before the break.
 */
final class StreamedMultipart {
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");

  /** One part: its headers (names in lower case), its body's length and SHA-256. */
  record Part(Map<String, String> headers, long length, String sha256) {
    /** The last path segment of Content-Location: the SOP Instance UID in a WADO-RS answer. */
    String sop() {
      String location = headers.getOrDefault("content-location", "");
      return location.substring(location.lastIndexOf('/') + 1);
    }
  }

  /** What arrived: whole parts, whether the closing delimiter came, and why reading stopped early. */
  record Result(List<Part> parts, boolean closed, IOException failure) {}

  /** Called after each whole part, on the reading thread (which it may block to hold the body back). */
  interface Listener {
    void part(int index, Part part) throws InterruptedException;
  }

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buf = new byte[1 << 20];
  private int pos;
  private int lim;

  private StreamedMultipart(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    // the first delimiter has no line break before it: reading starts as if one preceded the body
    buf[0] = '\r';
    buf[1] = '\n';
    lim = 2;
  }

  static String boundary(String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new IllegalArgumentException("no boundary in " + contentType);
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  static Result read(InputStream in, String contentType, Listener listener) throws InterruptedException {
    return new StreamedMultipart(in, boundary(contentType)).parts(listener);
  }

  private Result parts(Listener listener) throws InterruptedException {
    List<Part> parts = new ArrayList<>();
    try {
      skipTo(null, new long[1]); // the preamble
      while (true) {
        while (lim - pos < 2) {
          more();
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
          return new Result(parts, true, null);
        }
        Map<String, String> headers = headers();
        MessageDigest sha = sha256();
        long[] length = {0};
        skipTo(sha, length);
        Part p = new Part(headers, length[0], HexFormat.of().formatHex(sha.digest()));
        parts.add(p);
        listener.part(parts.size() - 1, p);
      }
    } catch (IOException e) {
      return new Result(parts, false, e);
    }
  }

  /** Consumes the line end after a delimiter and the header lines up to the empty one. */
  private Map<String, String> headers() throws IOException {
    int end;
    while ((end = find("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), pos)) < 0) {
      more();
    }
    String block = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
    pos = end + 4;
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return headers;
  }

  /** Passes bytes to {@code sha} up to the next delimiter, which is consumed. */
  private void skipTo(MessageDigest sha, long[] length) throws IOException {
    while (true) {
      int at = find(delimiter, pos);
      int upTo = at >= 0 ? at : Math.max(pos, lim - delimiter.length + 1);
      if (sha != null) {
        sha.update(buf, pos, upTo - pos);
      }
      length[0] += upTo - pos;
      pos = upTo;
      if (at >= 0) {
        pos += delimiter.length;
        return;
      }
      more();
    }
  }

  private int find(byte[] pattern, int from) {
    int last = lim - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (buf[i] != pattern[0]) {
        continue;
      }
      for (int j = 1; j < pattern.length; j++) {
        if (buf[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Reads more bytes behind what is still unread; EOF is a break before the closing delimiter. */
  private void more() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    if (lim == buf.length) {
      throw new IOException("a part's headers do not fit in " + buf.length + " bytes");
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      throw new EOFException("the body ended before its closing delimiter");
    }
    lim += n;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
