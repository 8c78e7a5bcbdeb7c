package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InstanceStream#sendTo} writes every byte once, in order, from a complete entry or a download in
 * flight, honours a full write queue, reports failures, and releases every pooled buffer once its write
 * has completed, whatever happened (bytes of a download not on disk yet go from memory, not through a pool).
 */
class SendToReleasesEveryBufferTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(9, 1, 1), 512, 512, 12); // 3 MiB

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, new CacheSettings(
        StoreSettings.of(dir, 64L << 20).withIo(2, 64 << 10, 1 << 20), MetadataSettings.defaults())));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void fromACompleteEntryIntoASlowResponse() {
    Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 64 << 10, 0))).compose(Await::sha256));
    SlowWriteStream out = new SlowWriteStream(vertx, 256 << 10);
    Await.result(Await.result(store.get(a.key())).orElseThrow().sendTo(out));
    Await.until("every write completed", () -> out.pending() == 0);
    assertThat(out.sha256()).isEqualTo(a.sha256());
    assertThat(out.sawQueueFull).isTrue();
    assertAllReleased(out);
  }

  @Test
  void fromADownloadInFlight() {
    ChunkStream up = a.stream(vertx, 16 << 10, 128 << 10);
    SlowWriteStream out = new SlowWriteStream(vertx, 1 << 20);
    Await.result(store.instance(a.key(), () -> Future.succeededFuture(up)).compose(s -> s.sendTo(out)));
    Await.until("every write completed", () -> out.pending() == 0);
    assertThat(out.sha256()).isEqualTo(a.sha256());
    assertReadBuffersReleased(out);
  }

  @Test
  void upstreamFailureFailsTheSend() {
    IOException boom = new IOException("upstream gone");
    ChunkStream up = a.stream(vertx, 16 << 10, 128 << 10).stopAfter(1 << 20, boom);
    SlowWriteStream out = new SlowWriteStream(vertx, 1 << 20);
    assertThat(Await.failure(store.instance(a.key(), () -> Future.succeededFuture(up)).compose(s -> s.sendTo(out))))
        .isSameAs(boom);
    Await.until("every write completed", () -> out.pending() == 0);
    assertReadBuffersReleased(out);
  }

  @Test
  void failedWriteFailsTheSend() {
    Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 64 << 10, 0))).compose(Await::sha256));
    SlowWriteStream out = new SlowWriteStream(vertx, 256 << 10).breakAfter(1 << 20);
    assertThat(Await.failure(Await.result(store.get(a.key())).orElseThrow().sendTo(out)))
        .hasMessage("connection reset by peer");
    Await.until("every write completed", () -> out.pending() == 0);
    assertAllReleased(out);
  }

  @Test
  void aStreamIsReadOneWayOnly() {
    Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 64 << 10, 0))).compose(Await::sha256));
    InstanceStream s = Await.result(store.get(a.key())).orElseThrow();
    s.handler(b -> { });
    assertThat(Await.failure(s.sendTo(new SlowWriteStream(vertx, 1 << 20)))).isInstanceOf(IllegalStateException.class);
  }

  private static void assertAllReleased(SlowWriteStream out) {
    assertThat(out.buffers).isNotEmpty();
    assertThat(out.allDirect).as("no heap copies").isTrue();
    Await.until("every buffer released", () -> out.buffers.stream().allMatch(b -> b.refCnt() == 0));
  }

  /**
   * For a download in flight: the bytes read back from the file came in pooled direct buffers, each released; those
   * that had not reached the disk yet went on from memory as the upstream's own chunks (heap, not copied).
   */
  private static void assertReadBuffersReleased(SlowWriteStream out) {
    assertThat(out.buffers).isNotEmpty();
    Await.until("every buffer read released", () -> out.direct.stream().allMatch(b -> b.refCnt() == 0));
  }
}
