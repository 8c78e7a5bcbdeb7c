package org.xcaibridge.cache;

/** Names one series, the unit of an upstream retrieval that several instances arrive in. */
public record SeriesKey(String studyInstanceUid, String seriesInstanceUid) {
  public SeriesKey {
    InstanceKey.checkUid("studyInstanceUid", studyInstanceUid);
    InstanceKey.checkUid("seriesInstanceUid", seriesInstanceUid);
  }
}
