package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Function;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.soap.DirectChunks;

/**
 * One instance of a RAD-75 answer as handed to the consumer: the DocumentResponse and a view of the attachment
 * (or inline bytes) whose failures arrive as {@link GatewayException}s, and whose end tells the retrieval that
 * the next instance may come.
 */
final class InstanceBody implements RetrievedInstance, ReadStream<Buffer> {
  private final DocumentResponse response;
  private final ReadStream<Buffer> source;
  private final Function<Throwable, GatewayException> translate;
  private final Handler<InstanceBody> onEnd;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean ended;
  private boolean endTold;
  private GatewayException failure;
  private boolean failureTold;
  private Promise<Void> discarded;

  InstanceBody(DocumentResponse response, ReadStream<Buffer> source, Function<Throwable, GatewayException> translate,
      Handler<InstanceBody> onEnd) {
    this.response = response;
    this.source = source;
    this.translate = translate;
    this.onEnd = onEnd;
    source.exceptionHandler(cause -> fail(translate.apply(cause)));
    source.endHandler(v -> end());
  }

  @Override
  public DocumentResponse response() {
    return response;
  }

  @Override
  public ReadStream<Buffer> body() {
    return this;
  }

  @Override
  public Future<Void> discard() {
    if (discarded == null) {
      discarded = Promise.promise();
      if (ended) {
        discarded.complete();
      } else if (failure != null) {
        discarded.fail(failure);
      } else {
        handler(DirectChunks::release);
        resume();
      }
    }
    return discarded.future();
  }

  /** Like {@link #endHandler}: a failure that already happened is told to a handler set afterwards. */
  @Override
  public InstanceBody exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    if (h != null && failure != null && !failureTold) {
      failureTold = true;
      h.handle(failure);
    }
    return this;
  }

  @Override
  public InstanceBody handler(Handler<Buffer> h) {
    handler = h;
    source.handler(h == null ? null : chunk -> handler.handle(chunk));
    return this;
  }

  @Override
  public InstanceBody pause() {
    source.pause();
    return this;
  }

  @Override
  public InstanceBody resume() {
    source.resume();
    return this;
  }

  @Override
  public InstanceBody fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  /**
   * An end that already happened is told to a handler set afterwards: setting {@link #handler} can run the whole
   * rest of a body that arrived in one piece, its end included, before the caller's next line sets this.
   */
  @Override
  public InstanceBody endHandler(Handler<Void> h) {
    endHandler = h;
    if (h != null && ended && !endTold) {
      endTold = true;
      h.handle(null);
    }
    return this;
  }

  /** Fails the instance (once; not after its end). */
  void fail(GatewayException cause) {
    if (ended || failure != null) {
      return;
    }
    failure = cause;
    if (exceptionHandler != null) {
      failureTold = true;
      exceptionHandler.handle(cause);
    }
    if (discarded != null) {
      discarded.tryFail(cause);
    }
  }

  private void end() {
    if (ended || failure != null) {
      return;
    }
    ended = true;
    if (endHandler != null) {
      endTold = true;
      endHandler.handle(null);
    }
    if (discarded != null) {
      discarded.tryComplete();
    }
    onEnd.handle(this);
  }
}
