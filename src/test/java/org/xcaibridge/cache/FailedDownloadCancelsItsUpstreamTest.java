package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download that fails halfway cancels its upstream, so no connection is left open and paused: over real
 * HTTP (a Vert.x server on 127.0.0.1 sending an instance slowly, the upstream an {@code HttpClientResponse}),
 * the server sees its connection closed long before it has sent everything, whether the instance was refused
 * (not Part 10), the disk filled up, or the store closed under the download; a {@link Cancellable} upstream
 * (instance or series) gets {@code cancel} with the failure, and one that completes does not.
 */
class FailedDownloadCancelsItsUpstreamTest {
  @TempDir
  Path dir;
  Vertx vertx;
  InstanceStore store;
  boolean storeClosed;
  HttpServer server;
  HttpClient http;
  final AtomicReference<UnaryOperator<FileChannel>> disk = new AtomicReference<>();
  final Synthetic.Instance a = Synthetic.instance(Synthetic.key(4, 1, 1), 256, 256, 64); // 4 MiB of pixels
  /** A preamble, "DICM", then a meta element claiming 2 GiB: refused as soon as it is read. */
  static final byte[] GARBAGE_HEAD = new byte[144];

  static {
    System.arraycopy("DICM".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, GARBAGE_HEAD, 128, 4);
    byte[] element = {0x02, 0x00, 0x01, 0x00, 'O', 'B', 0, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F};
    System.arraycopy(element, 0, GARBAGE_HEAD, 132, element.length);
  }

  /** Per path: completes when the server saw the connection of that request close. */
  final Map<String, Promise<Void>> closed = new ConcurrentHashMap<>();
  final Map<String, ChunkStream> sent = new ConcurrentHashMap<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    StoreIo io = FaultyFileChannel.switchable(disk);
    // a write queue of 1 MiB, a quarter of instance a: the upstream is paused long before it could end, so a disk
    // that fails after 1 MiB always fails a download still arriving (with the default 4 MiB the whole instance could
    // be queued first, and an upstream that has ended is not cancelled: it failed so once in a run)
    store = Await.result(InstanceStore.open(vertx, new CacheSettings(StoreSettings.of(dir, 64L << 20)
        .withIo(4, 256 << 10, 1 << 20), MetadataSettings.defaults()), io, Ticker.systemTicker()));
    server = Await.result(vertx.createHttpServer().requestHandler(this::serve).listen(0, "127.0.0.1"));
    http = vertx.createHttpClient();
  }

  @AfterEach
  void stop() {
    Await.result(http.close());
    Await.result(server.close());
    if (!storeClosed) {
      Await.result(store.close());
    }
    Await.result(vertx.close());
  }

  /** /instance: the Part 10 bytes of {@code a}; /garbage: 4 MiB no store keeps; both at about 1 MB/s. */
  private void serve(HttpServerRequest req) {
    Promise<Void> p = closed.computeIfAbsent(req.path(), k -> Promise.promise());
    req.connection().closeHandler(v -> p.tryComplete());
    ChunkStream body = req.path().equals("/garbage")
        ? new ChunkStream(vertx, 4L << 20, (pos, dst, off, len) -> {
          for (int i = 0; i < len; i++) {
            long at = pos + i;
            dst[off + i] = at < GARBAGE_HEAD.length ? GARBAGE_HEAD[(int) at] : (byte) at;
          }
        }, 16 << 10, 1024)
        : a.stream(vertx, 16 << 10, 1024);
    sent.put(req.path(), body);
    req.response().setChunked(true);
    body.pipeTo(req.response());
  }

  private Supplier<Future<ReadStream<Buffer>>> get(String path) {
    return () -> http.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
        .compose(HttpClientRequest::send).map(r -> r);
  }

  private void assertServerConnectionClosedEarly(String path) {
    Await.result(closed.get(path).future(), 20);
    assertThat(sent.get(path).emitted.get()).isLessThan(a.length());
  }

  @Test
  void refusedInstanceClosesTheHttpConnection() {
    Throwable t = Await.failure(store.instance(a.key(), get("/garbage")).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Rejected.class);
    assertServerConnectionClosedEarly("/garbage");
  }

  @Test
  void fullDiskClosesTheHttpConnection() {
    disk.set(ch -> FaultyFileChannel.fullAfter(ch, 1 << 20));
    Throwable t = Await.failure(store.instance(a.key(), get("/instance")).compose(Await::bytes));
    assertThat(t).isInstanceOf(CacheException.Full.class);
    assertServerConnectionClosedEarly("/instance");
  }

  @Test
  void storeClosingUnderTheDownloadClosesTheHttpConnection() {
    Future<byte[]> reading = store.instance(a.key(), get("/instance")).compose(Await::bytes);
    Await.until("the download is under way", () -> sent.containsKey("/instance")
        && sent.get("/instance").emitted.get() > 256 << 10);
    storeClosed = true;
    Await.result(store.close());
    assertThat(Await.failure(reading)).isInstanceOf(CacheException.Io.class).hasMessageContaining("closing");
    assertServerConnectionClosedEarly("/instance");
  }

  /** Any read stream, with a record of how it was cancelled. */
  static final class Recording<T> implements ReadStream<T>, Cancellable {
    private final ReadStream<T> inner;
    final AtomicReference<Throwable> cancelled = new AtomicReference<>();

    Recording(ReadStream<T> inner) {
      this.inner = inner;
    }

    @Override
    public void cancel(Throwable cause) {
      cancelled.set(cause);
    }

    @Override
    public Recording<T> exceptionHandler(Handler<Throwable> h) {
      inner.exceptionHandler(h);
      return this;
    }

    @Override
    public Recording<T> handler(Handler<T> h) {
      inner.handler(h);
      return this;
    }

    @Override
    public Recording<T> pause() {
      inner.pause();
      return this;
    }

    @Override
    public Recording<T> resume() {
      inner.resume();
      return this;
    }

    @Override
    public Recording<T> fetch(long amount) {
      inner.fetch(amount);
      return this;
    }

    @Override
    public Recording<T> endHandler(Handler<Void> h) {
      inner.endHandler(h);
      return this;
    }
  }

  @Test
  void cancellableInstanceUpstreamIsCancelledWithTheFailureOnlyWhenItFails() {
    disk.set(ch -> FaultyFileChannel.fullAfter(ch, 1 << 20));
    Recording<Buffer> failing = new Recording<>(a.stream(vertx, 16 << 10, 0));
    Throwable t = Await.failure(store.instance(a.key(), () -> Future.succeededFuture(failing))
        .compose(Await::bytes));
    Await.until("the upstream is cancelled", () -> failing.cancelled.get() != null);
    assertThat(failing.cancelled.get()).isSameAs(t);

    disk.set(null);
    Recording<Buffer> good = new Recording<>(a.stream(vertx, 64 << 10, 0));
    byte[] b = Await.result(store.instance(a.key(), () -> Future.succeededFuture(good)).compose(Await::bytes));
    assertThat(Synthetic.sha256(b)).isEqualTo(a.sha256());
    assertThat(good.cancelled.get()).isNull();
  }

  @Test
  void cancellableSeriesUpstreamIsCancelledWhenTheSeriesFails() {
    Synthetic.Instance ours = Synthetic.instance(Synthetic.key(5, 1, 1), 64, 64, 4);
    Synthetic.Instance stranger = Synthetic.instance(Synthetic.key(5, 2, 1), 64, 64, 4);
    Recording<UpstreamInstance> series = new Recording<>(
        new SeriesUpstream(vertx, List.of(ours, stranger), 4 << 10, 0));
    Promise<Throwable> failed = Promise.promise();
    store.series(ours.key().series(), () -> Future.succeededFuture(series))
        .exceptionHandler(failed::tryComplete)
        .handler(s -> s.handler(b -> { }))
        .endHandler(v -> failed.tryFail("the series completed"));
    Throwable t = Await.result(failed.future());
    assertThat(t).isInstanceOf(CacheException.Rejected.class).hasMessageContaining("of another series");
    Await.until("the series upstream is cancelled", () -> series.cancelled.get() != null);
    assertThat(series.cancelled.get()).isSameAs(t);
  }
}
