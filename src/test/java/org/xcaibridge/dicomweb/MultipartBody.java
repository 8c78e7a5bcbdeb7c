package org.xcaibridge.dicomweb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of a whole {@code multipart/related} body for tests (RFC 2046 §5.1.1): the boundary from the
 * Content-Type header, every part's headers and bytes, and a failure when the closing delimiter is missing.
 */
final class MultipartBody {
  record Part(Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private MultipartBody() {}

  static String boundary(String contentType) {
    for (String p : contentType.split(";")) {
      String t = p.trim();
      if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        return t.substring(9).replace("\"", "");
      }
    }
    throw new AssertionError("no boundary in " + contentType);
  }

  static List<Part> parse(String contentType, byte[] body) {
    byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.US_ASCII);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, delimiter, 0);
    if (at != 0) {
      throw new AssertionError("the body does not start with the delimiter");
    }
    while (true) {
      int after = at + delimiter.length;
      if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
        return parts;
      }
      int headersStart = after + 2; // CRLF after the delimiter
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      if (headersEnd < 0) {
        throw new AssertionError("part " + (parts.size() + 1) + " has no end of headers");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8).split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      int next = indexOf(body, concat("\r\n".getBytes(StandardCharsets.US_ASCII), delimiter), headersEnd + 4);
      if (next < 0) {
        throw new AssertionError("part " + (parts.size() + 1) + " is not followed by a delimiter: the body is cut");
      }
      parts.add(new Part(headers, Arrays.copyOfRange(body, headersEnd + 4, next)));
      at = next + 2;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
