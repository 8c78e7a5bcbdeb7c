package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A write stream like a slow HTTP response: each write completes a millisecond later, the queue is full
 * above {@code maxQueued} bytes, and it keeps the Netty buffers it was given so a test can check that
 * every one was released after its write completed. Writes fail once {@link #breakAfter} bytes were taken.
 */
final class SlowWriteStream implements WriteStream<Buffer> {
  private final Vertx vertx;
  private final long maxQueued;
  private final MessageDigest digest = Synthetic.sha();
  final List<ByteBuf> buffers = new CopyOnWriteArrayList<>();
  /** Those of {@link #buffers} that were direct when written (a released buffer can no longer tell). */
  final List<ByteBuf> direct = new CopyOnWriteArrayList<>();
  private long queued;
  private long taken;
  private long breakAfter = Long.MAX_VALUE;
  private volatile int pending;
  private Handler<Void> drain;
  volatile boolean sawQueueFull;
  volatile boolean allDirect = true;

  SlowWriteStream(Vertx vertx, long maxQueued) {
    this.vertx = vertx;
    this.maxQueued = maxQueued;
  }

  SlowWriteStream breakAfter(long bytes) {
    breakAfter = bytes;
    return this;
  }

  @Override
  public Future<Void> write(Buffer b) {
    ByteBuf bb = ((BufferInternal) b).getByteBuf();
    allDirect &= bb.isDirect();
    buffers.add(bb);
    if (bb.isDirect()) {
      direct.add(bb);
    }
    digest.update(b.getBytes());
    int n = b.length();
    queued += n;
    taken += n;
    pending++;
    boolean broken = taken > breakAfter;
    Promise<Void> p = Promise.promise();
    vertx.setTimer(1, t -> {
      queued -= n;
      pending--;
      if (broken) {
        p.fail(new IOException("connection reset by peer"));
      } else {
        p.complete();
      }
      if (queued <= maxQueued / 2 && drain != null) {
        Handler<Void> h = drain;
        drain = null;
        h.handle(null);
      }
    });
    return p.future();
  }

  @Override
  public boolean writeQueueFull() {
    boolean full = queued >= maxQueued;
    sawQueueFull |= full;
    return full;
  }

  @Override
  public SlowWriteStream drainHandler(Handler<Void> h) {
    drain = h;
    return this;
  }

  /** Bytes taken so far (call once all writes completed). */
  String sha256() {
    return HexFormat.of().formatHex(digest.digest());
  }

  int pending() {
    return pending;
  }

  @Override
  public SlowWriteStream exceptionHandler(Handler<Throwable> h) {
    return this;
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public SlowWriteStream setWriteQueueMaxSize(int maxSize) {
    return this;
  }
}
