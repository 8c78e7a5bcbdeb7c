package org.xcaibridge.soap;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The content of one received attachment, fed by {@link MtomStreamReader}. Data (and the end) wait until a
 * handler is set and there is demand, so a consumer may keep the stream aside and start reading it later (for
 * example with {@code pipeTo}) without losing bytes; while it waits, the body's source is paused. Use it on the
 * source's context.
 */
final class MtomAttachmentStream implements ReadStream<Buffer> {
  private final MtomStreamReader reader;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean closed;

  MtomAttachmentStream(MtomStreamReader reader) {
    this.reader = reader;
  }

  @Override
  public MtomAttachmentStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public MtomAttachmentStream handler(Handler<Buffer> h) {
    handler = h;
    reader.demandChanged(this);
    return this;
  }

  @Override
  public MtomAttachmentStream pause() {
    demand = 0;
    reader.demandChanged(this);
    return this;
  }

  @Override
  public MtomAttachmentStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public MtomAttachmentStream fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("fetch amount must be ≥ 0, was " + amount);
    }
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    reader.demandChanged(this);
    return this;
  }

  @Override
  public MtomAttachmentStream endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  /** True when the consumer can take the next item. */
  boolean ready() {
    return !closed && handler != null && demand > 0;
  }

  void deliver(Buffer chunk) {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(chunk);
  }

  void complete() {
    closed = true;
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  void fail(Throwable cause) {
    closed = true;
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }
}
