package org.xcaibridge.dicomweb;

import java.util.List;
import org.xcaibridge.dicom.VR;

/**
 * A parsed QIDO-RS search (PS3.18 §10.6.1): the level, the UIDs of the path that scope it, the matching
 * keys, the include fields, and paging. Built by {@link QidoQueryParser}; applied by {@link QidoMatching}.
 *
 * @param studyInstanceUid the {StudyInstanceUID} of the path, or null
 * @param seriesInstanceUid the {SeriesInstanceUID} of the path, or null
 * @param includeAll {@code includefield=all}: every attribute known at the level is returned
 * @param fuzzyMatching {@code fuzzymatching=true}: person names also match on name-part prefixes
 * @param emptyValueMatching {@code emptyvaluematching=true}: an entity without a value matches any key
 * @param limitClamped the client asked for more than {@link QidoLimits#maxResults()}
 */
public record QidoQuery(QidoLevel level, String studyInstanceUid, String seriesInstanceUid, List<MatchKey> keys,
                        List<AttributePath> includeFields, boolean includeAll, boolean fuzzyMatching,
                        boolean emptyValueMatching, int limit, int offset, boolean limitClamped) {

  /** One matching key: the attribute, its VR (from PS3.6) and how its value matches. */
  public record MatchKey(AttributePath path, VR vr, Matcher matcher) {}

  public QidoQuery {
    keys = List.copyOf(keys);
    includeFields = List.copyOf(includeFields);
  }

  /** The key on {@code tag} at the top level, or null. */
  public MatchKey key(int tag) {
    for (MatchKey k : keys) {
      if (!k.path().isNested() && k.path().top() == tag) {
        return k;
      }
    }
    return null;
  }
}
