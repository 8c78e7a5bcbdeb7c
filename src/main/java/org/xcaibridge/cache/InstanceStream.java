package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The Part 10 bytes of one instance, read from the store: from a complete entry, or from a download in
 * flight, following the file as it grows until the download completes (then it ends) or fails (then it
 * fails with the download's cause). Reads run on the store's workers, one chunk at a time, only while
 * there is demand. The file was opened before this stream was handed out, so an eviction meanwhile does
 * not cut it short. Call {@link #close()} when abandoning the stream before its end.
 */
public final class InstanceStream implements ReadStream<Buffer> {
  /** Where the bytes come from: a fixed length, or a download that grows. */
  interface Source {
    /** Bytes that can be read now. */
    long available();

    /** True when {@link #available()} is final. */
    boolean complete();

    /** Non-null when the bytes will never be complete. */
    Throwable failure();

    /** Runs {@code wake} once, soon after {@link #available()} exceeds {@code seen} or the download ends. */
    void await(long seen, Runnable wake);
  }

  static Source fixed(long length) {
    return new Source() {
      public long available() {
        return length;
      }

      public boolean complete() {
        return true;
      }

      public Throwable failure() {
        return null;
      }

      public void await(long seen, Runnable wake) {
        wake.run();
      }
    };
  }

  private final InstanceKey key;
  private final long knownLength;
  private final StoreCore core;
  private final Context ctx;
  private final Source source;
  private final FileChannel channel;

  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private long position;
  private Buffer pending;
  private boolean reading;
  private boolean waiting;
  private boolean finished;

  InstanceStream(InstanceKey key, long knownLength, StoreCore core, Context ctx, Source source, FileChannel channel) {
    this.key = key;
    this.knownLength = knownLength;
    this.core = core;
    this.ctx = ctx;
    this.source = source;
    this.channel = channel;
  }

  public InstanceKey key() {
    return key;
  }

  /** Length of the Part 10 bytes when known in advance (a complete entry), else -1. */
  public long length() {
    return knownLength;
  }

  /** Stops reading and releases the file; no handler is called afterwards. */
  public void close() {
    ctx.runOnContext(v -> {
      if (!finished) {
        finish();
      }
    });
  }

  @Override
  public InstanceStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public InstanceStream handler(Handler<Buffer> h) {
    handler = h;
    later();
    return this;
  }

  @Override
  public InstanceStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public InstanceStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public InstanceStream fetch(long amount) {
    if (amount > 0) {
      demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      later();
    }
    return this;
  }

  @Override
  public InstanceStream endHandler(Handler<Void> h) {
    endHandler = h;
    later();
    return this;
  }

  private void later() {
    ctx.runOnContext(v -> drive());
  }

  private void drive() {
    if (finished || handler == null) {
      return;
    }
    if (pending != null) {
      if (demand == 0) {
        return;
      }
      Buffer b = pending;
      pending = null;
      emit(b);
      if (finished) {
        return;
      }
    }
    if (reading || waiting || demand == 0) {
      return;
    }
    Throwable failed = source.failure();
    if (failed != null) {
      fail(failed);
      return;
    }
    long available = source.available();
    if (position < available) {
      read(position, (int) Math.min(core.settings.readChunkBytes(), available - position));
    } else if (source.complete()) {
      finish();
      Handler<Void> h = endHandler;
      if (h != null) {
        h.handle(null);
      }
    } else {
      waiting = true;
      source.await(position, () -> ctx.runOnContext(v -> {
        waiting = false;
        drive();
      }));
    }
  }

  private void read(long at, int length) {
    reading = true;
    core.blocking(() -> {
      ByteBuffer b = ByteBuffer.allocate(length);
      while (b.hasRemaining()) {
        if (channel.read(b, at + b.position()) < 0) {
          throw new IOException("entry file of " + key + " ends at " + (at + b.position()) + ", expected "
              + (at + length) + " bytes");
        }
      }
      return Buffer.buffer(b.array());
    }).onComplete(ar -> {
      reading = false;
      if (finished) {
        return;
      }
      if (ar.failed()) {
        fail(CacheException.of("reading the cached instance " + key, ar.cause()));
        return;
      }
      position += length;
      core.counters.bytesRead.add(length);
      if (demand == 0) {
        pending = ar.result();
      } else {
        emit(ar.result());
      }
      drive();
    });
  }

  private void emit(Buffer b) {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(b);
  }

  private void fail(Throwable t) {
    finish();
    Handler<Throwable> h = exceptionHandler;
    if (h != null) {
      h.handle(t);
    }
  }

  private void finish() {
    finished = true;
    pending = null;
    core.blocking(() -> {
      channel.close();
      return null;
    });
  }
}
