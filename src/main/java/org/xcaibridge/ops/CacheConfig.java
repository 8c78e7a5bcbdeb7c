package org.xcaibridge.ops;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The bridge's cache: where instances are kept on disk and how many bytes they may take, and how long answers
 * from communities are trusted before asked again — study lists from ITI-38 queries ({@code queryTtl}) and the
 * metadata of studies and series ({@code metadataTtl}). A TTL of {@code 0s} turns that cache off.
 */
public record CacheConfig(Path directory, ByteSize maxSize, Duration queryTtl, Duration metadataTtl) {
  static final String DEFAULT_DIRECTORY = "cache";
  static final ByteSize DEFAULT_MAX_SIZE = ByteSize.ofGiB(10);
  static final ByteSize MIN_SIZE = ByteSize.ofMiB(16);
  static final ByteSize MAX_SIZE = ByteSize.ofGiB(1L << 20);
  static final Duration DEFAULT_QUERY_TTL = Duration.ofSeconds(30);
  static final Duration DEFAULT_METADATA_TTL = Duration.ofMinutes(5);
  static final Duration MAX_TTL = Duration.ofDays(30);

  public CacheConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(maxSize, "maxSize");
    Objects.requireNonNull(queryTtl, "queryTtl");
    Objects.requireNonNull(metadataTtl, "metadataTtl");
  }

  /** {@code directory} defaults to {@code cache} under the work directory. */
  static CacheConfig read(ConfigReader r, Path workDir) {
    return new CacheConfig(r.path("directory", workDir.resolve(DEFAULT_DIRECTORY)),
        r.size("maxSize", DEFAULT_MAX_SIZE, MIN_SIZE, MAX_SIZE),
        r.duration("queryTtl", DEFAULT_QUERY_TTL, Duration.ZERO, MAX_TTL),
        r.duration("metadataTtl", DEFAULT_METADATA_TTL, Duration.ZERO, MAX_TTL));
  }
}
