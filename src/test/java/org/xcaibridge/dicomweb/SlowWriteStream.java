package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A WriteStream that takes {@code drainPerTick} bytes off its queue every millisecond, like a slow viewer,
 * and says it is full above {@code maxQueue}. Keeps everything written and the largest queue it ever held.
 */
final class SlowWriteStream implements WriteStream<Buffer> {
  final Buffer written = Buffer.buffer();
  private final int maxQueue;
  private long queued;
  long maxQueued;
  boolean ended;
  private Handler<Void> drain;

  SlowWriteStream(Vertx vertx, int maxQueue, int drainPerTick) {
    this.maxQueue = maxQueue;
    vertx.setPeriodic(1, id -> {
      queued = Math.max(0, queued - drainPerTick);
      if (queued < maxQueue / 2 && drain != null) {
        Handler<Void> d = drain;
        drain = null;
        d.handle(null);
      }
    });
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Buffer data) {
    written.appendBuffer(data);
    queued += data.length();
    maxQueued = Math.max(maxQueued, queued);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    ended = true;
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return queued >= maxQueue;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    drain = handler;
    return this;
  }
}
