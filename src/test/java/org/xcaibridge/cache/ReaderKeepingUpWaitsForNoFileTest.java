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
import java.util.concurrent.atomic.AtomicInteger;
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
 * series retrieval on a busy machine.) The same holds for a look at the instance's first bytes ({@code head}) and for
 * a reader that sends the instance on ({@code sendTo}); a stored entry's head comes from its file. A download's head
 * comes from memory even once its file has the bytes: the front looks at every instance's head before sending it,
 * and a worker reading the file for it cost each instance of a cold retrieval a hop.
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
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30),
        heldBack(fileMayBeCreated), Ticker.systemTicker()));
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

    assertThat(received.get()).isEqualTo(instance.length());
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(Synthetic.sha256(instance));
    Await.until("stored", () -> store.stats().committed() == 1);
    Await.result(store.close());
  }

  @Test
  void headAndSendToTakeTheFirstBytesFromMemoryToo() throws Exception {
    CountDownLatch fileMayBeCreated = new CountDownLatch(1);
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30), heldBack(
        fileMayBeCreated), Ticker.systemTicker()));
    Synthetic.Instance instance = Synthetic.instance(Synthetic.key(7, 1, 2), 256, 256, 8); // about 1 MiB
    InstanceStream s = onlyInstanceOfItsSeries(store, instance);
    byte[] expectedHead = new byte[4096];
    instance.fill(0, expectedHead, 0, expectedHead.length);
    assertThat(Await.result(s.head(4096)).getBytes()).as("head before the file exists").isEqualTo(expectedHead);
    SlowWriteStream out = new SlowWriteStream(vertx, 1 << 30);
    Future<Void> sent = s.sendTo(out);
    Await.until("sent bytes while the file is still being created", () -> !out.buffers.isEmpty());
    assertThat(fileMayBeCreated.getCount()).isEqualTo(1);
    fileMayBeCreated.countDown();
    Await.result(sent);
    Await.until("every write completed", () -> out.pending() == 0);
    assertThat(out.sha256()).isEqualTo(Synthetic.sha256(instance));

    // a stored entry: the head from its file, and all of it when asked for more than there is
    InstanceStream stored = Await.result(store.get(instance.key())).orElseThrow();
    assertThat(Await.result(stored.head(4096)).getBytes()).as("head of the stored entry").isEqualTo(expectedHead);
    byte[] whole = new byte[(int) instance.length()];
    instance.fill(0, whole, 0, whole.length);
    assertThat(Await.result(stored.head(whole.length + 100)).getBytes()).isEqualTo(whole);
    stored.close();
    Await.result(store.close());
  }

  @Test
  void aDownloadsHeadIsNotReadFromItsFile() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    StoreIo counted = p -> FaultyFileChannel.onRead(StoreIo.DEFAULT.createTemporary(p), reads::incrementAndGet);
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30), counted,
        Ticker.systemTicker()));
    Synthetic.Instance instance = Synthetic.instance(Synthetic.key(7, 1, 3), 256, 256, 8); // about 1 MiB
    InstanceStream s = onlyInstanceOfItsSeries(store, instance);
    Await.until("stored", () -> store.stats().committed() == 1);
    assertThat(s.source.available()).as("the file has every byte").isEqualTo(instance.length());

    byte[] expectedHead = new byte[InstanceSource.KEPT_HEAD_BYTES];
    instance.fill(0, expectedHead, 0, expectedHead.length);
    assertThat(Await.result(s.head(expectedHead.length)).getBytes()).isEqualTo(expectedHead);
    assertThat(reads.get()).as("reads of the download's file").isZero();
    // more than is kept: the file is read
    byte[] more = new byte[2 * InstanceSource.KEPT_HEAD_BYTES];
    instance.fill(0, more, 0, more.length);
    assertThat(Await.result(s.head(more.length)).getBytes()).isEqualTo(more);
    assertThat(reads.get()).isPositive();
    s.close();
    Await.result(store.close());
  }

  /** The stream of {@code instance}, retrieved as a series of one in 64 KiB chunks. */
  private InstanceStream onlyInstanceOfItsSeries(InstanceStore store, Synthetic.Instance instance) {
    SeriesUpstream upstream = new SeriesUpstream(vertx, List.of(instance), 64 << 10, 1 << 20);
    Promise<InstanceStream> first = Promise.promise();
    ReadStream<InstanceStream> view = store.series(instance.key().series(), () -> Future.succeededFuture(upstream));
    view.exceptionHandler(first::tryFail);
    view.handler(first::tryComplete);
    return Await.result(first.future());
  }

  /** The store's files, their creation held back until {@code latch} opens. */
  private static StoreIo heldBack(CountDownLatch latch) {
    return p -> {
      try {
        latch.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException("interrupted while held back");
      }
      return StoreIo.DEFAULT.createTemporary(p);
    };
  }
}
