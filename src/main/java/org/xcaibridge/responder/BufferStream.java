package org.xcaibridge.responder;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A small document already in memory (an imaging manifest) as a stream of chunks of {@value #CHUNK} bytes, so it
 * goes out as an MTOM attachment through the same path as instances. Chunks are handed on from the context's
 * task queue, never from inside {@link #handler} or {@link #resume}, while there is demand.
 */
final class BufferStream implements ReadStream<Buffer>, SoapExchange.Releasable {
  static final int CHUNK = 64 * 1024;

  private final Context context;
  private final Buffer bytes;
  private int position;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean scheduled;
  private boolean ended;

  BufferStream(Context context, Buffer bytes) {
    this.context = context;
    this.bytes = bytes;
  }

  @Override
  public BufferStream exceptionHandler(Handler<Throwable> h) {
    return this; // reading memory does not fail
  }

  @Override
  public BufferStream handler(Handler<Buffer> h) {
    handler = h;
    schedule();
    return this;
  }

  @Override
  public BufferStream pause() {
    demand = 0;
    return this;
  }

  @Override
  public BufferStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BufferStream fetch(long amount) {
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    schedule();
    return this;
  }

  @Override
  public BufferStream endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  @Override
  public void release() {
    ended = true;
  }

  private void schedule() {
    if (!scheduled && !ended && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> emit());
    }
  }

  private void emit() {
    scheduled = false;
    while (!ended && handler != null && demand > 0) {
      if (position == bytes.length()) {
        ended = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      int end = Math.min(bytes.length(), position + CHUNK);
      Buffer chunk = bytes.slice(position, end);
      position = end;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(chunk);
    }
  }
}
