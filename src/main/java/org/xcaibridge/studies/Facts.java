package org.xcaibridge.studies;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.xcaibridge.cache.InstanceKey;

/**
 * Header facts learnt so far, in memory and bounded ({@link StudySettings#maxHeaderFacts()}): per instance, and
 * per series the first instance's (the series-level attributes are the same in all of a series' instances).
 * Lost on restart, learnt again from the cache on the next query.
 */
final class Facts {
  private final Cache<InstanceKey, HeaderFacts> instances;
  private final Cache<String, HeaderFacts> series;

  Facts(int max) {
    instances = Caffeine.newBuilder().maximumSize(max).build();
    series = Caffeine.newBuilder().maximumSize(Math.max(1, max / 4)).build();
  }

  void put(InstanceKey key, HeaderFacts f) {
    instances.put(key, f);
    series.asMap().putIfAbsent(key.seriesInstanceUid(), f);
  }

  HeaderFacts instance(InstanceKey key) {
    return instances.getIfPresent(key);
  }

  HeaderFacts series(String seriesInstanceUid) {
    return series.getIfPresent(seriesInstanceUid);
  }

  /** The modalities known for these series. */
  Set<String> modalities(Collection<String> seriesUids) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : seriesUids) {
      HeaderFacts f = series.getIfPresent(s);
      if (f != null && f.modality() != null) {
        out.add(f.modality());
      }
    }
    return out;
  }
}
