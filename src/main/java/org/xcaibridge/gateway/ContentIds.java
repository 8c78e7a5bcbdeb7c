package org.xcaibridge.gateway;

import java.util.Locale;
import java.util.Map;

/**
 * Matching an {@code xop:Include} to its attachment (protocol.md §1.5, §9.2 pitfall 7). Both sides arrive
 * normalised by the soap and ihe readers (angle brackets gone, {@code cid:} URL decoded); the exact match is
 * tried first, then one ignoring case, since some stacks change the case of the domain part between the
 * Content-ID header and the href.
 */
final class ContentIds {
  private ContentIds() {}

  static <V> V lookup(Map<String, V> byContentId, String contentId) {
    V exact = byContentId.get(contentId);
    if (exact != null) {
      return exact;
    }
    String key = key(contentId);
    for (Map.Entry<String, V> e : byContentId.entrySet()) {
      if (key(e.getKey()).equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Removes and returns the entry {@link #lookup} would find. */
  static <V> V take(Map<String, V> byContentId, String contentId) {
    V exact = byContentId.remove(contentId);
    if (exact != null) {
      return exact;
    }
    String key = key(contentId);
    for (var it = byContentId.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, V> e = it.next();
      if (key(e.getKey()).equals(key)) {
        it.remove();
        return e.getValue();
      }
    }
    return null;
  }

  private static String key(String contentId) {
    return contentId.trim().toLowerCase(Locale.ROOT);
  }
}
