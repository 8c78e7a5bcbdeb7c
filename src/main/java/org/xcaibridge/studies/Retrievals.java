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
    for (InstanceKey k : order) {
      (store.summary(k).isPresent() ? cached : missing).add(k);
    }
    ReadStream<InstanceStream> view = missing.isEmpty() ? null : store.series(t.seriesKey(), upstream(t, missing, syntaxes));
    return new SeriesStream(ctx, store, t, order, cached, view);
  }

  /** Whether every instance of the series is in the cache. */
  boolean complete(SeriesTarget t) {
    return t.keys().stream().allMatch(k -> store.summary(k).isPresent());
  }

  /**
   * Starts (or joins) the upstream retrieval of the series' uncached instances without reading them; completes
   * when it has ended and all it brought is stored, or fails as it does.
   */
  Future<Void> fill(SeriesTarget t, TransferSyntaxRequest syntaxes) {
    List<InstanceKey> missing = t.keys().stream().filter(k -> store.summary(k).isEmpty()).toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    ReadStream<InstanceStream> view = store.series(t.seriesKey(), upstream(t, missing, syntaxes));
    view.exceptionHandler(e -> done.tryFail(Failures.translate(e, t.community())));
    view.endHandler(v -> done.tryComplete());
    view.handler(InstanceStream::close); // the retrieval stores them whether read or not
    return done.future();
  }

  /** One instance: from the cache, else as part of its series' retrieval (started when none runs). */
  Future<StoredInstance> instance(SeriesTarget t, String sopInstanceUid, TransferSyntaxRequest syntaxes) {
    InstanceKey key = t.key(sopInstanceUid);
    InstanceSummary cached = store.summary(key).orElse(null);
    if (cached != null) {
      return store.get(key).compose(s -> s.isPresent()
          ? Future.succeededFuture(new StoredInstance(t.studyUid(), t.seriesUid(), sopInstanceUid,
              t.sopClassUid(sopInstanceUid), cached.transferSyntaxUid(), s.get(), s.get()))
          : instance(t, sopInstanceUid, syntaxes)); // evicted meanwhile
    }
    fill(t, syntaxes); // its failure reaches the instance's stream too
    return store.instance(key, single(t, key, syntaxes))
        .recover(e -> Future.failedFuture(Failures.translate(e, t.community())))
        .compose(s -> Part10Peek.peek(s).map(p -> new StoredInstance(t.studyUid(), t.seriesUid(), sopInstanceUid,
            t.sopClassUid(sopInstanceUid), p.transferSyntaxUid(), s, p.body())));
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
      stream = store.instance(key, single(t, key, TransferSyntaxRequest.AS_STORED));
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
