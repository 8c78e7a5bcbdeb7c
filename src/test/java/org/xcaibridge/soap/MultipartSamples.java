package org.xcaibridge.soap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-written and generated multipart bodies with the parts a correct reader must find in them. */
final class MultipartSamples {
  private MultipartSamples() {}

  static final String BOUNDARY = "b0undary";

  /** A body and the parts it holds. */
  record Sample(String boundary, byte[] body, List<MultipartRecorder.Part> parts) {}

  /**
   * Preamble, transport padding, a folded header, lower-case header names, content ending in its own CRLF,
   * near misses of the delimiter, binary bytes, an empty part, padding after the closing delimiter and an
   * epilogue that looks like another part. {@code eol} is "\r\n" or "\n".
   */
  static Sample handWritten(String eol) {
    byte[] nearMisses = bytes("x" + eol + "--b0undar" + eol + "-" + eol + "--" + eol + "\r--b0undary\r\r" + eol
        + "--b0undarY" + "\u0000\u00ff" + eol + "-b0undary" + eol + "- --b0undary", StandardCharsets.ISO_8859_1);
    byte[] envelope = bytes("<env>" + eol + eol + "</env>" + eol, StandardCharsets.UTF_8);
    String body = "This is the preamble." + eol
        + "--b0undary  \t" + eol
        + "Content-Type: application/xop+xml; charset=UTF-8;" + eol + "\ttype=\"application/soap+xml\"" + eol
        + "content-id: <root@x>" + eol
        + "Content-Transfer-Encoding: 8bit" + eol
        + eol;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes(body, StandardCharsets.ISO_8859_1));
    out.writeBytes(envelope);
    out.writeBytes(bytes(eol + "--b0undary" + eol + "CONTENT-ID:<a%1@x>" + eol + eol, StandardCharsets.ISO_8859_1));
    out.writeBytes(nearMisses);
    out.writeBytes(bytes(eol + "--b0undary" + eol + "Content-ID: <empty@x>" + eol
        + "Content-Transfer-Encoding: BINARY" + eol + eol
        + eol + "--b0undary-- " + eol + "epilogue" + eol + "--b0undary" + eol + "X: y" + eol + eol + "z",
        StandardCharsets.ISO_8859_1));
    return new Sample(BOUNDARY, out.toByteArray(), List.of(
        new MultipartRecorder.Part(new MultipartPart(0, "root@x",
            "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", "8bit"), envelope),
        new MultipartRecorder.Part(new MultipartPart(1, "a%1@x", null, "7bit"), nearMisses),
        new MultipartRecorder.Part(new MultipartPart(2, "empty@x", null, "binary"), new byte[0])));
  }

  /**
   * A random body: 1 to 6 parts whose content is dense in CR, LF, '-' and boundary characters (so delimiter
   * prefixes occur often), with random preamble, padding and line ends per delimiter.
   */
  static Sample random(Random rnd, int maxPartBytes) {
    String boundary = rnd.nextBoolean() ? BOUNDARY : "=_" + Long.toHexString(rnd.nextLong());
    byte[] alphabet = ("\r\n-" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int n = 1 + rnd.nextInt(6);
    String[] eols = new String[n + 1]; // eols[p]: line ends of the delimiter before part p; eols[n]: closing
    for (int p = 0; p <= n; p++) {
      eols[p] = rnd.nextInt(4) == 0 ? "\n" : "\r\n";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<MultipartRecorder.Part> parts = new ArrayList<>();
    if (rnd.nextBoolean()) {
      out.writeBytes(bytes("preamble" + eols[0], StandardCharsets.ISO_8859_1));
    }
    for (int p = 0; p < n; p++) {
      byte[] content = new byte[rnd.nextInt(maxPartBytes + 1)];
      for (int i = 0; i < content.length; i++) {
        content[i] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
      }
      breakDelimiters(content, boundary);
      if (eols[p + 1].equals("\n") && content.length > 0 && content[content.length - 1] == '\r') {
        content[content.length - 1] = 'r'; // "\r" + "\n--" reads as a CRLF delimiter: ambiguous by design
      }
      String eol = eols[p];
      out.writeBytes(bytes((p == 0 ? "" : eol) + "--" + boundary + " ".repeat(rnd.nextInt(3)) + eol
          + "Content-ID: <p" + p + "@x>" + eol + "Content-Type: application/octet-stream" + eol + eol,
          StandardCharsets.ISO_8859_1));
      out.writeBytes(content);
      parts.add(new MultipartRecorder.Part(new MultipartPart(p, "p" + p + "@x", "application/octet-stream", "7bit"),
          content));
    }
    out.writeBytes(bytes(eols[n] + "--" + boundary + "--" + eols[n], StandardCharsets.ISO_8859_1));
    return new Sample(boundary, out.toByteArray(), parts);
  }

  /** Alters content so that no line in it starts with the delimiter (RFC 2046 forbids it). */
  private static void breakDelimiters(byte[] content, String boundary) {
    byte[] d = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i + d.length <= content.length; i++) {
      boolean lineStart = i == 0 || content[i - 1] == '\n';
      boolean match = true;
      for (int k = 0; k < d.length && match; k++) {
        match = content[i + k] == d[k];
      }
      if (lineStart && match) {
        content[i] = 'X';
      }
    }
  }

  /** A body of one part, {@code <a@x>}, holding {@code content}, with CRLF line ends. */
  static byte[] onePart(String boundary, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes("--" + boundary + "\r\nContent-ID: <a@x>\r\n\r\n", StandardCharsets.ISO_8859_1));
    out.writeBytes(content);
    out.writeBytes(bytes("\r\n--" + boundary + "--\r\n", StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  static byte[] bytes(String s, java.nio.charset.Charset cs) {
    return s.getBytes(cs);
  }
}
