package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series that arrives faster than the disk stores it waits upstream: at no time are more than
 * {@link SeriesFlight#MAX_UNSTORED} of its instances in memory waiting for the disk (each download bounds only its own
 * write queue, so without this every instance of a long series could be), and every instance is stored all the same.
 */
class SlowDiskHoldsTheSeriesUpstreamTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  final AtomicReference<UnaryOperator<FileChannel>> disk = new AtomicReference<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 256L << 20),
        FaultyFileChannel.switchable(disk), Ticker.systemTicker()));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void aSlowDiskHoldsTheUpstreamNotMemory() throws Exception {
    List<Synthetic.Instance> series = new ArrayList<>();
    for (int n = 1; n <= 60; n++) {
      series.add(Synthetic.instance(Synthetic.key(31, 1, n), 64, 64, 4)); // 16 KiB each
    }
    disk.set(ch -> FaultyFileChannel.probed(ch, () -> {
      try {
        Thread.sleep(3); // every write and sync of an entry file: a disk far slower than the upstream
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    SeriesUpstream upstream = new SeriesUpstream(vertx, series, 16 << 10, 0);
    long length = series.get(0).length();
    Future<Void> whole = readAll(store.series(series.get(0).key().series(), () -> Future.succeededFuture(upstream)));
    long mostWaiting = 0;
    while (!whole.isComplete()) {
      long arrived = upstream.bytesSent / length; // whole instances sent
      mostWaiting = Math.max(mostWaiting, arrived - store.stats().committed());
      Thread.sleep(1);
    }
    Await.result(whole);
    assertThat(store.stats().committed()).isEqualTo(series.size());
    assertThat(mostWaiting).as("instances arrived but not stored, at most").isPositive()
        .isLessThanOrEqualTo(SeriesFlight.MAX_UNSTORED);
    for (Synthetic.Instance i : List.of(series.get(0), series.get(59))) {
      assertThat(Await.result(store.get(i.key()).map(o -> o.orElseThrow()).compose(Await::sha256)))
          .isEqualTo(i.sha256());
    }
  }

  private static Future<Void> readAll(ReadStream<InstanceStream> view) {
    Promise<Void> p = Promise.promise();
    view.exceptionHandler(p::tryFail);
    view.endHandler(v -> p.tryComplete());
    view.handler(s -> s.handler(b -> { }).exceptionHandler(p::tryFail));
    return p.future();
  }
}
