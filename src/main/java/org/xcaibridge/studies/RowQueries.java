package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.KosManifest;

/**
 * Series and instance rows (PS3.18 Tables 10.6.3-4, -5) from the manifest plus what instance headers say
 * (protocol.md §5.4: a KOS has no Modality, SeriesNumber, Rows…). Headers come from the cache; what is not
 * cached is fetched within the community's {@link CommunityProfile#attributeBudget()}: for series rows the first
 * instance of each series, all series in parallel; for instance rows the series itself. When the budget runs out
 * the rows are answered as they are, naming the attributes still unknown.
 */
final class RowQueries {
  private static final Logger LOG = LoggerFactory.getLogger(RowQueries.class);
  private static final int PARALLEL_HEADERS = 4;

  private record Unread(SeriesTarget target, InstanceKey key) {}

  private final Vertx vertx;
  private final Retrievals retrievals;
  private final Facts facts;
  private final long bulkThreshold;

  RowQueries(Vertx vertx, Retrievals retrievals, Facts facts, long bulkThreshold) {
    this.vertx = vertx;
    this.retrievals = retrievals;
    this.facts = facts;
    this.bulkThreshold = bulkThreshold;
  }

  Future<QueryRows> series(List<SeriesTarget> targets, Duration budget) {
    List<Future<?>> learning = new ArrayList<>();
    for (SeriesTarget t : targets) {
      if (facts.series(t.seriesUid()) != null || t.keys().isEmpty()) {
        continue;
      }
      InstanceKey probe = t.keys().stream().filter(k -> retrievals.store().summary(k).isPresent()).findFirst()
          .orElse(t.keys().get(0));
      learning.add(retrievals.headerOf(t, probe, true, bulkThreshold)
          .onFailure(e -> LOG.info("the first instance of a series from {} could not be read: {}", t.community(),
              e.getMessage())));
    }
    return within(learning, budget).map(v -> {
      List<Dataset> rows = new ArrayList<>();
      boolean missing = false;
      for (SeriesTarget t : targets) {
        HeaderFacts f = facts.series(t.seriesUid());
        missing |= f == null;
        rows.add(RowBuilder.series(t.studyUid(), t.series(), f));
      }
      return new QueryRows(rows, List.of(), missing ? HeaderFacts.SERIES_ATTRIBUTES : List.of());
    });
  }

  Future<QueryRows> instances(List<SeriesTarget> targets, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    List<Future<?>> filling = new ArrayList<>();
    for (SeriesTarget t : targets) {
      if (!retrievals.complete(t) && t.keys().stream().anyMatch(k -> facts.instance(k) == null)) {
        filling.add(retrievals.fill(t, TransferSyntaxRequest.AS_STORED));
      }
    }
    return within(filling, budget).compose(v -> {
      List<Unread> unread = new ArrayList<>();
      for (SeriesTarget t : targets) {
        for (InstanceKey k : t.keys()) {
          if (facts.instance(k) == null && retrievals.store().summary(k).isPresent()) {
            unread.add(new Unread(t, k));
          }
        }
      }
      return readHeaders(unread, 0, deadline);
    }).map(v -> {
      List<Dataset> rows = new ArrayList<>();
      Set<String> missing = new LinkedHashSet<>();
      for (SeriesTarget t : targets) {
        for (KosManifest.InstanceReference i : t.series().instances()) {
          HeaderFacts f = null;
          try {
            f = facts.instance(t.key(i.sopInstanceUid()));
          } catch (IllegalArgumentException e) {
            // not a UID: never cached, never read
          }
          if (f == null) {
            missing.addAll(HeaderFacts.INSTANCE_ATTRIBUTES);
          }
          rows.add(RowBuilder.instance(t.studyUid(), t.seriesUid(), i, f));
        }
      }
      return new QueryRows(rows, List.of(), new ArrayList<>(missing));
    });
  }

  /** Reads cached headers, a few at a time, until done or the deadline passes. */
  private Future<Void> readHeaders(List<Unread> unread, int from, long deadline) {
    if (from >= unread.size() || System.nanoTime() > deadline) {
      return Future.succeededFuture();
    }
    int to = Math.min(unread.size(), from + PARALLEL_HEADERS);
    List<Future<?>> batch = new ArrayList<>();
    for (int i = from; i < to; i++) {
      batch.add(retrievals.headerOf(unread.get(i).target(), unread.get(i).key(), false, bulkThreshold));
    }
    return Future.join(batch).transform(ar -> readHeaders(unread, to, deadline));
  }

  /** Completes when all have settled or the budget has run out, whichever comes first; never fails. */
  private Future<Void> within(List<Future<?>> all, Duration budget) {
    if (all.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, budget.toMillis()), id -> p.tryComplete());
    Future.join(all).onComplete(ar -> {
      vertx.cancelTimer(timer);
      p.tryComplete();
    });
    return p.future();
  }
}
