package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader that falls behind a download reads the download's file through the writer's own channel rather than
 * opening the file again on a worker (one worker hop per instance fewer, and one more to close it), and every channel
 * is closed once its last holder lets go, even when the store makes no other worker hop to close it in. Open files
 * are counted from /proc/self/fd (Linux, as CI): the old reader opened a second descriptor here.
 */
class FollowersShareTheDownloadsFileTest {
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
  void aReaderBehindTheDownloadSharesTheWritersChannelAndNothingStaysOpen() throws Exception {
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30)));
    Synthetic.Instance instance = Synthetic.instance(Synthetic.key(7, 1, 3), 512, 512, 8); // about 4 MiB
    // about 4 s on the way: the file has its first batch after about 1 s, long before the download ends
    SeriesUpstream upstream = new SeriesUpstream(vertx, List.of(instance), 64 << 10, 1_000);
    Promise<InstanceStream> first = Promise.promise();
    ReadStream<InstanceStream> view = store.series(instance.key().series(), () -> Future.succeededFuture(upstream));
    view.exceptionHandler(first::tryFail);
    view.handler(first::tryComplete);
    InstanceStream s = Await.result(first.future());
    MessageDigest digest = Synthetic.sha();
    AtomicLong received = new AtomicLong();
    Promise<Void> ended = Promise.promise();
    s.pause();
    s.exceptionHandler(ended::tryFail);
    s.endHandler(v -> ended.tryComplete());
    s.handler(b -> {
      digest.update(b.getBytes());
      received.addAndGet(b.length());
    });

    Await.until("a first batch on disk while the download runs", () -> store.stats().bytesWritten() >= 1 << 20);
    s.resume(); // behind the file: reads it
    Await.until("the reader has read from the file", () -> received.get() >= 1 << 20);
    assertThat(upstream.finished()).as("the download still runs").isFalse();
    assertThat(OpenEntryFiles.under(dir)).as("one descriptor: the writer's, read by the reader too").hasSize(1);

    Await.result(ended.future());
    assertThat(received.get()).isEqualTo(instance.length());
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(Synthetic.sha256(instance));
    Await.until("stored", () -> store.stats().committed() == 1);
    Await.until("every channel closed, with no other worker hop to close it in",
        () -> OpenEntryFiles.under(dir).isEmpty());

    // a stored entry's reader lets go of its file the same way
    InstanceStream stored = Await.result(store.get(instance.key())).orElseThrow();
    assertThat(OpenEntryFiles.under(dir)).hasSize(1);
    stored.close();
    Await.until("the stored entry's channel closed", () -> OpenEntryFiles.under(dir).isEmpty());
    Await.result(store.close());
  }

  @Test
  void aFileLetGoOfByAllIsNeverHeldAgain() {
    SharedFile never = new SharedFile(Future.failedFuture(new IOException("never made")), null);
    assertThat(never.retain()).isTrue();
    never.release();
    never.release();
    assertThat(never.retain()).as("let go of by every holder").isFalse();
    assertThatThrownBy(never::release).isInstanceOf(IllegalStateException.class);
  }
}
