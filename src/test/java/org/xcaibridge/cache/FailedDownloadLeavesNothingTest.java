package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download that fails, for whatever reason, fails every reader with the cause and leaves nothing in the
 * store, on disk or in the index; the next request starts afresh and succeeds.
 */
class FailedDownloadLeavesNothingTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(2, 1, 1), 256, 256, 64); // 4 MiB of pixels

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx,
        new CacheSettings(StoreSettings.of(dir, 64L << 20).withMaxInstanceBytes(8L << 20), MetadataSettings.defaults())));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void upstreamFailureMidStreamFailsEveryReaderWithItsCause() throws IOException {
    IOException boom = new IOException("connection reset by the responding gateway");
    ChunkStream up = a.stream(vertx, 16 << 10, 256 << 10).stopAfter(3L << 20, boom);
    Supplier<Future<ReadStream<Buffer>>> upstream = () -> Future.succeededFuture(up);
    Future<byte[]> r1 = store.instance(a.key(), upstream).compose(Await::bytes);
    Future<byte[]> r2 = store.instance(a.key(), upstream).compose(Await::bytes);
    Await.until("1 MiB has arrived", () -> up.emitted.get() > 1 << 20);
    Future<byte[]> late = store.instance(a.key(), upstream).compose(Await::bytes);

    for (Future<byte[]> r : List.of(r1, r2, late)) {
      assertThat(Await.failure(r)).isSameAs(boom);
    }
    assertNothingStored();
    assertThat(store.stats().failedDownloads()).isEqualTo(1);
    assertThat(store.stats().upstreamRetrievals()).isEqualTo(1);
    assertThat(store.stats().joins()).isEqualTo(2);

    byte[] ok = Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 64 << 10, 0)))
        .compose(Await::bytes));
    assertThat(Synthetic.sha256(ok)).isEqualTo(a.sha256());
    assertThat(store.summary(a.key())).isPresent();
  }

  @Test
  void upstreamThatCannotStartFailsReadersWithItsCause() throws IOException {
    IllegalStateException refused = new IllegalStateException("no route to community");
    Throwable t = Await.failure(store.instance(a.key(), () -> Future.failedFuture(refused)).compose(Await::bytes));
    assertThat(t).isSameAs(refused);
    assertNothingStored();
  }

  @Test
  void truncatedInstanceIsRejected() throws IOException {
    ChunkStream cut = a.stream(vertx, 64 << 10, 0).stopAfter(a.length() - 1000, null);
    Throwable t = Await.failure(store.instance(a.key(), () -> Future.succeededFuture(cut)).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Rejected.class).hasMessageContaining("not a complete Part 10 instance");
    assertNothingStored();
  }

  @Test
  void instanceUnderAnotherKeyIsRejected() throws IOException {
    Synthetic.Instance other = Synthetic.instance(Synthetic.key(2, 1, 9), 16, 16, 2);
    Throwable t = Await.failure(store.instance(a.key(),
        () -> Future.succeededFuture(other.stream(vertx, 1 << 10, 0))).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Rejected.class).hasMessageContaining("SOP Instance UID " + other.key().sopInstanceUid());
    assertNothingStored();
  }

  @Test
  void bytesThatAreNotDicomAreRejectedBeforeTheEnd() throws IOException {
    byte[] junk = new byte[1 << 20];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (byte) (i * 31 + 7);
    }
    Throwable t = Await.failure(store.instance(a.key(),
        () -> Future.succeededFuture(Synthetic.bytes(vertx, junk, 4096))).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Rejected.class);
    assertNothingStored();
  }

  @Test
  void instanceOverTheSizeLimitIsRejected() throws IOException {
    Synthetic.Instance big = Synthetic.instance(Synthetic.key(2, 1, 3), 512, 512, 40); // 10 MiB > 8 MiB
    Throwable t = Await.failure(store.instance(big.key(),
        () -> Future.succeededFuture(big.stream(vertx, 64 << 10, 0))).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Rejected.class).hasMessageContaining("maxInstanceBytes");
    assertNothingStored();
  }

  @Test
  void closingTheStoreStopsDownloadsAndReaders() throws IOException {
    ChunkStream up = a.stream(vertx, 16 << 10, 64 << 10);
    Future<byte[]> reader = store.instance(a.key(), () -> Future.succeededFuture(up)).compose(Await::bytes);
    Await.until("1 MiB has arrived", () -> up.emitted.get() > 1 << 20);
    Await.result(store.close());
    assertThat(Await.failure(reader)).isInstanceOf(CacheException.Io.class).hasMessage("the cache is closing");
    assertThat(count(dir.resolve("tmp"))).isZero();
    assertThat(count(dir.resolve("entries"))).isZero();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
    assertThat(store.recovery()).isEqualTo(new InstanceStore.Recovery(0, 0, 0, 0, 0));
  }

  private void assertNothingStored() throws IOException {
    Await.until("downloads ended", () -> store.stats().inFlightDownloads() == 0);
    Await.until("the temporary file is deleted", () -> count(dir.resolve("tmp")) == 0);
    assertThat(count(dir.resolve("entries"))).isZero();
    assertThat(store.stats().storeEntries()).isZero();
    assertThat(Await.result(store.get(a.key()))).isEmpty();
  }

  /** Regular files under {@code p}; walked again when one vanished during the walk (a download deleting its own). */
  private static long count(Path p) {
    for (int attempt = 0; ; attempt++) {
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(Files::isRegularFile).count();
      } catch (java.io.UncheckedIOException vanished) {
        if (attempt == 10) {
          throw vanished;
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
