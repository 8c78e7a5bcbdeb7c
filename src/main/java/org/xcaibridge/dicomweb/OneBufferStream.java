package org.xcaibridge.dicomweb;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A read stream of bytes already in memory (one frame), handed out as one buffer when there is demand, then
 * ended; events are delivered on {@code context}, never from inside {@code handler(…)}.
 */
final class OneBufferStream implements ReadStream<Buffer> {
  private final Context context;
  private Buffer bytes;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private boolean paused;
  private boolean scheduled;
  private boolean ended;

  OneBufferStream(Context context, Buffer bytes) {
    this.context = context;
    this.bytes = bytes;
  }

  private void schedule() {
    if (!scheduled && !ended && !paused && handler != null) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        deliver();
      });
    }
  }

  private void deliver() {
    if (ended || paused || handler == null) {
      return;
    }
    Buffer b = bytes;
    bytes = null;
    if (b != null && b.length() > 0) {
      handler.handle(b);
    }
    if (paused) {
      return; // the end follows on resume
    }
    ended = true;
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
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
    paused = true;
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    paused = false;
    schedule();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    return amount > 0 ? resume() : this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }
}
