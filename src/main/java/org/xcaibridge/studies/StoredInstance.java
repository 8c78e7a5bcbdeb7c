package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import org.xcaibridge.cache.InstanceStream;

/**
 * One instance's Part 10 bytes on their way to the caller: from the cache, or following a retrieval still in
 * progress (then the bytes are handed on as they arrive and are stored at the same time). Read it either as a
 * {@link #body()} or with a {@code sendTo}, once; {@link #close()} when abandoning it before its end. If the
 * retrieval breaks off, the stream fails; what was stored whole stays stored.
 */
public final class StoredInstance {
  private final String studyInstanceUid;
  private final String seriesInstanceUid;
  private final String sopInstanceUid;
  private final String sopClassUid;
  private final String transferSyntaxUid;
  private final InstanceStream stream;
  private final Handler<Throwable> onFailure;
  private final ReadStream<Buffer> body;

  /** @param onFailure hears of the stream's failure first, whichever way it is read (a series' retrieval broke off) */
  StoredInstance(String study, String series, String sop, String sopClassUid, String transferSyntaxUid,
      InstanceStream stream, Handler<Throwable> onFailure) {
    this.studyInstanceUid = study;
    this.seriesInstanceUid = series;
    this.sopInstanceUid = sop;
    this.sopClassUid = sopClassUid;
    this.transferSyntaxUid = transferSyntaxUid;
    this.stream = stream;
    this.onFailure = onFailure;
    this.body = new Translating(stream, onFailure);
  }

  /** One whose failures concern nobody else (a cached instance, an instance asked for by itself). */
  StoredInstance(String study, String series, String sop, String sopClassUid, String transferSyntaxUid,
      InstanceStream stream) {
    this(study, series, sop, sopClassUid, transferSyntaxUid, stream, e -> { });
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
    return stream.length();
  }

  /** The Part 10 bytes exactly as the community sent them; a failure is a {@link StudiesException}. */
  public ReadStream<Buffer> body() {
    return body;
  }

  /**
   * Writes {@code head} (a multipart part's head; may be null) and then the bytes into {@code request}'s response
   * without ending it (the next part of a multipart answer may follow), with back-pressure: on HTTP/1.x without TLS or
   * compression as file regions the kernel sends (sendfile(2)), bytes not yet on disk from memory as they arrive, the
   * head in the same send as the first bytes; elsewhere in pooled direct buffers. The response head is written
   * first if it was not yet. Completes when the last byte was written, with the number of bytes sent as file regions
   * or with them (which the response's {@code bytesWritten()} leaves out); fails with the retrieval's or the disk's
   * failure, as a {@link StudiesException}.
   */
  public Future<Long> sendTo(HttpServerRequest request, Buffer head) {
    return sent(stream.sendTo(request, head));
  }

  /** As {@link #sendTo(HttpServerRequest, Buffer)}, without a head, into any stream, in pooled direct buffers. */
  public Future<Void> sendTo(WriteStream<Buffer> out) {
    return sent(stream.sendTo(out));
  }

  private <T> Future<T> sent(Future<T> sending) {
    return sending.recover(e -> {
      onFailure.handle(e);
      return Future.failedFuture(Failures.translate(e, null));
    });
  }

  /** Stops reading and releases the file; a retrieval in progress goes on filling the cache. */
  public void close() {
    stream.close();
  }

  /** The stream, its failures told to {@code onFailure} and then as {@link StudiesException}s. */
  private static final class Translating implements ReadStream<Buffer> {
    private final InstanceStream s;
    private final Handler<Throwable> onFailure;

    Translating(InstanceStream s, Handler<Throwable> onFailure) {
      this.s = s;
      this.onFailure = onFailure;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      s.exceptionHandler(h == null ? onFailure : e -> {
        onFailure.handle(e);
        h.handle(Failures.translate(e, null));
      });
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
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
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      s.endHandler(h);
      return this;
    }
  }

  @Override
  public String toString() {
    return "StoredInstance(" + sopInstanceUid + ", " + transferSyntaxUid + ")";
  }
}
