package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.impl.MessageWrite;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Writes an {@link InstanceStream} from its position on into a response, following a download as it grows,
 * one of two ways. Into any {@code WriteStream}: chunks read on the store's workers into pooled direct buffers,
 * one written while the next is read, each released once written. Into an HTTP/1.x connection: file regions the
 * kernel sends without copying them to user space (sendfile(2)), or Vert.x reads in chunks where TLS or
 * compression rule that out. Either way, bytes of a download that have arrived but are not in the file yet go
 * from memory, as they come. Confined to the stream's context; the stream owns the file and its end.
 */
final class InstanceSender {
  private final InstanceStream s;
  private final Promise<Long> sent;
  private long aside; // bytes sent as file regions (and a head sent with one), which the response does not count
  private WriteStream<Buffer> out;
  private Http1xServerConnection connection;
  private ByteBuf ready; // a chunk read ahead, waiting for out to drain
  private Buffer head; // written before the first byte (regionsInto), in the same send (see queueHead)
  private boolean reading;
  private boolean waiting;

  InstanceSender(InstanceStream s, Promise<Long> sent) {
    this.s = s;
    this.sent = sent;
  }

  /**
   * True when {@code request}'s connection takes file regions: HTTP/1.x. Vert.x's public {@code sendFile} must be
   * the whole response, and a multipart body needs regions between its part headers, so this uses the connection
   * method {@code sendFile} itself uses; it falls back to chunks under TLS, compression or traffic shaping.
   */
  static boolean zeroCopy(HttpServerRequest request) {
    return request.version() != HttpVersion.HTTP_2 && request.connection() instanceof Http1xServerConnection;
  }

  void into(WriteStream<Buffer> out) {
    this.out = out;
    chunks();
  }

  void regionsInto(HttpServerRequest request, Buffer head) {
    connection = (Http1xServerConnection) request.connection();
    out = request.response();
    this.head = head;
    if (request.response().headWritten()) {
      regions();
    } else {
      request.response().writeHead().onComplete(h -> {
        if (h.failed()) {
          end(h.cause());
        } else {
          regions();
        }
      });
    }
  }

  /** The stream ended elsewhere (closed, the store shutting down): the future fails with {@code cause}. */
  void failed(Throwable cause) {
    sent.tryFail(cause);
  }

  /** Lets go of a chunk read ahead; called when the stream finishes. */
  void release() {
    if (ready != null) {
      ready.release();
      ready = null;
    }
  }

  private void chunks() {
    while (!s.finished) {
      if (ready != null) {
        if (out.writeQueueFull()) {
          out.drainHandler(v -> chunks());
          return; // the chunk read ahead waits, and no further one is read
        }
        write(ready);
        ready = null;
      }
      if (reading || waiting || endedOrFailed()) {
        return;
      }
      long available = s.source.available();
      if (s.position < available) {
        readAhead(available);
        return;
      }
      if (!fromMemory(this::chunks)) {
        return;
      }
      if (out.writeQueueFull()) {
        out.drainHandler(v -> chunks());
        return;
      }
    }
  }

  /** Reads the next chunk of the file now, while out is still writing the last one. */
  private void readAhead(long available) {
    int length = (int) Math.min(s.core.settings.readChunkBytes(), available - s.position);
    long at = s.position;
    reading = true;
    s.channel().compose(ch -> s.core.blocking(() -> read(ch, at, length))).onComplete(ar -> {
      reading = false;
      if (ar.failed()) {
        end(CacheException.of("reading the cached instance " + s.key, ar.cause()));
        return;
      }
      if (s.finished) {
        ar.result().release();
        return;
      }
      s.position += length;
      s.core.counters.bytesRead.add(length);
      ready = ar.result();
      chunks();
    });
  }

  /**
   * Past the file's end: writes the bytes that have arrived but wait for the disk straight from memory (a reader
   * that keeps up with a download never waits for a worker to write and read them back) and returns true; when none
   * have arrived, returns false having arranged for {@code next} to run once some do (or the file grew meanwhile).
   */
  private boolean fromMemory(Runnable next) {
    Buffer b = s.source.unwrittenPiece(s.position); // as the upstream cut it: no copy into a larger buffer
    if (b == null) {
      if (s.source.available() > s.position) { // written just now: the file has it
        s.ctx.runOnContext(v -> next.run());
      } else {
        waiting = true;
        s.source.awaitReceived(s.position, () -> s.ctx.runOnContext(v -> {
          waiting = false;
          next.run();
        }));
      }
      return false;
    }
    s.position += b.length();
    s.core.counters.bytesRead.add(b.length());
    queueHead();
    out.write(b).onComplete(w -> {
      DirectPieces.release(b); // the piece's own reference to direct memory: the connection is done with it
      if (w.failed()) {
        end(w.cause());
      }
    });
    return true;
  }

  /**
   * Puts the head, if it has not gone yet, into the connection's queue unflushed (behind anything still waiting
   * there), so that it leaves in the same send as the next write, which flushes: the first file region (written as
   * Vert.x's {@code sendFile} writes one, or read in chunks where regions cannot go, under TLS), the first bytes from
   * memory, or after an instance of no bytes whatever the response writes next. Its bytes are counted with the regions'.
   */
  private void queueHead() {
    if (head == null) {
      return;
    }
    ByteBuf h = Unpooled.wrappedBuffer(head.getBytes());
    aside += head.length();
    head = null;
    ChannelHandlerContext chctx = connection.channelHandlerContext();
    connection.writeToChannel(new MessageWrite() {
      @Override
      public void write() {
        chctx.write(new DefaultHttpContent(h), chctx.voidPromise());
      }

      @Override
      public void cancel(Throwable cause) {
        h.release(); // the connection closed: the write after it fails the same way
      }
    });
  }

  private ByteBuf read(FileChannel channel, long at, int length) throws IOException {
    ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(length);
    try {
      while (b.writerIndex() < length) {
        if (b.writeBytes(channel, at + b.writerIndex(), length - b.writerIndex()) < 0) {
          throw new IOException("entry file of " + s.key + " ends at " + (at + b.writerIndex()));
        }
      }
      return b;
    } catch (IOException | RuntimeException e) {
      b.release();
      throw e;
    }
  }

  private void write(ByteBuf b) {
    // Vert.x hands a direct buffer to Netty unreleasable: it is ours to release once written
    out.write(BufferInternal.buffer(b)).onComplete(w -> {
      b.release();
      if (w.failed()) {
        end(w.cause());
      }
    });
  }

  /**
   * Hands what is in the file to the connection as one file region, what has arrived but is not written yet from
   * memory, then what arrives after it.
   */
  private void regions() {
    while (!s.finished && !waiting && !endedOrFailed()) {
      long available = s.source.available();
      if (s.position < available) {
        region(available);
        return;
      }
      if (!fromMemory(this::regions)) {
        return;
      }
      if (out.writeQueueFull()) {
        waiting = true;
        out.drainHandler(v -> {
          waiting = false;
          regions();
        });
        return;
      }
    }
  }

  private void region(long available) {
    Future<FileChannel> channel = s.channel();
    if (!channel.isComplete()) { // a download's file still being created: this goes on once it is
      waiting = true;
      channel.onComplete(ar -> s.ctx.runOnContext(v -> {
        waiting = false;
        if (ar.failed()) {
          end(ar.cause());
        } else {
          regions();
        }
      }));
      return;
    }
    if (channel.failed()) {
      end(channel.cause());
      return;
    }
    long at = s.position;
    long length = available - at;
    s.position = available;
    waiting = true;
    queueHead();
    connection.sendFile(channel.result(), at, length).addListener(f -> s.ctx.runOnContext(v -> {
      waiting = false;
      if (!f.isSuccess()) {
        end(f.cause());
        return;
      }
      s.core.counters.bytesRead.add(length);
      aside += length;
      regions();
    }));
  }

  /** True, having ended the sending, when the download failed or there is nothing more to send. */
  private boolean endedOrFailed() {
    Throwable failed = s.source.failure();
    if (failed != null) {
      end(failed);
      return true;
    }
    if (s.position >= s.source.available() && s.source.complete()) {
      end(null);
      return true;
    }
    return false;
  }

  private void end(Throwable failure) {
    if (s.finished) {
      return;
    }
    if (failure == null) {
      queueHead(); // an instance of no bytes: the head all the same
    }
    s.finish();
    if (failure == null) {
      sent.tryComplete(aside);
    } else {
      sent.tryFail(failure);
    }
  }
}
