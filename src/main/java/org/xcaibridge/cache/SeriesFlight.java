package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One upstream retrieval of a series (a RAD-75 request for all its instances), shared by every request
 * for the series while it runs. Each instance that arrives becomes an {@link InstanceFlight} (which an
 * instance request joins too); the next instance is taken from upstream once the previous one's bytes
 * have all arrived. A request that joins late gets a {@link View} that lists the instances from the
 * first, each following its download, so its first bytes do not wait for the series to end. Any failure
 * fails the series for every view and the instance still arriving; instances that arrived whole are stored
 * all the same (a store closing stops those too).
 */
final class SeriesFlight {
  /** Instances arrived but not yet stored before the next waits upstream (see resumeIfRoom). */
  static final int MAX_UNSTORED = 16;
  private enum State { RUNNING, COMPLETE, FAILED }

  final SeriesKey key;
  private final StoreCore core;
  private final Context ctx;
  private final List<InstanceFlight> parts = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> wakers = new ConcurrentLinkedQueue<>();
  private volatile State state = State.RUNNING;
  private volatile Throwable failure;

  // confined to ctx
  private final Map<InstanceKey, List<Promise<InstanceFlight>>> waiting = new HashMap<>();
  private final Upstream<UpstreamInstance> upstream;
  private int uncommitted;

  SeriesFlight(StoreCore core, SeriesKey key, Context ctx) {
    this.core = core;
    this.key = key;
    this.ctx = ctx;
    this.upstream = new Upstream<>(ctx, this::onInstance, this::maybeComplete, this::fail);
    core.counters.inFlightSeries.increment();
  }

  void begin(Supplier<Future<ReadStream<UpstreamInstance>>> supplier) {
    core.counters.upstreamRetrievals.increment();
    upstream.open(supplier);
  }

  private void onContext(Runnable r) {
    Upstream.on(ctx, r);
  }

  private void onInstance(UpstreamInstance item) {
    item.body().pause();
    if (state != State.RUNNING) {
      return;
    }
    if (!item.key().series().equals(key)) {
      fail(new CacheException.Rejected("the retrieval of series " + key.seriesInstanceUid() + " delivered "
          + item.key() + " of another series", null));
      return;
    }
    upstream.pause();
    InstanceFlight f = new InstanceFlight(core, item.key(), ctx);
    core.flights.putIfAbsent(item.key(), f);
    parts.add(f);
    uncommitted++;
    List<Promise<InstanceFlight>> asked = waiting.remove(item.key());
    if (asked != null) {
      asked.forEach(p -> p.complete(f));
    }
    f.begin(() -> Future.succeededFuture(item.body()));
    f.received().onComplete(ar -> onContext(() -> {
      if (ar.succeeded()) {
        resumeIfRoom();
      }
    }));
    f.done().onComplete(ar -> onContext(() -> {
      uncommitted--;
      if (ar.failed()) {
        fail(ar.cause());
      } else {
        maybeComplete();
        resumeIfRoom();
      }
    }));
    wake();
  }

  /**
   * The next instance may come once the last one has arrived whole, and while fewer than {@link #MAX_UNSTORED} wait
   * for the disk: what arrives faster than the disk takes it then waits upstream, not in memory (each download only
   * bounds its own write queue).
   */
  private void resumeIfRoom() {
    boolean lastReceived = parts.get(parts.size() - 1).received().succeeded(); // parts: one at least, by now
    if (lastReceived && uncommitted < MAX_UNSTORED && state == State.RUNNING) {
      upstream.resume();
    }
  }

  private void maybeComplete() {
    if (state == State.RUNNING && upstream.ended() && uncommitted == 0) {
      state = State.COMPLETE;
      core.counters.inFlightSeries.decrement();
      core.seriesFlights.remove(key, this);
      wake();
      notDelivered();
    }
  }

  /**
   * The download of {@code key} once this retrieval delivers it, so that an instance request during a
   * series retrieval does not retrieve the instance a second time; null when the retrieval ends without it.
   */
  Future<InstanceFlight> part(InstanceKey key) {
    Promise<InstanceFlight> p = Promise.promise();
    onContext(() -> {
      for (InstanceFlight f : parts) {
        if (f.key.equals(key)) {
          p.complete(f);
          return;
        }
      }
      if (state != State.RUNNING) {
        p.complete(null);
      } else {
        waiting.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      }
    });
    return p.future();
  }

  private void notDelivered() {
    waiting.values().forEach(ps -> ps.forEach(p -> p.complete(null)));
    waiting.clear();
  }

  void fail(Throwable t) {
    Upstream.on(ctx, () -> stop(t));
  }

  private void stop(Throwable t) {
    if (state != State.RUNNING) {
      return;
    }
    failure = t;
    state = State.FAILED;
    core.counters.inFlightSeries.decrement();
    core.seriesFlights.remove(key, this);
    upstream.stop(t);
    for (InstanceFlight p : parts) {
      // only the instance still arriving is cut; one whose bytes all arrived is whole: it goes on to the disk and
      // its readers to its end (failing it here left readers failed on an instance that was then stored anyway)
      if (!p.received().isComplete()) {
        p.fail(t);
      }
    }
    wake();
    notDelivered();
  }

  boolean failed() {
    return state == State.FAILED;
  }

  /** The instance downloads this retrieval has started so far. */
  List<InstanceFlight> parts() {
    return List.copyOf(parts);
  }

  private void wake() {
    for (Runnable r; (r = wakers.poll()) != null; ) {
      r.run();
    }
  }

  private void await(int seen, Runnable wakeUp) {
    wakers.add(wakeUp);
    if (parts.size() > seen || state != State.RUNNING) {
      wake();
    }
  }

  /** One request's view of the series: its instances in arrival order, one reader each, on demand. */
  final class View implements ReadStream<InstanceStream> {
    private final Context viewCtx;
    private Handler<InstanceStream> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private int next;
    private boolean opening;
    private boolean waiting;
    private boolean finished;

    View(Context viewCtx) {
      this.viewCtx = viewCtx;
    }

    @Override
    public View exceptionHandler(Handler<Throwable> h) {
      exceptionHandler = h;
      return this;
    }

    @Override
    public View handler(Handler<InstanceStream> h) {
      handler = h;
      later();
      return this;
    }

    @Override
    public View pause() {
      demand = 0;
      return this;
    }

    @Override
    public View resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public View fetch(long amount) {
      if (amount > 0) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        later();
      }
      return this;
    }

    @Override
    public View endHandler(Handler<Void> h) {
      endHandler = h;
      later();
      return this;
    }

    private void later() {
      viewCtx.runOnContext(v -> drive());
    }

    private void drive() {
      if (finished || opening || waiting || handler == null || demand == 0) {
        return;
      }
      if (state == State.FAILED) {
        finished = true;
        if (exceptionHandler != null) {
          exceptionHandler.handle(failure);
        }
      } else if (next < parts.size()) {
        opening = true;
        core.join(parts.get(next), viewCtx).onComplete(ar -> {
          opening = false;
          if (ar.failed()) {
            finished = true;
            if (exceptionHandler != null) {
              exceptionHandler.handle(failure != null ? failure : ar.cause());
            }
            return;
          }
          next++;
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          handler.handle(ar.result());
          drive();
        });
      } else if (state == State.COMPLETE) {
        finished = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
      } else {
        waiting = true;
        await(next, () -> viewCtx.runOnContext(v -> {
          waiting = false;
          drive();
        }));
      }
    }
  }
}
