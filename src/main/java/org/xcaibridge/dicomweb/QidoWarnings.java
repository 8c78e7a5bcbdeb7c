package org.xcaibridge.dicomweb;

import java.util.List;

/**
 * Values of the {@code Warning} header a QIDO-RS answer carries (PS3.18 §8.3.4.4 and §8.4.5; the field
 * syntax is RFC 7234 §5.5: {@code 299 <agent> "<text>"}). Texts are printable ASCII: header values are
 * not a place for other characters, so anything else becomes {@code ?}.
 */
public final class QidoWarnings {
  private QidoWarnings() {}

  /** The fixed code for a persistent miscellaneous warning (RFC 7234 §5.5.7). */
  public static final int CODE = 299;

  /** More results matched than were returned; {@code remaining} of them can still be requested. */
  public static String additionalResults(String agent, int remaining) {
    return warning(agent, "There are " + remaining + " additional results that can be requested");
  }

  /** The client asked for more results than one answer may hold. */
  public static String limitClamped(String agent, int maxResults) {
    return warning(agent, "The limit was reduced to " + maxResults
        + ", the most this server returns at once; request further results with offset");
  }

  /** A community failed; the answer lacks what it holds. */
  public static String communityFailed(String agent, String community, String reason) {
    return warning(agent, "Community " + community + " could not be searched (" + reason
        + "); its results are missing from this answer");
  }

  /** Attributes that could not be filled in within the time budget. */
  public static String attributesMissing(String agent, List<String> attributes) {
    return warning(agent, "Not yet known, so missing from some results: " + String.join(", ", attributes));
  }

  static String warning(String agent, String text) {
    return CODE + " " + token(agent) + " \"" + quoted(text) + "\"";
  }

  private static String token(String agent) {
    StringBuilder sb = new StringBuilder();
    for (char c : agent.toCharArray()) {
      sb.append(c > 0x20 && c < 0x7F && c != '"' && c != ',' ? c : '-');
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }

  private static String quoted(String text) {
    StringBuilder sb = new StringBuilder(Math.min(text.length(), 300));
    for (char c : text.toCharArray()) {
      if (sb.length() >= 300) {
        sb.append("...");
        break;
      }
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else {
        sb.append(c >= 0x20 && c < 0x7F ? c : '?');
      }
    }
    return sb.toString();
  }
}
