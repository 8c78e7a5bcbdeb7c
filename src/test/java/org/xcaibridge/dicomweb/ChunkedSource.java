package org.xcaibridge.dicomweb;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A ReadStream over bytes in memory that delivers them in chunks on its context, one chunk per event-loop
 * turn, honouring pause and fetch; it can break after a given number of bytes, as a dropped upstream does.
 * Records the most bytes it ever had delivered but not yet asked for, to show back-pressure holds.
 */
final class ChunkedSource implements ReadStream<Buffer> {
  private final Context context;
  private final byte[] bytes;
  private final int chunk;
  private final long failAt;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private int position;
  private boolean scheduled;
  private boolean done;
  volatile int pauses;
  volatile boolean cancelled;

  ChunkedSource(Context context, byte[] bytes, int chunk, long failAt) {
    this.context = context;
    this.bytes = bytes;
    this.chunk = chunk;
    this.failAt = failAt;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> h) {
    handler = h;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    demand = 0;
    pauses++;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void schedule() {
    if (!scheduled && !done && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> step());
    }
  }

  private void step() {
    scheduled = false;
    if (done || handler == null || demand == 0) {
      return;
    }
    if (failAt >= 0 && position >= failAt) {
      done = true;
      if (exceptionHandler != null) {
        exceptionHandler.handle(new java.io.IOException("the upstream dropped the connection after " + position + " bytes"));
      }
      return;
    }
    if (position >= bytes.length) {
      done = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    int end = (int) Math.min(bytes.length, Math.min(position + (long) chunk, failAt >= 0 ? failAt : Long.MAX_VALUE));
    Buffer b = Buffer.buffer().appendBytes(bytes, position, Math.max(end - position, 0));
    position = end;
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(b);
    schedule();
  }
}
