package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * An upstream stub for a series retrieval: the instances one after the other, each a paced
 * {@link ChunkStream}; the next is announced only after the previous body has ended, as an MTOM reader
 * would. {@link #finished()} says whether the last byte has been sent.
 */
final class SeriesUpstream implements ReadStream<UpstreamInstance> {
  private final Vertx vertx;
  private final Context ctx;
  private final List<Synthetic.Instance> instances;
  private final int chunkBytes;
  private final long bytesPerMillisecond;
  private Handler<UpstreamInstance> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private int next;
  private ChunkStream current;
  private boolean ended;
  volatile long bytesSent;
  private volatile boolean finished;

  SeriesUpstream(Vertx vertx, List<Synthetic.Instance> instances, int chunkBytes, long bytesPerMillisecond) {
    this.vertx = vertx;
    this.ctx = vertx.getOrCreateContext();
    this.instances = instances;
    this.chunkBytes = chunkBytes;
    this.bytesPerMillisecond = bytesPerMillisecond;
  }

  boolean finished() {
    return finished;
  }

  @Override
  public SeriesUpstream exceptionHandler(Handler<Throwable> h) {
    return this;
  }

  @Override
  public SeriesUpstream handler(Handler<UpstreamInstance> h) {
    handler = h;
    later();
    return this;
  }

  @Override
  public SeriesUpstream pause() {
    demand = 0;
    return this;
  }

  @Override
  public SeriesUpstream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public SeriesUpstream fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    later();
    return this;
  }

  @Override
  public SeriesUpstream endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  private void later() {
    ctx.runOnContext(v -> drive());
  }

  private void drive() {
    if (ended || handler == null || demand == 0 || (current != null && !current.finished())) {
      return;
    }
    if (next == instances.size()) {
      ended = true;
      finished = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
      return;
    }
    Synthetic.Instance i = instances.get(next++);
    long before = bytesSent;
    current = new ChunkStream(vertx, i.length(), (p, dst, off, len) -> {
      i.fill(p, dst, off, len);
      bytesSent = before + p + len;
    }, chunkBytes, bytesPerMillisecond);
    current.ended().onComplete(ar -> later());
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(new UpstreamInstance(i.key(), current));
  }
}
