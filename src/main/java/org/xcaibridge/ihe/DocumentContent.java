package org.xcaibridge.ihe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@code Document} element of a DocumentResponse holds: a reference to an MTOM attachment, or the
 * bytes themselves as inline base64 (plain SOAP answers, protocol.md §1.5). Inline bytes are bounded by
 * {@link IheReadLimits#maxInlineDocumentBytes()} on reading.
 */
public sealed interface DocumentContent {

  /**
   * {@code <xop:Include href="cid:…"/>}. The href is kept as received; {@link #contentId()} is the
   * attachment's Content-ID (without angle brackets) to look up among the MTOM parts.
   */
  record XopInclude(String href) implements DocumentContent {
    public XopInclude {
      Objects.requireNonNull(href, "href");
    }

    /** The include for an attachment whose Content-ID (without angle brackets) is {@code contentId}. */
    public static XopInclude ofContentId(String contentId) {
      return new XopInclude("cid:" + percentEncode(contentId));
    }

    /**
     * The Content-ID this include points to: {@code cid:} removed and %-escapes decoded (RFC 2392; peers
     * escape {@code @} and others, protocol.md §1.5). A {@code +} stays a {@code +}: this is not form encoding.
     */
    public String contentId() {
      String h = href.trim();
      if (h.regionMatches(true, 0, "cid:", 0, 4)) {
        h = h.substring(4);
      }
      return percentDecode(h);
    }

    private static String percentEncode(String s) {
      StringBuilder sb = new StringBuilder();
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
          sb.append((char) c);
        } else {
          sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
      }
      return sb.toString();
    }

    private static String percentDecode(String s) {
      if (s.indexOf('%') < 0) {
        return s;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (c == '%' && hi >= 0 && lo >= 0) {
          out.write(hi << 4 | lo);
          i += 2;
        } else {
          byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          out.write(raw, 0, raw.length);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Inline base64 content, decoded. Equality is by content. */
  record Inline(byte[] bytes) implements DocumentContent {
    public Inline {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    public int length() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inline other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Inline[" + bytes.length + " bytes]";
    }
  }
}
