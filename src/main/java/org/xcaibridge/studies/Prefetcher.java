package org.xcaibridge.studies;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.SeriesKey;

/**
 * Retrieves the series of an opened study into the cache in the background (issue 6 point 4), at most
 * {@link StudySettings#prefetchConcurrency()} at a time, each series once however often it is asked for. A
 * prefetch joins a retrieval a viewer started, and a viewer joins a prefetch: the cache's single flight sees to
 * it. A failed prefetch is only logged; the viewer's own request retries it.
 */
final class Prefetcher {
  private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

  private final Retrievals retrievals;
  private final int concurrency;
  private final Deque<SeriesTarget> queue = new ArrayDeque<>();
  private final Set<SeriesKey> pending = new HashSet<>();
  private int running;
  private boolean closed;

  Prefetcher(Retrievals retrievals, int concurrency) {
    this.retrievals = retrievals;
    this.concurrency = concurrency;
  }

  /** Queues the series not yet all cached. */
  synchronized void add(Iterable<SeriesTarget> series) {
    if (concurrency == 0 || closed) {
      return;
    }
    for (SeriesTarget t : series) {
      if (!retrievals.complete(t) && pending.add(t.seriesKey())) {
        queue.add(t);
      }
    }
    next();
  }

  synchronized void close() {
    closed = true;
    queue.clear();
  }

  synchronized int queued() {
    return queue.size() + running;
  }

  private void next() {
    while (running < concurrency && !queue.isEmpty() && !closed) {
      SeriesTarget t = queue.poll();
      running++;
      retrievals.fill(t, TransferSyntaxRequest.AS_STORED).onComplete(ar -> {
        if (ar.failed()) {
          LOG.info("prefetch of a series from {} failed: {}", t.community(), ar.cause().getMessage());
        }
        synchronized (this) {
          running--;
          pending.remove(t.seriesKey());
          next();
        }
      });
    }
  }
}
