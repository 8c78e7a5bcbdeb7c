package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A viewer's side is often a few instances behind a series download: it asks for an instance just after it was
 * stored. It then reads through the writer's channel, kept open a moment ({@link RecentFiles}), instead of opening the
 * entry on a worker. Shown by deleting the entry files before the reader comes: opened anew they would be gone (the
 * store says so with {@link CacheException.Gone}); through the kept channels every byte still reads. The kept
 * channels are closed soon after, and at once when the store closes.
 */
class AReaderRightAfterTheStoreSharesTheWritersChannelTest {
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
  void instancesJustStoredReadThroughTheWritersChannels() throws Exception {
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30)));
    List<Synthetic.Instance> instances = List.of(Synthetic.instance(Synthetic.key(4, 1, 1), 64, 64, 2),
        Synthetic.instance(Synthetic.key(4, 1, 2), 64, 64, 3));
    SeriesUpstream upstream = new SeriesUpstream(vertx, instances, 8 << 10, 100_000);
    ReadStream<InstanceStream> view = store.series(instances.get(0).key().series(),
        () -> Future.succeededFuture(upstream));
    List<InstanceStream> streams = new ArrayList<>();
    Promise<Void> listed = Promise.promise();
    view.pause();
    view.exceptionHandler(listed::tryFail);
    view.endHandler(v -> listed.tryComplete());
    view.handler(streams::add);
    Await.until("both stored", () -> store.stats().committed() == 2);

    assertThat(entryFiles()).hasSize(2);
    for (Path p : entryFiles()) {
      Files.delete(p); // as an eviction would: only a channel already open still reads it
    }
    view.resume();
    Await.result(listed.future());
    assertThat(streams).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(Await.result(Await.bytes(streams.get(i)))).as("instance %d", i).isEqualTo(instances.get(i).bytes());
    }

    Await.until("the kept channels closed", () -> OpenEntryFiles.under(dir).isEmpty());
    Await.result(store.close());
  }

  @Test
  void keptFilesAreLetGoOfBeyondTheBoundsAfterTheirTimeAndAtClose() {
    RecentFiles recent = new RecentFiles(vertx, 2, 100, 200);
    SharedFile a = unopened();
    SharedFile b = unopened();
    SharedFile c = unopened();
    recent.keep(a, 10);
    recent.keep(b, 10);
    recent.keep(c, 10);
    assertThat(a.retain()).as("the oldest, beyond the count").isFalse();
    assertThat(b.retain()).as("still kept").isTrue();
    b.release();
    SharedFile big = unopened();
    recent.keep(big, 101);
    assertThat(big.retain()).as("over the byte bound alone: not kept").isFalse();
    SharedFile large = unopened();
    recent.keep(large, 85);
    assertThat(b.retain()).as("the oldest, beyond the bytes").isFalse();
    assertThat(c.retain()).as("10 + 85 bytes: kept").isTrue();
    c.release();
    assertThat(recent.size()).isEqualTo(2);
    Await.until("expired", () -> recent.size() == 0);
    assertThat(c.retain()).isFalse();
    assertThat(large.retain()).isFalse();

    SharedFile d = unopened();
    recent.keep(d, 10);
    recent.close();
    assertThat(d.retain()).as("let go of at close").isFalse();
    SharedFile e = unopened();
    recent.keep(e, 10);
    assertThat(e.retain()).as("kept after close: let go of at once").isFalse();
  }

  /** A shared file whose channel never opened: letting go of it needs no store. */
  private static SharedFile unopened() {
    return new SharedFile(Future.failedFuture(new IOException("not a file")), null);
  }

  private List<Path> entryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(EntryFile.SUFFIX)).toList();
    }
  }
}
