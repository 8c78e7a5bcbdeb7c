package org.xcaibridge.studies;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.InstanceStream;
import org.xcaibridge.cache.InstanceSummary;

/**
 * The instances of one series for one caller: first those already cached (manifest order), then those the
 * series' upstream retrieval delivers (the cache's view of it, {@link InstanceStore#series}), each with its
 * transfer syntax learnt from its first bytes ({@link Part10Peek}); at the end, instances that another retrieval
 * stored meanwhile. One instance is prepared at a time, when the caller asks for one. Runs on the caller's
 * context, where the store delivers.
 */
final class SeriesStream implements InstanceRetrieval {
  private final Context ctx;
  private final InstanceStore store;
  private final SeriesTarget target;
  private final List<InstanceKey> order;
  private final Deque<InstanceKey> cached;
  private final ReadStream<InstanceStream> view;
  private final Deque<InstanceKey> probed;
  private final Function<InstanceKey, Future<InstanceStream>> join;
  private final Set<String> emitted = new HashSet<>();
  private final Set<String> tried = new HashSet<>();
  private final Promise<List<String>> notDelivered = Promise.promise();

  private Handler<StoredInstance> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean busy;
  private boolean viewEnded;
  private boolean finished;

  /**
   * @param cached instances in the cache when the retrieval was asked for, in manifest order
   * @param view   the upstream retrieval of the others, paused; null when there are none
   * @param probed instances being retrieved by themselves when the retrieval was asked for: joined at the end
   * @param join   follows such an instance's retrieval (or reads it from the cache once stored)
   */
  SeriesStream(Context ctx, InstanceStore store, SeriesTarget target, List<InstanceKey> order, List<InstanceKey> cached,
      ReadStream<InstanceStream> view, List<InstanceKey> probed, Function<InstanceKey, Future<InstanceStream>> join) {
    this.probed = new ArrayDeque<>(probed);
    this.join = join;
    this.ctx = ctx;
    this.store = store;
    this.target = target;
    this.order = order;
    this.cached = new ArrayDeque<>(cached);
    this.view = view;
    this.viewEnded = view == null;
    if (view != null) {
      view.pause();
      view.exceptionHandler(this::fail);
      view.endHandler(v -> {
        viewEnded = true;
        busy = false;
        drive();
      });
      view.handler(this::fromUpstream);
    }
  }

  private void drive() {
    if (finished || busy || handler == null || demand == 0) {
      return;
    }
    if (!cached.isEmpty()) {
      fromCache(cached.poll());
    } else if (!viewEnded) {
      busy = true;
      view.fetch(1);
    } else if (!probed.isEmpty()) {
      InstanceKey k = probed.poll();
      if (emitted.contains(k.sopInstanceUid())) {
        drive();
        return;
      }
      busy = true;
      tried.add(k.sopInstanceUid());
      join.apply(k).onComplete(ar -> {
        if (ar.failed()) {
          busy = false;
          drive(); // reported as not delivered
        } else {
          fromUpstream(ar.result());
        }
      });
    } else {
      for (InstanceKey k : order) {
        if (!emitted.contains(k.sopInstanceUid()) && tried.add(k.sopInstanceUid())
            && store.summary(k).isPresent()) {
          fromCache(k); // stored by another retrieval meanwhile
          return;
        }
      }
      finished = true;
      List<String> missing = new ArrayList<>();
      order.stream().filter(k -> !emitted.contains(k.sopInstanceUid())).forEach(k -> missing.add(k.sopInstanceUid()));
      notDelivered.tryComplete(missing);
      if (endHandler != null) {
        endHandler.handle(null);
      }
    }
  }

  private void fromCache(InstanceKey key) {
    busy = true;
    tried.add(key.sopInstanceUid());
    store.get(key).onComplete(ar -> {
      busy = false;
      Optional<InstanceStream> s = ar.succeeded() ? ar.result() : Optional.empty();
      if (finished) {
        s.ifPresent(InstanceStream::close);
        return;
      }
      if (s.isPresent()) {
        String ts = store.summary(key).map(InstanceSummary::transferSyntaxUid).orElse(null);
        emit(new StoredInstance(key.studyInstanceUid(), key.seriesInstanceUid(), key.sopInstanceUid(),
            target.sopClassUid(key.sopInstanceUid()), ts, s.get()));
      }
      drive();
    });
  }

  private void fromUpstream(InstanceStream s) {
    InstanceKey key = s.key();
    if (finished || emitted.contains(key.sopInstanceUid())) {
      s.close();
      if (finished) {
        return;
      }
      if (viewEnded) {
        busy = false;
        drive();
      } else {
        view.fetch(1);
      }
      return;
    }
    // a body breaking off means the series' retrieval broke off: the stream fails, whatever its reader does
    Part10Peek.syntaxOf(s).onComplete(ar -> {
      busy = false;
      if (finished) {
        s.close();
        return;
      }
      if (ar.failed()) {
        s.close();
        fail(ar.cause());
        return;
      }
      emit(new StoredInstance(key.studyInstanceUid(), key.seriesInstanceUid(), key.sopInstanceUid(),
          target.sopClassUid(key.sopInstanceUid()), ar.result(), s, this::fail));
      drive();
    });
  }

  private void emit(StoredInstance i) {
    emitted.add(i.sopInstanceUid());
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(i);
  }

  private void fail(Throwable t) {
    if (finished) {
      return;
    }
    finished = true;
    Throwable e = Failures.translate(t, target.community());
    notDelivered.tryFail(e);
    if (exceptionHandler != null) {
      exceptionHandler.handle(e);
    }
  }

  @Override
  public Future<List<String>> notDelivered() {
    return notDelivered.future();
  }

  @Override
  public void cancel() {
    if (!finished) {
      finished = true;
      notDelivered.tryFail(new StudiesException.NotFound("the retrieval was cancelled"));
    }
  }

  @Override
  public InstanceRetrieval exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public InstanceRetrieval handler(Handler<StoredInstance> h) {
    handler = h;
    ctx.runOnContext(v -> drive());
    return this;
  }

  @Override
  public InstanceRetrieval pause() {
    demand = 0;
    return this;
  }

  @Override
  public InstanceRetrieval resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public InstanceRetrieval fetch(long amount) {
    if (amount > 0) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      ctx.runOnContext(v -> drive());
    }
    return this;
  }

  @Override
  public InstanceRetrieval endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }
}
