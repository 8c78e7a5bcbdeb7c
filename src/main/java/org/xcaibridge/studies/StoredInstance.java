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

  StoredInstance(String study, String series, String sop, String sopClassUid, String transferSyntaxUid,
      InstanceStream stream, ReadStream<Buffer> body) {
    this.studyInstanceUid = study;
    this.seriesInstanceUid = series;
    this.sopInstanceUid = sop;
    this.sopClassUid = sopClassUid;
    this.transferSyntaxUid = transferSyntaxUid;
    this.stream = stream;
    this.body = body;
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
    return body == stream ? stream.length() : -1;
  }

  /** The Part 10 bytes exactly as the community sent them. */
  public ReadStream<Buffer> body() {
    return body;
  }

  /**
   * Writes the bytes to {@code out} without ending it (the next part of a multipart answer may follow), with
   * back-pressure; a cached instance goes from the file in pooled direct buffers. Completes when the last byte was
   * handed to {@code out}; fails with the retrieval's or the disk's failure.
   */
  public Future<Void> sendTo(WriteStream<Buffer> out) {
    if (body == stream) {
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

  @Override
  public String toString() {
    return "StoredInstance(" + sopInstanceUid + ", " + transferSyntaxUid + ")";
  }
}
