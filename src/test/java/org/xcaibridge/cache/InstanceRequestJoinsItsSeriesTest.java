package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a series is being retrieved, a request for one of its instances that has not arrived yet waits
 * for it there instead of retrieving it again; an instance the retrieval does not deliver is then
 * retrieved on its own, once.
 */
class InstanceRequestJoinsItsSeriesTest {
  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void instanceOfASeriesInFlightIsNotRetrievedTwice() {
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 256L << 20)));
    List<Synthetic.Instance> series = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      series.add(Synthetic.instance(Synthetic.key(10, 1, n), 256, 256, 32)); // 2 MiB each
    }
    SeriesUpstream upstream = new SeriesUpstream(vertx, series, 32 << 10, 32 << 10);
    Future<Void> whole = readAll(store.series(series.get(0).key().series(), () -> Future.succeededFuture(upstream)));
    Await.until("the first instance is arriving", () -> upstream.bytesSent > 0 && upstream.bytesSent < series.get(0).length());

    AtomicInteger asked = new AtomicInteger();
    Supplier<Future<ReadStream<Buffer>>> never = () -> {
      asked.incrementAndGet();
      return Future.failedFuture("the series retrieval delivers this instance");
    };
    Future<String> third = store.instance(series.get(2).key(), never).compose(Await::sha256);
    Future<String> first = store.instance(series.get(0).key(), never).compose(Await::sha256);
    assertThat(Await.result(third)).isEqualTo(series.get(2).sha256());
    assertThat(Await.result(first)).isEqualTo(series.get(0).sha256());
    assertThat(asked).hasValue(0);

    // an instance the series retrieval does not deliver is fetched on its own after it ends
    Synthetic.Instance extra = Synthetic.instance(Synthetic.key(10, 1, 4), 64, 64, 2);
    Future<String> fourth = store.instance(extra.key(), () -> {
      asked.incrementAndGet();
      return Future.succeededFuture(extra.stream(vertx, 1024, 0));
    }).compose(Await::sha256);
    assertThat(Await.result(fourth)).isEqualTo(extra.sha256());
    assertThat(asked).hasValue(1);
    assertThat(upstream.finished()).isTrue();
    Await.result(whole);
    assertThat(store.stats().upstreamRetrievals()).isEqualTo(2);
    assertThat(store.stats().committed()).isEqualTo(4);
    Await.result(store.close());
  }

  private static Future<Void> readAll(ReadStream<InstanceStream> view) {
    Promise<Void> p = Promise.promise();
    view.exceptionHandler(p::tryFail);
    view.endHandler(v -> p.tryComplete());
    view.handler(s -> {
      view.pause();
      s.exceptionHandler(p::tryFail);
      s.endHandler(v -> view.resume());
      s.handler(b -> { });
    });
    return p.future();
  }
}
