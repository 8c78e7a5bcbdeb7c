package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up while an instance is written, or refuses the fsync, is reported as
 * {@link CacheException.Full} to every reader, and leaves no entry, partial or otherwise; with room again
 * the same instance is stored.
 */
class FullDiskIsATypedErrorTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  /** What the next temporary file's channel is: null for a plain one. */
  final AtomicReference<UnaryOperator<FileChannel>> disk = new AtomicReference<>();
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(3, 1, 1), 256, 256, 32);

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    StoreIo io = FaultyFileChannel.switchable(disk);
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20), io, Ticker.systemTicker()));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void diskFillsUpWhileWriting() throws IOException {
    disk.set(ch -> FaultyFileChannel.fullAfter(ch, 1 << 20));
    Future<byte[]> r1 = store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 32 << 10, 0))).compose(Await::bytes);
    Future<byte[]> r2 = store.instance(a.key(), () -> Future.failedFuture("not asked twice")).compose(Await::bytes);
    for (Future<byte[]> r : List.of(r1, r2)) {
      Throwable t = Await.failure(r);
      assertThat(t).isInstanceOf(CacheException.Full.class).hasMessageContaining("the cache disk is full")
          .hasMessageContaining("No space left on device");
    }
    assertNothingStored();
    retryWithRoom();
  }

  @Test
  void fsyncFailsAfterEverythingWasWritten() throws IOException {
    // only a store that does not check its entries at start-up fsyncs each one before its rename; one that checks
    // syncs them afterwards in batches, off the download's path (EntrySync)
    Await.result(store.close());
    store = Await.result(InstanceStore.open(vertx, new CacheSettings(StoreSettings.of(dir, 64L << 20)
        .withVerifyContentOnStart(false), MetadataSettings.defaults()), FaultyFileChannel.switchable(disk),
        Ticker.systemTicker()));
    disk.set(ch -> FaultyFileChannel.fsyncFails(ch));
    Throwable t = Await.failure(store.instance(a.key(),
        () -> Future.succeededFuture(a.stream(vertx, 32 << 10, 0))).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Full.class);
    assertNothingStored();
    retryWithRoom();
  }

  private void retryWithRoom() {
    disk.set(null);
    byte[] b = Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 32 << 10, 0)))
        .compose(Await::bytes));
    assertThat(Synthetic.sha256(b)).isEqualTo(a.sha256());
    assertThat(store.stats().committed()).isEqualTo(1);
    assertThat(store.stats().failedDownloads()).isEqualTo(1);
  }

  private void assertNothingStored() throws IOException {
    Await.until("the temporary file is deleted", () -> count(dir.resolve("tmp")) == 0);
    assertThat(count(dir.resolve("entries"))).isZero();
    assertThat(store.summary(a.key())).isEmpty();
    assertThat(store.stats().inFlightDownloads()).isZero();
  }

  private static long count(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
