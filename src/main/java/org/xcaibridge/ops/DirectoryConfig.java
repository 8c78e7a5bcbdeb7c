package org.xcaibridge.ops;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the communities come from besides the static list: a Carequality FHIR R4 directory bundle
 * (protocol.md §7.4), read from a file or an http(s) URL and read again every {@code refresh}. A static
 * community with the same homeCommunityId wins over the directory's entry.
 *
 * @param url      the bundle's URL, or null when it is a file
 * @param file     the bundle's file, or null when it is a URL
 * @param refresh  {@code communityDirectory.refresh}
 * @param maxSize  {@code communityDirectory.maxSize}: a larger bundle is refused (and the last good one kept)
 */
public record DirectoryConfig(URI url, Path file, Duration refresh, ByteSize maxSize) {
  static final Duration DEFAULT_REFRESH = Duration.ofHours(1);
  static final ByteSize DEFAULT_MAX_SIZE = ByteSize.ofMiB(64);
  /** Connect plus the whole answer of one directory fetch. */
  static final Duration FETCH_TIMEOUT = Duration.ofMinutes(2);

  public DirectoryConfig {
    if ((url == null) == (file == null)) {
      throw new IllegalArgumentException("the directory source is a URL or a file, exactly one");
    }
  }

  /** For logs: the URL or the file. */
  String source() {
    return url != null ? url.toString() : file.toString();
  }

  /** Null when {@code communityDirectory.source} is absent. */
  static DirectoryConfig readOrNull(ConfigReader r) {
    String source = r.text("source", null);
    Duration refresh = r.duration("refresh", DEFAULT_REFRESH, Duration.ofSeconds(1), Duration.ofDays(7));
    ByteSize max = r.size("maxSize", DEFAULT_MAX_SIZE, new ByteSize(1024), ByteSize.ofGiB(1));
    if (source == null) {
      return null;
    }
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      URI url = r.httpUrl("source", null);
      return url == null ? null : new DirectoryConfig(url, null, refresh, max);
    }
    Path file = r.path("source", null);
    return file == null ? null : new DirectoryConfig(null, file, refresh, max);
  }
}
