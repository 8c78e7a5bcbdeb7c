package org.xcaibridge.studies;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A study's instances: its series one after the other, in manifest order, each a {@link SeriesStream}; the next
 * series' retrieval is asked for when the previous has ended (prefetching has usually started it already). Fails
 * as soon as a series fails.
 */
final class StudyStream implements InstanceRetrieval {
  private final Context ctx;
  private final List<SeriesTarget> series;
  private final Function<SeriesTarget, InstanceRetrieval> open;
  private final List<String> missing = new ArrayList<>();
  private final Promise<List<String>> notDelivered = Promise.promise();
  private InstanceRetrieval current;
  private int next;
  private Handler<StoredInstance> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean finished;

  StudyStream(Context ctx, List<SeriesTarget> series, Function<SeriesTarget, InstanceRetrieval> open) {
    this.ctx = ctx;
    this.series = series;
    this.open = open;
  }

  private void advance() {
    if (finished) {
      return;
    }
    if (next >= series.size()) {
      finished = true;
      notDelivered.tryComplete(List.copyOf(missing));
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    InstanceRetrieval s = open.apply(series.get(next++));
    current = s;
    s.pause();
    s.exceptionHandler(e -> {
      if (!finished) {
        finished = true;
        notDelivered.tryFail(e);
        if (exceptionHandler != null) {
          exceptionHandler.handle(e);
        }
      }
    });
    s.endHandler(v -> s.notDelivered().onComplete(ar -> {
      if (ar.succeeded()) {
        missing.addAll(ar.result());
      }
      advance();
    }));
    s.handler(i -> {
      if (finished) {
        i.close();
        return;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(i);
      if (demand == 0) {
        s.pause();
      }
    });
    pass();
  }

  private void pass() {
    if (current != null && handler != null && demand > 0) {
      if (demand == Long.MAX_VALUE) {
        current.resume();
      } else {
        current.fetch(demand);
      }
    }
  }

  @Override
  public Future<List<String>> notDelivered() {
    return notDelivered.future();
  }

  @Override
  public void cancel() {
    finished = true;
    if (current != null) {
      current.cancel();
    }
    notDelivered.tryFail(new StudiesException.NotFound("the retrieval was cancelled"));
  }

  @Override
  public InstanceRetrieval exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public InstanceRetrieval handler(Handler<StoredInstance> h) {
    handler = h;
    ctx.runOnContext(v -> {
      if (current == null && !finished) {
        advance();
      } else {
        pass();
      }
    });
    return this;
  }

  @Override
  public InstanceRetrieval pause() {
    demand = 0;
    if (current != null) {
      current.pause();
    }
    return this;
  }

  @Override
  public InstanceRetrieval resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public InstanceRetrieval fetch(long amount) {
    if (amount > 0) {
      long before = demand;
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      if (current != null) {
        if (demand == Long.MAX_VALUE) {
          current.resume();
        } else {
          current.fetch(demand - before);
        }
      }
    }
    return this;
  }

  @Override
  public InstanceRetrieval endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }
}
