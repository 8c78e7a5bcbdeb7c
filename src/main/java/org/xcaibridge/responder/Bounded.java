package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Maps a list through an asynchronous function with at most {@code concurrency} calls under way, keeping the
 * order of the list: a query over a patient's studies makes one manifest per study, and making them all at once
 * would hold every manifest in memory and flood a DICOMweb origin. Fails with the first failure, after which no
 * further call starts.
 */
final class Bounded {
  private final Object lock = new Object();
  private final Object[] results;
  private final Promise<List<Object>> done = Promise.promise();
  private int next;
  private int running;
  private int finished;
  private boolean failed;
  private boolean pumping;

  private Bounded(int size) {
    this.results = new Object[size];
  }

  @SuppressWarnings("unchecked")
  static <T, R> Future<List<R>> map(List<T> items, int concurrency, Function<T, Future<R>> call) {
    if (items.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Bounded b = new Bounded(items.size());
    b.pump(items, concurrency, (Function<Object, Future<?>>) (Function<?, ?>) call);
    return b.done.future().map(list -> (List<R>) list);
  }

  /**
   * Starts calls while there is room. A call whose future is already complete finishes inside {@link #start} and
   * comes back here; the flag keeps that from recursing: the running loop sees the room it freed.
   */
  private <T> void pump(List<T> items, int concurrency, Function<Object, Future<?>> call) {
    synchronized (lock) {
      if (pumping) {
        return;
      }
      pumping = true;
    }
    while (true) {
      int i;
      synchronized (lock) {
        if (failed || running >= concurrency || next >= items.size()) {
          pumping = false; // decided under the lock: a call finishing later finds the flag down and pumps itself
          return;
        }
        i = next++;
        running++;
      }
      start(i, items, concurrency, call);
    }
  }

  private <T> void start(int i, List<T> items, int concurrency, Function<Object, Future<?>> call) {
    Future<?> f;
    try {
      f = call.apply(items.get(i));
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      boolean all;
      synchronized (lock) {
        running--;
        if (failed) {
          return;
        }
        if (ar.failed()) {
          failed = true;
        } else {
          results[i] = ar.result();
          finished++;
        }
        all = finished == results.length;
      }
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (all) {
        done.complete(new ArrayList<>(Arrays.asList(results)));
      } else {
        pump(items, concurrency, call);
      }
    });
  }
}
