package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.await;
import static org.xcaibridge.responder.ArchiveTestSupport.failure;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Bounded#map}: results come back in the order of the list whatever order the calls finish in; no more than
 * the given number of calls are ever under way; calls that complete at once (an archive answering from memory) do
 * not recurse, so a long list cannot overflow the stack; the first failure fails the whole and starts nothing more.
 */
class BoundedKeepsOrderAndItsLimitTest {

  @Test
  void orderAndConcurrencyHold() throws Exception {
    List<Integer> indexes = new ArrayList<>();
    List<Promise<Integer>> pending = new ArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Future<List<Integer>> all = Bounded.map(IntStream.range(0, 20).boxed().toList(), 3, i -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Integer> p = Promise.promise();
      indexes.add(i);
      pending.add(p);
      return p.future().onComplete(ar -> running.decrementAndGet());
    });
    assertThat(pending).hasSize(3);
    while (!pending.isEmpty()) { // finish the newest call first, so completions come out of order
      int last = pending.size() - 1;
      pending.remove(last).complete(indexes.remove(last));
      assertThat(running.get()).isLessThanOrEqualTo(3);
    }
    assertThat(all.result()).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    assertThat(most.get()).isEqualTo(3);

    List<Integer> values = await(Bounded.map(IntStream.range(0, 50).boxed().toList(), 4, i -> {
      Promise<Integer> p = Promise.promise();
      if (i % 2 == 0) {
        p.complete(i * 10);
      } else {
        new Thread(() -> p.complete(i * 10)).start();
      }
      return p.future();
    }));
    assertThat(values).containsExactlyElementsOf(IntStream.range(0, 50).map(i -> i * 10).boxed().toList());
  }

  @Test
  void completedCallsDoNotRecurse() throws Exception {
    List<Integer> values = await(Bounded.map(IntStream.range(0, 100_000).boxed().toList(), 4,
        Future::succeededFuture));
    assertThat(values).hasSize(100_000).startsWith(0, 1, 2).endsWith(99_999);
  }

  @Test
  void firstFailureStopsTheRest() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Future<List<Object>> all = Bounded.map(IntStream.range(0, 100).boxed().toList(), 2, i -> {
      started.incrementAndGet();
      return i == 5 ? Future.failedFuture(new IllegalStateException("study 5")) : Future.succeededFuture(i);
    });
    assertThat(failure(all)).hasMessage("study 5");
    assertThat(started.get()).isLessThanOrEqualTo(7);
  }
}
