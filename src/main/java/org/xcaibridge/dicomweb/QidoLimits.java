package org.xcaibridge.dicomweb;

/**
 * Bounds on a QIDO-RS search. {@code maxResults} caps {@code limit} (a larger limit is clamped and the
 * answer says so in a Warning, PS3.18 §8.3.4.4); {@code defaultLimit} applies when the client gives none;
 * {@code maxUidList} bounds the UIDs one key may list; {@code maxKeys} bounds the matching keys of one query.
 */
public record QidoLimits(int maxResults, int defaultLimit, int maxUidList, int maxKeys) {
  public static final QidoLimits DEFAULT = new QidoLimits(1000, 1000, 1000, 64);

  public QidoLimits {
    if (maxResults < 1) {
      throw new IllegalArgumentException("maxResults must be ≥ 1, was " + maxResults);
    }
    if (defaultLimit < 1 || defaultLimit > maxResults) {
      throw new IllegalArgumentException("defaultLimit must be within 1.." + maxResults + ", was " + defaultLimit);
    }
    if (maxUidList < 1) {
      throw new IllegalArgumentException("maxUidList must be ≥ 1, was " + maxUidList);
    }
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be ≥ 1, was " + maxKeys);
    }
  }
}
