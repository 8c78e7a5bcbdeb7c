package org.xcaibridge.cache;

import java.util.concurrent.atomic.LongAdder;

/** The cache's live counters; {@link CacheStats} is their snapshot. */
final class Counters {
  final LongAdder hits = new LongAdder();
  final LongAdder joins = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder upstreamRetrievals = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder bytesWritten = new LongAdder();
  final LongAdder committed = new LongAdder();
  final LongAdder failedDownloads = new LongAdder();
  final LongAdder evictions = new LongAdder();
  final LongAdder inFlightDownloads = new LongAdder();
  final LongAdder inFlightSeries = new LongAdder();
  final LongAdder metadataHits = new LongAdder();
  final LongAdder metadataMisses = new LongAdder();
  final LongAdder metadataEvictions = new LongAdder();
}
