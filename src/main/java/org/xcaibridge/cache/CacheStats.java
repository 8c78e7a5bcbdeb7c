package org.xcaibridge.cache;

/**
 * A snapshot of the cache's counters, for the metrics endpoint. Counts are totals since the store
 * opened; {@code inFlight…}, {@code storeBytes}, {@code storeEntries} and {@code metadataBytes} are
 * current values.
 *
 * @param hits               instance requests served from a complete entry
 * @param joins              instance requests that joined a download in flight
 * @param misses             instance requests that started an upstream retrieval
 * @param upstreamRetrievals upstream retrievals started (one per instance or series flight)
 * @param bytesRead          bytes handed to readers from the store
 * @param bytesWritten       Part 10 bytes written to the store (including downloads later discarded)
 * @param committed          entries that entered the store
 * @param failedDownloads    instance downloads that ended without an entry (upstream, disk or content failure)
 * @param evictions          entries evicted to keep the byte budget
 * @param inFlightDownloads  instance downloads in progress
 * @param inFlightSeries     series retrievals in progress
 * @param storeBytes         bytes of complete entries on disk, as the budget counts them
 */
public record CacheStats(long hits, long joins, long misses, long upstreamRetrievals, long bytesRead, long bytesWritten,
                         long committed, long failedDownloads, long evictions, long inFlightDownloads,
                         long inFlightSeries, long storeBytes, long storeEntries, long metadataHits,
                         long metadataMisses, long metadataEvictions, long metadataBytes) {}
