package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download whose chunks live in direct memory (as the gateway reads a RAD-75 answer) stores the same bytes as one
 * of heap chunks and frees every chunk's memory once written, read and sent, however it ends: stored, its upstream
 * failing midway, rejected at its end, or the disk filling up. Counted by the allocator the chunks came from.
 */
class DirectChunksAreReleasedTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  final AtomicReference<UnaryOperator<FileChannel>> disk = new AtomicReference<>();
  final UnpooledByteBufAllocator memory = new UnpooledByteBufAllocator(true, true);
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(21, 1, 1), 256, 256, 64); // 4 MiB of pixels

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20), FaultyFileChannel.switchable(disk),
        com.github.benmanes.caffeine.cache.Ticker.systemTicker()));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  private ChunkStream upstream() {
    return a.stream(vertx, 48 << 10, 0).direct(memory);
  }

  private void allFreed() {
    Await.until("downloads ended", () -> store.stats().inFlightDownloads() == 0);
    Await.until("every chunk's direct memory is freed (" + memory.metric().usedDirectMemory() + " bytes left)",
        () -> memory.metric().usedDirectMemory() == 0);
  }

  @Test
  void storedWholeAndFreed() throws IOException {
    ChunkStream up = upstream();
    byte[] read = Await.result(store.instance(a.key(), () -> Future.succeededFuture(up)).compose(Await::bytes));
    assertThat(Synthetic.sha256(read)).isEqualTo(a.sha256());
    allFreed();
    byte[] stored = Await.result(store.get(a.key()).map(o -> o.orElseThrow()).compose(Await::bytes));
    assertThat(Synthetic.sha256(stored)).isEqualTo(a.sha256());
    assertThat(up.emitted.get()).isEqualTo(a.length());
  }

  @Test
  void upstreamFailingMidwayFreesWhatArrived() {
    IOException cut = new IOException("connection reset");
    ChunkStream up = upstream().stopAfter(3L << 20, cut);
    assertThat(Await.failure(store.instance(a.key(), () -> Future.succeededFuture(up)).compose(Await::bytes)))
        .isSameAs(cut);
    allFreed();
  }

  @Test
  void instanceRejectedAtItsEndIsFreed() {
    ChunkStream up = upstream().stopAfter(a.length() - 1000, null);
    assertThat(Await.failure(store.instance(a.key(), () -> Future.succeededFuture(up)).compose(Await::bytes)))
        .isInstanceOf(CacheException.Rejected.class);
    allFreed();
  }

  @Test
  void diskFillingUpFreesWhatWaitedForIt() {
    disk.set(ch -> FaultyFileChannel.fullAfter(ch, 1 << 20));
    assertThat(Await.failure(store.instance(a.key(), () -> Future.succeededFuture(upstream())).compose(Await::bytes)))
        .isInstanceOf(CacheException.Full.class);
    allFreed();
  }
}
