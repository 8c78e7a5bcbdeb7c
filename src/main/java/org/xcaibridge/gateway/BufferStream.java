package org.xcaibridge.gateway;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An inline (base64) document of a RAD-75 answer as a stream, so it reaches the consumer the way an MTOM
 * attachment does: in slices, with back-pressure, each emitted from the context, never from inside a setter.
 */
final class BufferStream implements ReadStream<Buffer> {
  private static final int SLICE = 64 * 1024;

  private final Context context;
  private final Buffer content;
  private int position;
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private boolean scheduled;
  private boolean ended;

  BufferStream(Context context, Buffer content) {
    this.context = context;
    this.content = content;
  }

  @Override
  public BufferStream exceptionHandler(Handler<Throwable> h) {
    return this; // bytes in memory cannot fail
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
    schedule();
    return this;
  }

  private void schedule() {
    if (!scheduled && !ended && handler != null && demand > 0) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  private void emit() {
    while (!ended && handler != null && demand > 0) {
      if (position == content.length()) {
        ended = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      int to = Math.min(content.length(), position + SLICE);
      Buffer slice = content.slice(position, to);
      position = to;
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(slice);
    }
  }
}
