package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A series retrieval cut (connection reset) while an instance that arrived whole is still on its way to the disk —
 * its bytes being written, or its commit fsyncing. That instance is not a partial one: it is stored, and a reader
 * following it reads it to its end, identical; only the instance being cut fails and is not stored. The ordering is
 * fixed with latches on the instance's file (the worker is held, not the event loop). Before this was so, the cut
 * failed the whole instance's readers and then stored it anyway (or, while it was being written, dropped it), which
 * is what CutMidSeriesFailsTheStreamTest met now and then under load.
 */
class CutSeriesKeepsWhatArrivedWholeTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  final AtomicReference<UnaryOperator<FileChannel>> disk = new AtomicReference<>();
  final CountDownLatch held = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20), FaultyFileChannel.switchable(disk),
        Ticker.systemTicker()));
  }

  @AfterEach
  void stop() {
    release.countDown();
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void anInstanceCommittingWhenTheSeriesIsCutIsStoredAndReadWhole() throws Exception {
    // only a store that does not check its entries at start-up fsyncs each one in its commit, before the rename (one
    // that checks syncs them afterwards, off the download's path: EntrySync); the first instance's file (only that
    // one) holds that fsync
    Await.result(store.close());
    store = Await.result(InstanceStore.open(vertx, new CacheSettings(StoreSettings.of(dir, 64L << 20)
        .withVerifyContentOnStart(false), MetadataSettings.defaults()), FaultyFileChannel.switchable(disk),
        Ticker.systemTicker()));
    disk.set(ch -> {
      disk.set(null);
      return FaultyFileChannel.beforeForce(ch, this::hold);
    });
    cutWhileTheFirstIsHeld();
  }

  @Test
  void anInstanceStillBeingWrittenWhenTheSeriesIsCutIsStoredAndReadWhole() throws Exception {
    // the first instance's file (only that one) holds its first write: all its bytes have arrived, none is on disk
    disk.set(ch -> {
      disk.set(null);
      return FaultyFileChannel.probed(ch, this::hold);
    });
    cutWhileTheFirstIsHeld();
  }

  private void hold() {
    if (held.getCount() == 0) {
      return; // only the first call waits
    }
    held.countDown();
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void cutWhileTheFirstIsHeld() throws Exception {
    Synthetic.Instance whole = Synthetic.instance(Synthetic.key(20, 1, 1), 64, 64, 4);
    Synthetic.Instance cut = Synthetic.instance(Synthetic.key(20, 1, 2), 64, 64, 4);
    IOException reset = new IOException("Connection reset");
    CountDownLatch handed = new CountDownLatch(1); // the reader follows the whole instance
    CutSeries upstream = new CutSeries(vertx, whole, cut, reset, held, handed);

    Map<InstanceKey, Future<String>> reads = new ConcurrentHashMap<>();
    Promise<Void> series = Promise.promise();
    Context ctx = vertx.getOrCreateContext();
    ctx.runOnContext(v -> {
      ReadStream<InstanceStream> view = store.series(whole.key().series(), () -> Future.succeededFuture(upstream));
      view.exceptionHandler(series::tryFail);
      view.endHandler(x -> series.tryComplete());
      view.handler(s -> {
        reads.put(s.key(), Await.sha256(s));
        handed.countDown();
      });
    });
    Throwable seriesFailure = Await.failure(series.future());
    assertThat(seriesFailure).hasMessageContaining("Connection reset");
    // the cut is known everywhere while the whole instance is still held on its worker
    assertThat(held.getCount()).isZero();
    release.countDown();

    assertThat(Await.result(reads.get(whole.key()))).as("the reader of the instance that arrived whole")
        .isEqualTo(whole.sha256());
    if (reads.containsKey(cut.key())) {
      assertThat(Await.failure(reads.get(cut.key()))).hasMessageContaining("Connection reset");
    }
    assertThat(store.summary(whole.key())).isPresent();
    String stored = Await.result(store.get(whole.key()).compose(s -> Await.sha256(s.orElseThrow())));
    assertThat(stored).isEqualTo(whole.sha256());
    assertThat(store.summary(cut.key())).isEmpty();
    Await.until("no temporary file is left", () -> files(dir.resolve("tmp")) == 0);
    assertThat(store.stats().committed()).isEqualTo(1);
  }

  /** Instance {@code whole} entire, then {@code cut} broken off halfway: its body and the series fail. */
  static final class CutSeries implements ReadStream<UpstreamInstance> {
    private final Vertx vertx;
    private final Context ctx;
    private final Synthetic.Instance whole;
    private final Synthetic.Instance cut;
    private final Throwable reset;
    private final CountDownLatch held;
    private final CountDownLatch handed;
    private Handler<UpstreamInstance> handler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private int next;

    CutSeries(Vertx vertx, Synthetic.Instance whole, Synthetic.Instance cut, Throwable reset, CountDownLatch held,
        CountDownLatch handed) {
      this.vertx = vertx;
      this.ctx = vertx.getOrCreateContext();
      this.whole = whole;
      this.cut = cut;
      this.reset = reset;
      this.held = held;
      this.handed = handed;
    }

    @Override
    public CutSeries exceptionHandler(Handler<Throwable> h) {
      exceptionHandler = h;
      return this;
    }

    @Override
    public CutSeries handler(Handler<UpstreamInstance> h) {
      handler = h;
      ctx.runOnContext(v -> drive());
      return this;
    }

    @Override
    public CutSeries pause() {
      demand = 0;
      return this;
    }

    @Override
    public CutSeries resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public CutSeries fetch(long amount) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      ctx.runOnContext(v -> drive());
      return this;
    }

    @Override
    public CutSeries endHandler(Handler<Void> h) {
      return this; // it never ends: it is cut
    }

    private void drive() {
      if (handler == null || demand == 0 || next > 1) {
        return;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      if (next++ == 0) {
        handler.handle(new UpstreamInstance(whole.key(), whole.stream(vertx, 4096, 0)));
        return;
      }
      // the second instance starts once the first is held on its way to the disk (and its reader has it), and
      // breaks off halfway; the reset reaches the body being read and the series stream alike, as an MTOM reader
      // reports it
      vertx.executeBlocking(() -> held.await(30, TimeUnit.SECONDS) && handed.await(30, TimeUnit.SECONDS), false)
          .onComplete(ar -> {
            ChunkStream body = cut.stream(vertx, 4096, 0).stopAfter(cut.length() / 2, reset);
            body.ended().onFailure(e -> {
              if (exceptionHandler != null) {
                exceptionHandler.handle(e);
              }
            });
            handler.handle(new UpstreamInstance(cut.key(), body));
          });
    }
  }

  static long files(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
