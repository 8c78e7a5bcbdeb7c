package org.xcaibridge.cache;

import java.time.Duration;

/**
 * Settings of the metadata cache: its byte budget and how long each kind of answer stays fresh.
 *
 * @param maxBytes               budget for all metadata values (series metadata counted compressed)
 * @param queryTtl               a community's query result for one patient (ITI-38 FindDocuments)
 * @param manifestTtl            a KOS manifest (ITI-39); manifests do not change, but may be replaced
 * @param seriesMetadataTtl      a series' DICOM JSON metadata
 * @param negativeTtl            "unknown patient" / "no such document" answers; short, so that new data
 *                               shows up soon
 * @param maxSeriesMetadataBytes largest series metadata JSON accepted, uncompressed
 */
public record MetadataSettings(long maxBytes, Duration queryTtl, Duration manifestTtl, Duration seriesMetadataTtl,
                               Duration negativeTtl, long maxSeriesMetadataBytes) {
  public MetadataSettings {
    if (maxBytes < 64 << 10) {
      throw new IllegalArgumentException("metadata cache maxBytes must be at least 64 KiB, was " + CacheSettings.formatBytes(maxBytes));
    }
    positive("queryTtl", queryTtl);
    positive("manifestTtl", manifestTtl);
    positive("seriesMetadataTtl", seriesMetadataTtl);
    positive("negativeTtl", negativeTtl);
    if (negativeTtl.compareTo(queryTtl) > 0) {
      throw new IllegalArgumentException("metadata cache negativeTtl (" + negativeTtl + ") must not be longer than queryTtl ("
          + queryTtl + "): a negative answer is the one to recheck first");
    }
    if (maxSeriesMetadataBytes < 1024 || maxSeriesMetadataBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("metadata cache maxSeriesMetadataBytes must be between 1 KiB and 2 GiB, was "
          + CacheSettings.formatBytes(maxSeriesMetadataBytes));
    }
  }

  /** 256 MiB; queries 5 min, manifests 1 h, series metadata 1 h, negative answers 30 s; series JSON ≤ 256 MiB. */
  public static MetadataSettings defaults() {
    return new MetadataSettings(256L << 20, Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofSeconds(30), 256L << 20);
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("metadata cache " + name + " must be a positive duration, was " + d);
    }
  }
}
