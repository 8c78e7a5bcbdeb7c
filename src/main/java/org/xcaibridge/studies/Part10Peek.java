package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.IntFunction;
import org.xcaibridge.cache.InstanceStream;

/**
 * Learns an instance's transfer syntax from the first bytes of its Part 10 stream (the File Meta Information's
 * (0002,0010), PS3.10 §7.1) without consuming them ({@link InstanceStream#head}), so the front can choose a part's
 * media type, or a transcoding, and how to send the instance, before its first byte goes out. A few KiB are looked
 * at, more (doubling) only when the meta information is longer.
 */
final class Part10Peek {
  /** Beyond this, an instance whose meta information has not ended is handed on with its syntax unknown. */
  static final int MAX_PEEK_BYTES = 64 << 10;
  /** Bytes parsed first: a File Meta Information is a few hundred; more are looked at (doubling) when it is longer. */
  private static final int FIRST_LOOK_BYTES = 4 << 10;
  private static final Set<String> LONG_VRS = Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC",
      "UR", "SV", "UV");
  private static final int NEED_MORE = -1;

  private Part10Peek() {}

  /** The syntax the meta information at the start of {@code s} names, or null; {@code s} is not moved. */
  static Future<String> syntaxOf(InstanceStream s) {
    return syntaxOf(s::head);
  }

  /**
   * The same over {@code head}, which gives the first n bytes of an instance (fewer when it is shorter): the pure
   * part, tested on byte arrays.
   */
  static Future<String> syntaxOf(IntFunction<Future<Buffer>> head) {
    return look(head, FIRST_LOOK_BYTES);
  }

  private static Future<String> look(IntFunction<Future<Buffer>> head, int want) {
    return head.apply(want).compose(b -> {
      byte[] bytes = b.getBytes();
      int end = metaEnd(bytes);
      if (end == NEED_MORE && bytes.length >= want && want < MAX_PEEK_BYTES) {
        return look(head, Math.min(MAX_PEEK_BYTES, want * 2));
      }
      return Future.succeededFuture(end == NEED_MORE ? null : syntax(bytes));
    });
  }

  /** The syntax the File Meta Information names, or null. */
  static String syntax(byte[] b) {
    if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
      return null;
    }
    int p = 132;
    while (p + 8 <= b.length) {
      int group = u16(b, p);
      int element = u16(b, p + 2);
      if (group != 2) {
        return null;
      }
      String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
      long length;
      int header;
      if (LONG_VRS.contains(vr)) {
        if (p + 12 > b.length) {
          return null;
        }
        length = u16(b, p + 8) | ((long) u16(b, p + 10) << 16);
        header = 12;
      } else {
        length = u16(b, p + 6);
        header = 8;
      }
      if (p + header + length > b.length) {
        return null;
      }
      if (element == 0x0010) {
        String uid = new String(b, p + header, (int) length, StandardCharsets.US_ASCII);
        uid = uid.replace("\0", "").strip();
        return uid.isEmpty() ? null : uid;
      }
      p += header + (int) length;
    }
    return null;
  }

  /** Where the meta information ends when the bytes hold all of it (or show there is none), else NEED_MORE. */
  private static int metaEnd(byte[] b) {
    if (b.length < 132) {
      return NEED_MORE;
    }
    if (b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') {
      return 0;
    }
    int p = 132;
    while (p + 8 <= b.length) {
      if (u16(b, p) != 2) {
        return p;
      }
      String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
      boolean longVr = LONG_VRS.contains(vr);
      if (longVr && p + 12 > b.length) {
        return NEED_MORE;
      }
      long length = longVr ? u16(b, p + 8) | ((long) u16(b, p + 10) << 16) : u16(b, p + 6);
      long next = p + (longVr ? 12 : 8) + length;
      if (next > MAX_PEEK_BYTES) {
        return 0;
      }
      p = (int) next;
    }
    return NEED_MORE;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
