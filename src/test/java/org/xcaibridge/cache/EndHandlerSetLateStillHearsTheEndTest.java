package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of a cached entry that sets its handlers from a thread of its own — as a caller does whose callback
 * runs where it registered it because the open had already completed — may set its end handler only after the
 * stream has read its last byte. It hears of the end all the same; likewise of a failure. The pause between the
 * data handler and the end handler stands for that thread being descheduled under load; without it the race is
 * the one that left CutMidSeriesFailsTheStreamTest waiting 60 s for a cached instance in the full suite.
 */
class EndHandlerSetLateStillHearsTheEndTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
  }

  @AfterEach
  void stop() {
    Await.result(store.close());
    Await.result(vertx.close());
  }

  @Test
  void theEndReachesAHandlerSetAfterTheLastByte() throws Exception {
    Synthetic.Instance i = cached(1);
    InstanceStream s = Await.result(store.get(i.key())).orElseThrow(); // opened from this (non Vert.x) thread
    MessageDigest d = Synthetic.sha();
    AtomicLong size = new AtomicLong();
    s.handler(b -> {
      d.update(b.getBytes());
      size.addAndGet(b.length());
    });
    Await.until("the stream read its last byte", () -> size.get() == i.length());
    Thread.sleep(50); // and finished meanwhile
    Promise<String> end = Promise.promise();
    s.exceptionHandler(end::tryFail);
    s.endHandler(v -> end.tryComplete(HexFormat.of().formatHex(d.digest())));
    assertThat(Await.result(end.future(), 10)).isEqualTo(i.sha256());
  }

  @Test
  void aFailureReachesAHandlerSetAfterIt() throws Exception {
    Synthetic.Instance i = cached(2);
    InstanceStream s = Await.result(store.get(i.key())).orElseThrow();
    Promise<Void> ended = Promise.promise();
    Await.result(store.close()); // shuts every open reader: this one fails before it has any handler
    Promise<Throwable> failed = Promise.promise();
    s.endHandler(ended::tryComplete);
    s.handler(b -> { });
    s.exceptionHandler(failed::tryComplete);
    assertThat(Await.result(failed.future(), 10)).hasMessageContaining("closing");
    assertThat(ended.future().isComplete()).isFalse();
    store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
  }

  private Synthetic.Instance cached(int n) {
    Synthetic.Instance i = Synthetic.instance(Synthetic.key(30, 1, n), 64, 64, 4);
    Future<String> read = store.instance(i.key(), () -> Future.succeededFuture(i.stream(vertx, 4096, 0)))
        .compose(Await::sha256);
    assertThat(Await.result(read)).isEqualTo(i.sha256());
    Await.until("the instance is stored", () -> store.summary(i.key()).isPresent());
    return i;
  }
}
