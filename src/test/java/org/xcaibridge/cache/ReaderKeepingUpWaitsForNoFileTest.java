package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of a series retrieval in flight gets an instance's bytes from memory as they arrive, without waiting for
 * a worker to create or open the instance's file: here the file's creation is held back, and the reader has the
 * first bytes all the same; once the file exists the instance is stored whole and the reader ends with every byte.
 * (A reader that had to open the file first waited for a worker twice per instance, a stall per instance of a cold
 * series retrieval on a busy machine.)
 */
class ReaderKeepingUpWaitsForNoFileTest {
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
  void theFirstBytesComeBeforeTheFileExists() throws Exception {
    CountDownLatch fileMayBeCreated = new CountDownLatch(1);
    StoreIo slow = p -> {
      try {
        fileMayBeCreated.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException("interrupted while held back");
      }
      return StoreIo.DEFAULT.createTemporary(p);
    };
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30), slow,
        Ticker.systemTicker()));
    Synthetic.Instance instance = Synthetic.instance(Synthetic.key(7, 1, 1), 256, 256, 8); // about 1 MiB
    SeriesUpstream upstream = new SeriesUpstream(vertx, List.of(instance), 64 << 10, 1 << 20);
    AtomicLong received = new AtomicLong();
    MessageDigest digest = Synthetic.sha();
    Promise<Void> ended = Promise.promise();
    ReadStream<InstanceStream> view = store.series(instance.key().series(), () -> Future.succeededFuture(upstream));
    view.exceptionHandler(ended::tryFail);
    view.handler(s -> {
      s.exceptionHandler(ended::tryFail);
      s.endHandler(v -> ended.tryComplete());
      s.handler(b -> {
        digest.update(b.getBytes());
        received.addAndGet(b.length());
      });
    });

    Await.until("the reader has bytes while the file is still being created", () -> received.get() >= 64 << 10);
    assertThat(fileMayBeCreated.getCount()).isEqualTo(1);
    fileMayBeCreated.countDown();
    Await.result(ended.future());

    MessageDigest expected = Synthetic.sha();
    byte[] chunk = new byte[1 << 16];
    for (long p = 0; p < instance.length(); p += chunk.length) {
      int n = (int) Math.min(chunk.length, instance.length() - p);
      instance.fill(p, chunk, 0, n);
      expected.update(chunk, 0, n);
    }
    assertThat(received.get()).isEqualTo(instance.length());
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    Await.until("stored", () -> store.stats().committed() == 1);
    Await.result(store.close());
  }
}
