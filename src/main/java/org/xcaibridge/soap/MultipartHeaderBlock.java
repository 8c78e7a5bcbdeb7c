package org.xcaibridge.soap;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The header block of one multipart part, read: lines unfolded (RFC 5322 §2.2), names case-insensitive, the
 * Content-ID without its angle brackets, the transfer encoding one that needs no decoding (7bit, 8bit, binary;
 * 7bit when absent) or refused. {@link MultipartParser} collects the block; this reads it.
 */
final class MultipartHeaderBlock {
  private MultipartHeaderBlock() {}

  /**
   * The part {@code index} described by {@code header[0, length)}, its header lines without the blank line that ends
   * them; {@code offset} is the body offset of the block's first byte, for errors.
   */
  static MultipartPart read(byte[] header, int length, int index, long offset) {
    String block = new String(header, 0, length, StandardCharsets.UTF_8);
    String contentId = null;
    String contentType = null;
    String encoding = null;
    String[] lines = block.split("\n", -1);
    StringBuilder field = null;
    int lineOffset = 0;
    int fieldOffset = 0;
    for (int k = 0; k <= lines.length; k++) {
      String line = k < lines.length ? stripCr(lines[k]) : "";
      boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
      if (continuation && field != null) {
        field.append(' ').append(line.trim());
      } else {
        if (field != null) {
          String f = field.toString();
          int colon = f.indexOf(':');
          String name = colon < 0 ? "" : f.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new MultipartException("malformed header line in part " + index, offset + fieldOffset);
          }
          String value = f.substring(colon + 1).trim();
          switch (name) {
            case "content-id" -> contentId = stripBrackets(value);
            case "content-type" -> contentType = value;
            case "content-transfer-encoding" -> encoding = value.toLowerCase(Locale.ROOT);
            default -> { }
          }
        } else if (continuation) {
          throw new MultipartException("part header starts with a continuation line", offset);
        }
        field = k < lines.length && !line.isEmpty() ? new StringBuilder(line) : null;
        fieldOffset = lineOffset;
      }
      if (k < lines.length) {
        lineOffset += lines[k].getBytes(StandardCharsets.UTF_8).length + 1;
      }
    }
    if (encoding == null) {
      encoding = "7bit";
    } else if (!encoding.equals("binary") && !encoding.equals("8bit") && !encoding.equals("7bit")) {
      throw new MultipartEncodingException(encoding, index, offset);
    }
    return new MultipartPart(index, contentId, contentType, encoding);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String stripBrackets(String id) {
    return id.length() >= 2 && id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1).trim() : id;
  }
}
