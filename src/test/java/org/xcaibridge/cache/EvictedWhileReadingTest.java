package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader streaming an entry while it is evicted (and its file deleted) finishes its read with the
 * right bytes; from the eviction on, the store no longer hands the entry out.
 */
class EvictedWhileReadingTest {
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
  void readerOfAnEvictedEntryFinishes() throws IOException {
    InstanceStore store = Await.result(InstanceStore.open(vertx,
        new CacheSettings(StoreSettings.of(dir, 5L << 20).withMaxInstanceBytes(4L << 20).withIo(2, 64 << 10, 1 << 20),
            MetadataSettings.defaults())));
    Synthetic.Instance a = Synthetic.instance(Synthetic.key(6, 1, 1), 256, 256, 48); // 3 MiB
    Synthetic.Instance b = Synthetic.instance(Synthetic.key(6, 1, 2), 256, 256, 48);
    Await.result(store.instance(a.key(), () -> Future.succeededFuture(a.stream(vertx, 64 << 10, 0))).compose(Await::sha256));
    Path fileOfA = onlyEntryFile();

    // start reading a, take one chunk, and stop
    InstanceStream reader = Await.result(store.get(a.key())).orElseThrow();
    MessageDigest d = Synthetic.sha();
    AtomicLong read = new AtomicLong();
    Promise<String> done = Promise.promise();
    reader.exceptionHandler(done::tryFail);
    reader.endHandler(v -> done.tryComplete(HexFormat.of().formatHex(d.digest())));
    reader.handler(chunk -> {
      d.update(chunk.getBytes());
      if (read.getAndAdd(chunk.length()) == 0) {
        reader.pause();
      }
    });
    Await.until("the first chunk was read", () -> read.get() > 0);

    // b does not fit beside a: a, the least recently used, is evicted and its file deleted
    Await.result(store.instance(b.key(), () -> Future.succeededFuture(b.stream(vertx, 64 << 10, 0))).compose(Await::sha256));
    assertThat(store.stats().evictions()).isEqualTo(1);
    assertThat(Files.exists(fileOfA)).isFalse();
    assertThat(store.summary(a.key())).isEmpty();
    assertThat(Await.result(store.get(a.key()))).isEmpty();
    assertThat(Await.result(store.frame(a.key(), 1))).isEmpty();
    assertThat(read.get()).isLessThan(a.length());

    reader.resume();
    assertThat(Await.result(done.future())).isEqualTo(a.sha256());
    assertThat(read.get()).isEqualTo(a.length());
    Await.result(store.close());
  }

  private Path onlyEntryFile() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("entries"))) {
      return s.filter(Files::isRegularFile).reduce((x, y) -> {
        throw new AssertionError("more than one entry file");
      }).orElseThrow();
    }
  }
}
