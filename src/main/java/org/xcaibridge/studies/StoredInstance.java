package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import org.xcaibridge.cache.InstanceStream;

/**
 * One instance's Part 10 bytes on their way to the caller: from the cache, or following a retrieval still in
 * progress (then the bytes are handed on as they arrive and are stored at the same time). Read it either as a
 * {@link #body()} or with {@link #sendTo}, once; {@link #close()} when abandoning it before its end. If the
 * retrieval breaks off, the stream fails; what was stored whole stays stored.
 */
public final class StoredInstance {
  private final String studyInstanceUid;
  private final String seriesInstanceUid;
  private final String sopInstanceUid;
  private final String sopClassUid;
  private final String transferSyntaxUid;
  private final InstanceStream stream;
  private final ReadStream<Buffer> body;
  private final boolean cached;

  StoredInstance(String study, String series, String sop, String sopClassUid, String transferSyntaxUid,
      InstanceStream stream, ReadStream<Buffer> body) {
    this.studyInstanceUid = study;
    this.seriesInstanceUid = series;
    this.sopInstanceUid = sop;
    this.sopClassUid = sopClassUid;
    this.transferSyntaxUid = transferSyntaxUid;
    this.stream = stream;
    this.cached = body == stream;
    this.body = cached ? new Translating(stream) : body;
  }

  public String studyInstanceUid() {
    return studyInstanceUid;
  }

  public String seriesInstanceUid() {
    return seriesInstanceUid;
  }

  public String sopInstanceUid() {
    return sopInstanceUid;
  }

  /** The SOP Class UID the manifest gives, or null. */
  public String sopClassUid() {
    return sopClassUid;
  }

  /** The transfer syntax the instance is stored in, or null when its bytes do not say (no File Meta Information). */
  public String transferSyntaxUid() {
    return transferSyntaxUid;
  }

  /** Length of the Part 10 bytes when known before reading them (a cached instance), else -1. */
  public long length() {
    return cached ? stream.length() : -1;
  }

  /** The Part 10 bytes exactly as the community sent them; a failure is a {@link StudiesException}. */
  public ReadStream<Buffer> body() {
    return body;
  }

  /**
   * Writes the bytes to {@code out} without ending it (the next part of a multipart answer may follow), with
   * back-pressure; a cached instance goes from the file in pooled direct buffers. Completes when the last byte was
   * handed to {@code out}; fails with the retrieval's or the disk's failure.
   */
  public Future<Void> sendTo(WriteStream<Buffer> out) {
    if (cached) {
      return stream.sendTo(out).recover(e -> Future.failedFuture(Failures.translate(e, null)));
    }
    Promise<Void> done = Promise.promise();
    body.exceptionHandler(e -> done.tryFail(Failures.translate(e, null)));
    body.endHandler(v -> done.tryComplete());
    body.handler(chunk -> {
      out.write(chunk).onFailure(done::tryFail);
      if (out.writeQueueFull()) {
        body.pause();
        out.drainHandler(v -> body.resume());
      }
    });
    return done.future();
  }

  /** Stops reading and releases the file; a retrieval in progress goes on filling the cache. */
  public void close() {
    stream.close();
  }

  /** A cached instance's stream whose failures (disk trouble) are told as {@link StudiesException}s. */
  private static final class Translating implements ReadStream<Buffer> {
    private final InstanceStream s;

    Translating(InstanceStream s) {
      this.s = s;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> h) {
      s.exceptionHandler(h == null ? null : e -> h.handle(Failures.translate(e, null)));
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(io.vertx.core.Handler<Buffer> h) {
      s.handler(h);
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      s.pause();
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      s.resume();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      s.fetch(amount);
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(io.vertx.core.Handler<Void> h) {
      s.endHandler(h);
      return this;
    }
  }

  @Override
  public String toString() {
    return "StoredInstance(" + sopInstanceUid + ", " + transferSyntaxUid + ")";
  }
}
