package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 requests for one 200 MiB series, the last joining half-way: exactly one upstream retrieval, all 50
 * get the same bytes (SHA-256 over the series, which is also what the stub sent), the late joiner gets
 * its first byte while the upstream is still sending, no file call is made on an event loop and the
 * blocked-thread checker stays quiet. The bytes are generated and hashed on the fly, never held in memory.
 */
class SingleFlightReadWhileWriteTest {
  static final int REQUESTS = 50;
  static final int INSTANCES = 10;

  @TempDir
  Path dir;
  Vertx vertx;
  BlockedThreadLog blocked;

  @BeforeEach
  void start() {
    blocked = new BlockedThreadLog();
    vertx = Vertx.vertx(BlockedThreadLog.strictOptions());
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
    blocked.close();
  }

  @Test
  void fiftyRequestsOneRetrievalIdenticalBytes() {
    List<String> onEventLoop = new CopyOnWriteArrayList<>();
    StoreIo watched = p -> FaultyFileChannel.probed(StoreIo.DEFAULT.createTemporary(p), () -> {
      if (Context.isOnEventLoopThread()) {
        onEventLoop.add(Thread.currentThread().getName());
      }
    });
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30), watched,
        Ticker.systemTicker()));
    List<Synthetic.Instance> series = new ArrayList<>();
    for (int i = 1; i <= INSTANCES; i++) {
      series.add(Synthetic.instance(Synthetic.key(4, 1, i), 512, 512, 80)); // 20 MiB each
    }
    long total = series.stream().mapToLong(Synthetic.Instance::length).sum();
    assertThat(total).isGreaterThan(200L << 20);
    MessageDigest all = Synthetic.sha();
    byte[] chunk = new byte[1 << 20];
    for (Synthetic.Instance i : series) {
      for (long p = 0; p < i.length(); p += chunk.length) {
        int n = (int) Math.min(chunk.length, i.length() - p);
        i.fill(p, chunk, 0, n);
        all.update(chunk, 0, n);
      }
    }
    String expected = HexFormat.of().formatHex(all.digest());

    AtomicInteger retrievals = new AtomicInteger();
    SeriesUpstream upstream = new SeriesUpstream(vertx, series, 64 << 10, 64 << 10); // about 64 MB/s
    Supplier<Future<ReadStream<UpstreamInstance>>> supplier = () -> {
      retrievals.incrementAndGet();
      return Future.succeededFuture(upstream);
    };
    SeriesKey key = series.get(0).key().series();
    List<Future<String>> digests = new ArrayList<>();
    for (int r = 0; r < REQUESTS - 1; r++) {
      digests.add(read(store.series(key, supplier), null));
    }
    Await.until("half the series was sent", () -> upstream.bytesSent > total / 2);
    AtomicBoolean firstByteWhileUpstreamRunning = new AtomicBoolean();
    digests.add(read(store.series(key, supplier), () -> firstByteWhileUpstreamRunning.set(!upstream.finished())));

    for (Future<String> d : digests) {
      assertThat(Await.result(d, 300)).isEqualTo(expected);
    }
    assertThat(retrievals).hasValue(1);
    assertThat(firstByteWhileUpstreamRunning).isTrue();
    CacheStats s = store.stats();
    assertThat(s.upstreamRetrievals()).isEqualTo(1);
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.joins()).isEqualTo(REQUESTS - 1);
    assertThat(s.committed()).isEqualTo(INSTANCES);
    assertThat(s.storeEntries()).isEqualTo(INSTANCES);
    assertThat(s.bytesRead()).isEqualTo(REQUESTS * total);
    assertThat(s.inFlightSeries()).isZero();
    assertThat(onEventLoop).as("file calls made on an event loop").isEmpty();
    assertThat(blocked.warnings()).isEmpty();
    Await.result(store.close());
  }

  @Test
  void theBlockedThreadCheckIsAwake() {
    Await.result(vertx.getOrCreateContext().<Void>executeBlocking(() -> null)); // warm up
    Promise<Void> p = Promise.promise();
    vertx.runOnContext(v -> {
      long until = System.nanoTime() + 1_500_000_000L;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      p.complete();
    });
    Await.result(p.future());
    Await.until("the checker warns", () -> !blocked.warnings().isEmpty());
  }

  /** Hashes every instance of the series in order; {@code onFirstByte} runs at the first byte. */
  private static Future<String> read(ReadStream<InstanceStream> view, Runnable onFirstByte) {
    Promise<String> p = Promise.promise();
    MessageDigest d = Synthetic.sha();
    AtomicBoolean first = new AtomicBoolean(true);
    view.exceptionHandler(p::tryFail);
    view.endHandler(v -> p.tryComplete(HexFormat.of().formatHex(d.digest())));
    view.handler(s -> {
      view.pause();
      s.exceptionHandler(p::tryFail);
      s.endHandler(v -> view.resume());
      s.handler(b -> {
        if (first.getAndSet(false) && onFirstByte != null) {
          onFirstByte.run();
        }
        d.update(b.getBytes());
      });
    });
    return p.future();
  }
}
