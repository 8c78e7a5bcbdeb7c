package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miss downloads once and stores the instance byte for byte; later requests, and a restart, serve it from disk. */
class StoreKeepsWhatStreamsThroughTest {
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
  void missThenHitThenRestart() throws IOException {
    CacheSettings settings = CacheSettings.of(dir, 64L << 20);
    InstanceStore store = Await.result(InstanceStore.open(vertx, settings));
    Synthetic.Instance a = Synthetic.instance(Synthetic.key(1, 1, 1), 64, 32, 6);
    byte[] expected = a.bytes();
    AtomicInteger asked = new AtomicInteger();
    Supplier<Future<ReadStream<Buffer>>> upstream = () -> {
      asked.incrementAndGet();
      return Future.succeededFuture(a.stream(vertx, 1000, 0));
    };

    InstanceStream first = Await.result(store.instance(a.key(), upstream));
    assertThat(first.length()).isEqualTo(-1); // a download: its length is not known in advance
    assertThat(Await.result(Await.bytes(first))).isEqualTo(expected);
    InstanceStream second = Await.result(store.instance(a.key(), upstream));
    assertThat(second.length()).isEqualTo(expected.length);
    assertThat(Await.result(Await.bytes(second))).isEqualTo(expected);
    assertThat(asked).hasValue(1);

    CacheStats s = store.stats();
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.hits()).isEqualTo(1);
    assertThat(s.upstreamRetrievals()).isEqualTo(1);
    assertThat(s.committed()).isEqualTo(1);
    assertThat(s.bytesWritten()).isEqualTo(expected.length);
    assertThat(s.bytesRead()).isEqualTo(2L * expected.length);
    assertThat(s.inFlightDownloads()).isZero();
    assertThat(s.storeEntries()).isEqualTo(1);

    InstanceSummary summary = store.summary(a.key()).orElseThrow();
    assertThat(summary.numberOfFrames()).isEqualTo(6);
    assertThat(summary.rows()).isEqualTo(64);
    assertThat(summary.columns()).isEqualTo(32);
    assertThat(summary.part10Length()).isEqualTo(expected.length);
    assertThat(summary.pixelDataValueOffset()).isEqualTo(a.pixelOffset());
    assertThat(summary.hasFrameTable()).isTrue();
    assertThat(summary.sopClassUid()).isEqualTo(Synthetic.SECONDARY_CAPTURE_MULTIFRAME);
    for (int n = 1; n <= 6; n++) {
      byte[] frame = Await.result(store.frame(a.key(), n)).orElseThrow();
      assertThat(Synthetic.sha256(frame)).as("frame %d", n).isEqualTo(Synthetic.sha256(a.frame(n)));
    }

    // the entry file starts with the Part 10 bytes exactly as received
    List<Path> files = entryFiles();
    assertThat(files).hasSize(1);
    byte[] onDisk = Files.readAllBytes(files.get(0));
    assertThat(Arrays.copyOf(onDisk, expected.length)).isEqualTo(expected);
    assertThat(Files.list(dir.resolve("tmp")).count()).isZero();

    InstanceKey unknown = Synthetic.key(1, 1, 2);
    assertThat(Await.result(store.get(unknown))).isEmpty();
    assertThat(Await.result(store.frame(unknown, 1))).isEmpty();
    Await.result(store.close());

    InstanceStore again = Await.result(InstanceStore.open(vertx, settings));
    assertThat(again.recovery()).isEqualTo(new InstanceStore.Recovery(1, onDisk.length, 0, 0, 0));
    assertThat(Await.result(Await.bytes(Await.result(again.get(a.key())).orElseThrow()))).isEqualTo(expected);
    assertThat(Synthetic.sha256(Await.result(again.frame(a.key(), 5)).orElseThrow())).isEqualTo(Synthetic.sha256(a.frame(5)));
    assertThat(again.stats().upstreamRetrievals()).isZero();
    Await.result(again.close());
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() {
    CacheSettings settings = CacheSettings.of(dir, 8L << 20);
    InstanceStore store = Await.result(InstanceStore.open(vertx, settings));
    Throwable t = Await.failure(InstanceStore.open(vertx, settings));
    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
    Await.result(store.close());
    Await.result(Await.result(InstanceStore.open(vertx, settings)).close());
  }

  private List<Path> entryFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("entries"))) {
      return s.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }
}
