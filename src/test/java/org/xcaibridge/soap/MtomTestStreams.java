package org.xcaibridge.soap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Random;

/**
 * Vert.x streams for tests, all driven on one context: a source that emits one chunk per event-loop turn while
 * it has demand (so pauses take effect the way a socket's do), an in-memory pipe with a bounded write queue,
 * and a hashing sink that can play a slow consumer.
 */
final class MtomTestStreams {
  private MtomTestStreams() {}

  /**
   * Produces a source's chunks; null means end; {@link #NOTHING_YET} means "call again after
   * {@link Source#wake()}"; a thrown exception becomes the source's failure.
   */
  interface Producer {
    Buffer NOTHING_YET = Buffer.buffer();

    Buffer next() throws Exception;
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Chunks of {@code body} in the sizes given (cycled). */
  static Producer bytes(byte[] body, int... sizes) {
    int[] pos = {0};
    int[] k = {0};
    return () -> {
      if (pos[0] >= body.length) {
        return null;
      }
      int n = Math.min(sizes[k[0]++ % sizes.length], body.length - pos[0]);
      Buffer b = Buffer.buffer(java.util.Arrays.copyOfRange(body, pos[0], pos[0] + n));
      pos[0] += n;
      return b;
    };
  }

  /** Emits {@code prefix} in 4 KiB chunks, then fails with {@code failure}, or ends when it is null. */
  static Producer cutAfter(byte[] prefix, Exception failure) {
    Producer chunks = bytes(prefix, 4096);
    return () -> {
      Buffer b = chunks.next();
      if (b == null && failure != null) {
        throw failure;
      }
      return b;
    };
  }

  /**
   * {@code total} pseudo-random bytes (xorshift, seeded) in chunks of {@code chunk} bytes, generated on the
   * fly; {@link GeneratedBytes#sha256()} is the digest of what was produced.
   */
  static final class GeneratedBytes implements Producer {
    private final long total;
    private final int chunk;
    private final MessageDigest digest = newSha256();
    private long state;
    private long produced;

    GeneratedBytes(long total, long seed, int chunk) {
      this.total = total;
      this.chunk = chunk;
      this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    @Override
    public Buffer next() {
      if (produced >= total) {
        return null;
      }
      int n = (int) Math.min(chunk, total - produced);
      byte[] b = new byte[n];
      for (int i = 0; i < n; i += 8) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        for (int k = 0; k < 8 && i + k < n; k++) {
          b[i + k] = (byte) (state >>> (8 * k));
        }
      }
      produced += n;
      digest.update(b);
      return Buffer.buffer(b);
    }

    String sha256() {
      return hex(digest.digest());
    }
  }

  /** A read stream fed by a {@link Producer}, one chunk per turn of its context while it has demand. */
  static final class Source implements ReadStream<Buffer> {
    private final Context context;
    private final Producer producer;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private boolean scheduled;
    private boolean done;
    long emittedBytes;
    int emittedChunks;
    int pauses;

    Source(Context context, Producer producer) {
      this.context = context;
      this.producer = producer;
    }

    boolean isPaused() {
      return demand == 0;
    }

    boolean isDone() {
      return done;
    }

    @Override
    public Source exceptionHandler(Handler<Throwable> h) {
      exceptionHandler = h;
      return this;
    }

    @Override
    public Source handler(Handler<Buffer> h) {
      handler = h;
      schedule();
      return this;
    }

    @Override
    public Source pause() {
      if (demand != 0) {
        pauses++;
      }
      demand = 0;
      return this;
    }

    @Override
    public Source resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public Source fetch(long amount) {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      schedule();
      return this;
    }

    @Override
    public Source endHandler(Handler<Void> h) {
      endHandler = h;
      return this;
    }

    /** Tells the source that its producer may have something now. */
    void wake() {
      schedule();
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
      Buffer b;
      try {
        b = producer.next();
      } catch (Exception e) {
        done = true;
        if (exceptionHandler != null) {
          exceptionHandler.handle(e);
        }
        return;
      }
      if (b == Producer.NOTHING_YET) {
        return;
      }
      if (b == null) {
        done = true;
        if (endHandler != null) {
          endHandler.handle(null);
        }
        return;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      emittedBytes += b.length();
      emittedChunks++;
      handler.handle(b);
      schedule();
    }
  }

  /**
   * A write stream whose writes come out of {@link #readSide()} (re-cut into random chunk sizes when a seed
   * is given), with a bounded write queue: {@code writeQueueFull()} past {@code maxQueued} bytes, drain at half.
   */
  static final class Pipe implements WriteStream<Buffer> {
    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private final Random cuts;
    private final int maxCut;
    private int maxQueued;
    private long queued;
    private Handler<Void> drainHandler;
    private boolean ended;
    private final Promise<Void> endPromise = Promise.promise();
    private final Source readSide;
    long peakQueued;

    Pipe(Context context, int maxQueued, long cutSeed, int maxCut) {
      this.maxQueued = maxQueued;
      this.cuts = cutSeed == 0 ? null : new Random(cutSeed);
      this.maxCut = maxCut;
      this.readSide = new Source(context, this::take);
    }

    Source readSide() {
      return readSide;
    }

    private Buffer take() {
      Buffer head = queue.peek();
      if (head == null) {
        if (ended) {
          endPromise.tryComplete();
          return null;
        }
        return Producer.NOTHING_YET;
      }
      Buffer out = head;
      if (cuts != null && head.length() > 1) {
        int n = 1 + cuts.nextInt(Math.min(head.length(), maxCut));
        out = head.slice(0, n);
        if (n < head.length()) {
          queue.poll();
          queue.addFirst(head.slice(n, head.length()));
        } else {
          queue.poll();
        }
      } else {
        queue.poll();
      }
      queued -= out.length();
      if (drainHandler != null && queued <= maxQueued / 2) {
        Handler<Void> h = drainHandler;
        drainHandler = null;
        h.handle(null);
      }
      return out;
    }

    @Override
    public Pipe exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (ended) {
        return Future.failedFuture(new IllegalStateException("write after end"));
      }
      if (data.length() > 0) {
        queue.add(data);
        queued += data.length();
        peakQueued = Math.max(peakQueued, queued);
        readSide.wake();
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended = true;
      readSide.wake();
      return endPromise.future();
    }

    @Override
    public Pipe setWriteQueueMaxSize(int maxSize) {
      maxQueued = maxSize;
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return queued >= maxQueued;
    }

    @Override
    public Pipe drainHandler(Handler<Void> h) {
      drainHandler = h;
      return this;
    }
  }

  /**
   * A write stream that hashes what it gets. With {@code slowEvery} > 0 it reports a full queue after every
   * that many writes and drains on the next turn, like a slow viewer connection.
   */
  static class HashingSink implements WriteStream<Buffer> {
    private final Context context;
    private final int slowEvery;
    private final MessageDigest digest = newSha256();
    private final Promise<String> ended = Promise.promise();
    private Handler<Void> drainHandler;
    private boolean full;
    long bytes;
    int writes;
    int writesWhileFull;

    HashingSink(Context context, int slowEvery) {
      this.context = context;
      this.slowEvery = slowEvery;
    }

    /** Completes with the hex SHA-256 when the sink is ended. */
    Future<String> sha256() {
      return ended.future();
    }

    @Override
    public HashingSink exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (full) {
        writesWhileFull++;
      }
      digest.update(data.getBytes());
      bytes += data.length();
      writes++;
      if (slowEvery > 0 && writes % slowEvery == 0 && !full) {
        full = true;
        context.runOnContext(v -> {
          full = false;
          if (drainHandler != null) {
            Handler<Void> h = drainHandler;
            drainHandler = null;
            h.handle(null);
          }
        });
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      ended.tryComplete(hex(digest.digest()));
      return Future.succeededFuture();
    }

    @Override
    public HashingSink setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public HashingSink drainHandler(Handler<Void> h) {
      drainHandler = h;
      return this;
    }
  }
}
