package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An upstream stub: {@code length} bytes from a {@link Synthetic.Filler}, in chunks, honouring pause,
 * resume and fetch, optionally paced (bytes per millisecond, on a 1 ms timer) and optionally failing or
 * ending early after a given number of bytes, optionally in direct memory, optionally stalling at a given byte until
 * let go. Nothing is buffered beyond one chunk.
 */
final class ChunkStream implements ReadStream<Buffer> {
  private final Vertx vertx;
  private final Context ctx;
  private final long length;
  private final Synthetic.Filler filler;
  private final int chunkBytes;
  private final long bytesPerMillisecond;
  private final Promise<Void> ended = Promise.promise();
  final AtomicLong emitted = new AtomicLong();
  private long stopAt = Long.MAX_VALUE;
  private volatile long holdAt = Long.MAX_VALUE; // nothing from here on until letGo()
  private io.netty.buffer.ByteBufAllocator direct; // where chunks live: null for heap arrays
  private Throwable failure;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean done;
  private volatile boolean finished;

  ChunkStream(Vertx vertx, long length, Synthetic.Filler filler, int chunkBytes, long bytesPerMillisecond) {
    this.vertx = vertx;
    this.ctx = vertx.getOrCreateContext();
    this.length = length;
    this.filler = filler;
    this.chunkBytes = chunkBytes;
    this.bytesPerMillisecond = bytesPerMillisecond;
  }

  /** After {@code bytes}, fail with {@code t} (or end cleanly, truncating, when {@code t} is null). */
  ChunkStream stopAfter(long bytes, Throwable t) {
    stopAt = bytes;
    failure = t;
    return this;
  }

  /** Sends nothing from byte {@code bytes} on (an upstream that stalls there) until {@link #letGo}. */
  ChunkStream holdAt(long bytes) {
    holdAt = bytes;
    return this;
  }

  /** Ends the hold: the rest follows. */
  void letGo() {
    ctx.runOnContext(v -> {
      holdAt = Long.MAX_VALUE;
      schedule(false);
    });
  }

  /** Each chunk in direct memory of {@code alloc}, one reference the receiver owns (as the gateway's RAD-75 reads). */
  ChunkStream direct(io.netty.buffer.ByteBufAllocator alloc) {
    direct = alloc;
    return this;
  }

  /** True once the last byte was sent (or the stream failed). */
  boolean finished() {
    return finished;
  }

  Future<Void> ended() {
    return ended.future();
  }

  @Override
  public ChunkStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ChunkStream handler(Handler<Buffer> h) {
    handler = h;
    schedule(false);
    return this;
  }

  @Override
  public ChunkStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public ChunkStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ChunkStream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    schedule(false);
    return this;
  }

  @Override
  public ChunkStream endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void schedule(boolean paced) {
    if (scheduled || done) {
      return;
    }
    scheduled = true;
    if (paced && bytesPerMillisecond > 0) {
      vertx.setTimer(1, id -> tick());
    } else {
      ctx.runOnContext(v -> tick());
    }
  }

  private void tick() {
    scheduled = false;
    long budget = bytesPerMillisecond > 0 ? bytesPerMillisecond : 8L * chunkBytes;
    long position = emitted.get();
    while (!done && handler != null && demand > 0 && budget > 0) {
      long end = Math.min(length, stopAt);
      if (position >= end) {
        done = true;
        finished = true;
        if (position < length && failure != null) {
          ended.tryFail(failure);
          if (exceptionHandler != null) {
            exceptionHandler.handle(failure);
          }
        } else {
          ended.tryComplete();
          if (endHandler != null) {
            endHandler.handle(null);
          }
        }
        return;
      }
      if (position >= holdAt) {
        return; // letGo() schedules the rest
      }
      int n = (int) Math.min(chunkBytes, Math.min(end, holdAt) - position);
      byte[] b = new byte[n];
      filler.fill(position, b, 0, n);
      position += n;
      emitted.set(position);
      budget -= n;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(direct == null ? Buffer.buffer(b)
          : io.vertx.core.internal.buffer.BufferInternal.buffer(direct.directBuffer(n).writeBytes(b)));
    }
    if (!done && handler != null && demand > 0) {
      schedule(true);
    }
  }
}
