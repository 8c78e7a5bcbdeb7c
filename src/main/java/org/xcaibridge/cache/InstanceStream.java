package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The Part 10 bytes of one instance, read from the store: from a complete entry, or from a download in
 * flight, following the file as it grows until the download completes (then it ends) or fails (then it
 * fails with the download's cause). Reads run on the store's workers, one chunk at a time, while there
 * is demand, plus one chunk read ahead while paused; a reader of a download that has caught up with its
 * file takes the bytes still waiting for the disk from memory, as they arrive (read as a ReadStream; the
 * {@code sendTo} ways follow the file). The file was opened before this stream was handed
 * out, so an eviction meanwhile does not cut it short. Call {@link #close()} when abandoning the stream
 * before its end.
 *
 * <p>Two ways to consume it: as a {@link ReadStream} (heap buffers the consumer may keep), or with
 * {@link #sendTo(WriteStream)}, the way into an HTTP response, which reads into pooled direct buffers and
 * releases each once the response has written it.
 */
public final class InstanceStream implements ReadStream<Buffer> {
  final InstanceKey key;
  private final long knownLength;
  final StoreCore core;
  final Context ctx;
  final InstanceSource source;
  /** The file this stream holds (see {@link SharedFile}), let go of when the stream finishes. */
  private final SharedFile file;

  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  long position; // the next byte to read or send
  private Buffer pending;
  private boolean reading;
  private boolean waiting;
  boolean finished;
  // how it finished, kept so that an end or exception handler set afterwards (from any thread) still hears of it
  private boolean ended;
  private Throwable failed;
  private boolean told;
  private InstanceSender sender; // set while the stream is being sent (sendTo)

  /**
   * A stream of {@code file}, held for it already: a stored entry's file, opened on a worker, or a download's own
   * channel (perhaps still being created), which a reader that keeps up with the download never needs.
   */
  InstanceStream(InstanceKey key, long knownLength, StoreCore core, Context ctx, InstanceSource source,
      SharedFile file) {
    this.key = key;
    this.knownLength = knownLength;
    this.core = core;
    this.ctx = ctx;
    this.source = source;
    this.file = file;
    core.readers.add(this);
  }

  /** The file's channel, open or being created. */
  Future<FileChannel> channel() {
    return file.channel();
  }

  public InstanceKey key() {
    return key;
  }

  /** Length of the Part 10 bytes when known in advance (a complete entry), else -1. */
  public long length() {
    return knownLength;
  }

  /** Stops reading and releases the file; no handler is called afterwards, a {@link #sendTo} fails. */
  public void close() {
    ctx.runOnContext(v -> {
      if (!finished) {
        finish();
        if (sender != null) {
          sender.failed(new IllegalStateException("the stream of " + key + " was closed before its end"));
        }
      }
    });
  }

  /**
   * Writes the rest of the instance to {@code out} without ending it (the next multipart part may follow),
   * pausing while {@code out.writeQueueFull()}. The future completes once the last byte was handed to
   * {@code out}, or fails with the download's or the disk's failure, or with a failed write. Bytes go from
   * the file into pooled direct buffers, each released when {@code out} has written it: no copy on the heap
   * and no garbage per chunk. Not to be combined with {@link #handler}.
   */
  public Future<Void> sendTo(WriteStream<Buffer> out) {
    return startSending(s -> s.into(out)).mapEmpty();
  }

  /**
   * Like {@link #sendTo(WriteStream)} into {@code request.response()}, but zero-copy where the connection
   * allows it: on HTTP/1.x without TLS, compression or traffic shaping the kernel moves the bytes from the file
   * to the socket (sendfile(2)), through no buffer of ours; elsewhere Vert.x reads the file in chunks, and on
   * HTTP/2 this is {@code sendTo(request.response())}. The response head is written first if it was not yet
   * (so Content-Length or chunked must be set, as for any write). The future completes once the last byte was
   * written to the connection, with the number of bytes that went as file regions: those the response's
   * {@code bytesWritten()} does not count. This is how a cached instance should go into an HTTP/1.x response.
   */
  public Future<Long> sendTo(HttpServerRequest request) {
    return sendTo(request, null);
  }

  /**
   * As {@link #sendTo(HttpServerRequest)}, with {@code head} (a multipart part's head, say; may be null) written just
   * before the instance's bytes. On HTTP/1.x it leaves in the same send as the first of them, not in one of its own (a
   * send to the viewer per instance fewer; each wakes the viewer too), and is counted in the result.
   */
  public Future<Long> sendTo(HttpServerRequest request, Buffer head) {
    if (!InstanceSender.zeroCopy(request)) {
      if (head != null) {
        request.response().write(head);
      }
      return sendTo(request.response()).map(0L);
    }
    return startSending(s -> s.regionsInto(request, head));
  }

  private Future<Long> startSending(java.util.function.Consumer<InstanceSender> how) {
    Promise<Long> p = Promise.promise();
    ctx.runOnContext(v -> {
      if (handler != null || sender != null || finished) {
        p.fail(new IllegalStateException("the stream of " + key + " is already being read"));
        return;
      }
      sender = new InstanceSender(this, p);
      how.accept(sender);
    });
    return p.future();
  }

  /**
   * Handlers may be set from any thread: each setter has the stream's context look again, so one set after the
   * stream ended or failed is told so then (a reader that set its end handler a moment too late, from another
   * thread, waited for ever).
   */
  @Override
  public InstanceStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    later();
    return this;
  }

  @Override
  public InstanceStream handler(Handler<Buffer> h) {
    if (sender != null) {
      throw new IllegalStateException("the stream of " + key + " is being sent with sendTo");
    }
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
    if (finished) {
      tell();
      return;
    }
    if (handler == null || sender != null) {
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
    if (reading || waiting) {
      return;
    }
    Throwable failed = source.failure();
    if (failed != null) {
      fail(failed);
      return;
    }
    long available = source.available();
    if (position >= available) {
      // caught up with the file: what came from upstream and waits for the disk goes on from memory (the tee)
      Buffer b = source.unwritten(position, core.settings.readChunkBytes());
      if (b != null) {
        position += b.length();
        core.counters.bytesRead.add(b.length());
        if (demand == 0) {
          pending = b; // as a chunk read ahead
        } else {
          emit(b);
          drive();
        }
        return;
      }
      available = source.available(); // the chunk may have left because the file has it now
    }
    if (position < available) {
      // while paused, one chunk is read ahead, so that the disk works while the consumer drains
      read(position, (int) Math.min(core.settings.readChunkBytes(), available - position));
    } else if (demand == 0) {
      return;
    } else if (source.complete()) {
      finish();
      ended = true;
      tell();
    } else {
      waiting = true;
      source.awaitReceived(position, () -> ctx.runOnContext(v -> {
        waiting = false;
        drive();
      }));
    }
  }

  /**
   * The first {@code max} bytes of the instance (fewer when it is shorter), once they have arrived, without moving
   * the stream: from memory while the download has not written them yet, else from the file. Lets a caller learn
   * what the instance is (its File Meta Information) before choosing how to send it. A copy, on the stream's context.
   */
  public Future<Buffer> head(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("head needs a positive byte count, was " + max);
    }
    Promise<Buffer> p = Promise.promise();
    ctx.runOnContext(v -> lookAtHead(max, p));
    return p.future();
  }

  private void lookAtHead(int max, Promise<Buffer> p) {
    Throwable failed = source.failure();
    if (failed != null) {
      p.tryFail(failed);
      return;
    }
    long arrived = source.arrived();
    if (arrived < max && !source.complete()) {
      source.awaitReceived(arrived, () -> ctx.runOnContext(v -> lookAtHead(max, p)));
      return;
    }
    int n = (int) Math.min(max, arrived);
    if (n == 0) {
      p.tryComplete(Buffer.buffer());
      return;
    }
    Buffer kept = source.keptHead(n);
    if (kept != null) { // a download's start, kept in memory: no worker reads the file for it
      p.tryComplete(kept);
      return;
    }
    long available = source.available();
    if (available < n) {
      Buffer inMemory = source.unwritten(0, n);
      if (inMemory != null && inMemory.length() == n) {
        p.tryComplete(inMemory.copy());
      } else { // being written just now: the file has it soon
        source.await(available, () -> ctx.runOnContext(v -> lookAtHead(max, p)));
      }
      return;
    }
    channel().compose(ch -> core.blocking(() -> {
      ByteBuffer b = ByteBuffer.allocate(n);
      while (b.hasRemaining()) {
        if (ch.read(b, b.position()) < 0) {
          throw new IOException("entry file of " + key + " ends at " + b.position() + ", expected " + n + " bytes");
        }
      }
      return Buffer.buffer(b.array());
    })).onComplete(p);
  }

  private void read(long at, int length) {
    reading = true;
    channel().compose(ch -> core.blocking(() -> {
      ByteBuffer b = ByteBuffer.allocate(length);
      while (b.hasRemaining()) {
        if (ch.read(b, at + b.position()) < 0) {
          throw new IOException("entry file of " + key + " ends at " + (at + b.position()) + ", expected "
              + (at + length) + " bytes");
        }
      }
      return Buffer.buffer(b.array());
    })).onComplete(ar -> {
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
    failed = t;
    tell();
  }

  /** Tells the end or the failure once, as soon as there is a handler for it. On the context. */
  private void tell() {
    if (told) {
      return;
    }
    if (ended && endHandler != null) {
      told = true;
      endHandler.handle(null);
    } else if (failed != null && exceptionHandler != null) {
      told = true;
      exceptionHandler.handle(failed);
    }
  }

  /** Ends the stream for good: releases what is held and lets go of the file (once, however often called). */
  Future<Void> finish() {
    boolean first = !finished;
    finished = true;
    pending = null;
    if (sender != null) {
      sender.release();
    }
    core.readers.remove(this);
    if (first) {
      file.release(); // closed by its last holder, in the store's next worker hop (see StoreCore#closeLater)
    }
    return Future.succeededFuture();
  }

  /** The store is closing: the consumer sees {@code cause}, the file is released. */
  Future<Void> shut(Throwable cause) {
    Promise<Void> p = Promise.promise();
    ctx.runOnContext(v -> {
      if (finished) {
        p.complete();
        return;
      }
      Future<Void> closed = finish();
      if (sender != null) {
        sender.failed(cause);
      } else {
        failed = cause;
        tell();
      }
      closed.onComplete(ar -> p.complete());
    });
    return p.future();
  }
}
