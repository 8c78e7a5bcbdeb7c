package org.xcaibridge.studies;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.InstanceStream;
import org.xcaibridge.cache.InstanceSummary;
import org.xcaibridge.cache.UpstreamInstance;

/**
 * Retrieval orchestration (issue 6 point 4): a series is retrieved once, with ONE RAD-75 for all its instances not
 * yet cached (the gateway splits it into batches per the community's limit), through the cache's single flight
 * ({@link InstanceStore#series}): every caller of the series, and every instance request meanwhile, follows that
 * one retrieval, and its bytes are stored as they pass. An instance alone is never asked for while its series can
 * be: asking for an uncached instance starts its series' retrieval and joins it. Only the attribute probe asks for
 * one instance by itself ({@link #headerOf}).
 */
final class Retrievals {
  private final Vertx vertx;
  private final InstanceStore store;
  private final Facts facts;
  /** Instances being retrieved by themselves (first instances, for their headers): no series retrieval asks for them. */
  private final Set<InstanceKey> probing = ConcurrentHashMap.newKeySet();

  Retrievals(Vertx vertx, InstanceStore store, Facts facts) {
    this.vertx = vertx;
    this.store = store;
    this.facts = facts;
  }

  InstanceStore store() {
    return store;
  }

  /** The series' instances for one caller: cached ones, then the upstream retrieval's. */
  InstanceRetrieval series(SeriesTarget t, TransferSyntaxRequest syntaxes) {
    Context ctx = vertx.getOrCreateContext();
    List<InstanceKey> order = t.keys();
    List<InstanceKey> cached = new ArrayList<>();
    List<InstanceKey> missing = new ArrayList<>();
    List<InstanceKey> probed = new ArrayList<>();
    for (InstanceKey k : order) {
      (store.summary(k).isPresent() ? cached : probing.contains(k) ? probed : missing).add(k);
    }
    ReadStream<InstanceStream> view = missing.isEmpty() ? null : store.series(t.seriesKey(), upstream(t, missing, syntaxes));
    return new SeriesStream(ctx, store, t, order, cached, view, probed,
        k -> store.instance(k, single(t, k, syntaxes)));
  }

  /** Whether every instance of the series is in the cache. */
  boolean complete(SeriesTarget t) {
    return t.keys().stream().allMatch(k -> store.summary(k).isPresent());
  }

  /**
   * Starts (or joins) the upstream retrieval of the series' uncached instances without reading them; completes
   * when it has ended and all it brought is stored, or fails as it does. Instances being probed by themselves are
   * waited for too (their retrieval is joined), so that what follows — series metadata right after a series
   * search, as a viewer opening a study does — sees every instance stored.
   */
  Future<Void> fill(SeriesTarget t, TransferSyntaxRequest syntaxes) {
    List<InstanceKey> missing = t.keys().stream()
        .filter(k -> store.summary(k).isEmpty() && !probing.contains(k)).toList();
    List<InstanceKey> probed = t.keys().stream()
        .filter(k -> store.summary(k).isEmpty() && probing.contains(k)).toList();
    Future<Void> series;
    if (missing.isEmpty()) {
      series = Future.succeededFuture();
    } else {
      Promise<Void> done = Promise.promise();
      ReadStream<InstanceStream> view = store.series(t.seriesKey(), upstream(t, missing, syntaxes));
      view.exceptionHandler(e -> done.tryFail(Failures.translate(e, t.community())));
      view.endHandler(v -> done.tryComplete());
      view.handler(InstanceStream::close); // the retrieval stores them whether read or not
      series = done.future();
    }
    if (probed.isEmpty()) {
      return series;
    }
    List<Future<?>> probes = new ArrayList<>();
    for (InstanceKey k : probed) {
      // joins the probe's flight; its failure is the probe's to report, the series goes on without the instance
      probes.add(store.instance(k, single(t, k, syntaxes)).compose(Retrievals::drained).recover(e -> Future.succeededFuture()));
    }
    return series.compose(v -> Future.join(probes).mapEmpty());
  }

  /** Reads an instance to its end (it is then stored whole) and drops the bytes. */
  private static Future<Void> drained(InstanceStream s) {
    Promise<Void> done = Promise.promise();
    s.exceptionHandler(done::tryFail);
    s.endHandler(v -> done.tryComplete());
    s.handler(b -> { });
    return done.future();
  }

  /** One instance: from the cache, else as part of its series' retrieval (started when none runs). */
  Future<StoredInstance> instance(SeriesTarget t, String sopInstanceUid, TransferSyntaxRequest syntaxes) {
    InstanceKey key = t.key(sopInstanceUid);
    InstanceSummary cached = store.summary(key).orElse(null);
    if (cached == null) {
      return fetched(t, key, syntaxes);
    }
    return store.get(key).compose(s -> s.isPresent()
        ? Future.succeededFuture(new StoredInstance(t.studyUid(), t.seriesUid(), sopInstanceUid,
            t.sopClassUid(sopInstanceUid), cached.transferSyntaxUid(), s.get()))
        : fetched(t, key, syntaxes)); // evicted since: retrieved again
  }

  /** An instance not in the cache: its series' retrieval is started (or joined) and the instance follows it. */
  private Future<StoredInstance> fetched(SeriesTarget t, InstanceKey key, TransferSyntaxRequest syntaxes) {
    fill(t, syntaxes); // its failure reaches the instance's stream too
    String sop = key.sopInstanceUid();
    return store.instance(key, single(t, key, syntaxes))
        .recover(e -> Future.failedFuture(Failures.translate(e, t.community())))
        .compose(s -> Part10Peek.syntaxOf(s).<StoredInstance>transform(ar -> {
          if (ar.failed()) { // the download broke off before its meta information
            s.close();
            return Future.failedFuture(Failures.translate(ar.cause(), t.community()));
          }
          return Future.succeededFuture(new StoredInstance(t.studyUid(), t.seriesUid(), sop, t.sopClassUid(sop),
              ar.result(), s));
        }));
  }

  /**
   * The header of one instance: from the cache, or, when {@code fetch}, retrieved by itself (a RAD-75 for that one
   * instance, stored like any other) — the way a series' first instance tells the series' attributes. Completes with
   * null when not cached and not to be fetched.
   */
  Future<HeaderReader.Header> headerOf(SeriesTarget t, InstanceKey key, boolean fetch, long bulkThreshold) {
    Future<InstanceStream> stream;
    if (store.summary(key).isPresent()) {
      stream = store.get(key).compose(s -> s.isPresent() ? Future.succeededFuture(s.get())
          : store.instance(key, single(t, key, TransferSyntaxRequest.AS_STORED)));
    } else if (fetch) {
      // read on to the end, so that the instance stays "being probed" until it is stored: a series retrieval
      // started meanwhile leaves it out rather than retrieve it a second time
      probing.add(key);
      return store.instance(key, single(t, key, TransferSyntaxRequest.AS_STORED))
          .onFailure(e -> probing.remove(key))
          .recover(e -> Future.failedFuture(Failures.translate(e, t.community())))
          .compose(s -> HeaderReader.read(s, () -> { }, bulkThreshold, () -> probing.remove(key)))
          .onSuccess(h -> facts.put(key, HeaderFacts.of(h.file())));
    } else {
      return Future.succeededFuture(null);
    }
    return stream.recover(e -> Future.failedFuture(Failures.translate(e, t.community())))
        .compose(s -> HeaderReader.read(s, s::close, bulkThreshold).onSuccess(h -> facts.put(key, HeaderFacts.of(h.file()))));
  }

  /** The series' retrieval as the cache asks for it: one RAD-75 (split by the gateway) for {@code missing}. */
  private static Supplier<Future<ReadStream<UpstreamInstance>>> upstream(SeriesTarget t, List<InstanceKey> missing,
      TransferSyntaxRequest syntaxes) {
    Set<String> asked = new HashSet<>();
    missing.forEach(k -> asked.add(k.sopInstanceUid()));
    return () -> t.client().retrieveImages(t.request(missing, syntaxes))
        .map(r -> (ReadStream<UpstreamInstance>) new UpstreamInstances(r, t.seriesKey(), asked));
  }

  /** One instance by itself: the first instance of the answer that is the one asked for. */
  private static Supplier<Future<ReadStream<Buffer>>> single(SeriesTarget t, InstanceKey key,
      TransferSyntaxRequest syntaxes) {
    return () -> t.client().retrieveImages(t.request(List.of(key), syntaxes)).compose(r -> {
      Promise<ReadStream<Buffer>> body = Promise.promise();
      r.exceptionHandler(body::tryFail);
      r.endHandler(v -> body.tryFail(new StudiesException.NotFound("instance " + key.sopInstanceUid()
          + " was not delivered by " + t.community())));
      r.handler(ri -> {
        if (!body.future().isComplete() && key.sopInstanceUid().equals(ri.documentUniqueId().strip())) {
          body.complete(ri.body());
        } else {
          ri.discard();
        }
      });
      return body.future();
    });
  }
}
