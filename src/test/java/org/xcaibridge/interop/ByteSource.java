package org.xcaibridge.interop;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A document's bytes as a Vert.x stream, one chunk per turn of its context while there is demand, the way a
 * file or socket source behaves under back-pressure. Optionally fails after {@code failAfter} bytes.
 */
final class ByteSource implements ReadStream<Buffer> {
  private final Context context;
  private final byte[] bytes;
  private final int chunk;
  private final long failAfter;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private int position;
  private boolean scheduled;
  private boolean done;

  ByteSource(Context context, byte[] bytes, int chunk) {
    this(context, bytes, chunk, -1);
  }

  ByteSource(Context context, byte[] bytes, int chunk, long failAfter) {
    this.context = context;
    this.bytes = bytes;
    this.chunk = chunk;
    this.failAfter = failAfter;
  }

  @Override
  public ByteSource exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ByteSource handler(Handler<Buffer> h) {
    handler = h;
    schedule();
    return this;
  }

  @Override
  public ByteSource pause() {
    demand = 0;
    return this;
  }

  @Override
  public ByteSource resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ByteSource fetch(long amount) {
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public ByteSource endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void schedule() {
    if (!scheduled && !done && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> emit());
    }
  }

  private void emit() {
    scheduled = false;
    if (done || handler == null || demand == 0) {
      return;
    }
    if (failAfter >= 0 && position >= failAfter) {
      done = true;
      if (exceptionHandler != null) {
        exceptionHandler.handle(new IllegalStateException("source failed after " + position + " bytes"));
      }
      return;
    }
    if (position == bytes.length) {
      done = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    int end = (int) Math.min(bytes.length, (long) position + chunk);
    if (failAfter >= 0) {
      end = (int) Math.min(end, Math.max(failAfter, position + 1L));
    }
    Buffer b = Buffer.buffer(java.util.Arrays.copyOfRange(bytes, position, end));
    position = end;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(b);
    schedule();
  }
}
