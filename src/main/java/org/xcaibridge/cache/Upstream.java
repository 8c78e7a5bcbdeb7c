package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.net.NetSocket;
import io.vertx.core.streams.ReadStream;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The upstream end of a download: an instance's bytes ({@link InstanceFlight}) or a series' instances
 * ({@link SeriesFlight}). Asks the supplier for the stream once, and hands its items, its end and its failure to
 * the owner on the owner's context; a failure after the end is not reported. Once {@link #stop stopped} (the
 * download failed), nothing more is reported, and the stream, if it has not ended, is cancelled (see
 * {@link Cancellable}), now or as it arrives. Confined to the owner's context.
 *
 * @param <T> what the stream carries
 */
final class Upstream<T> {
  private final Context ctx;
  private final Consumer<T> items;
  private final Runnable end;
  private final Consumer<Throwable> failure;
  private ReadStream<T> stream;
  private boolean ended;
  private boolean stopped;
  private Throwable cause; // why it was stopped

  /** The owner hears of each item, the end and a failure through these, always on {@code ctx}. */
  Upstream(Context ctx, Consumer<T> items, Runnable end, Consumer<Throwable> failure) {
    this.ctx = ctx;
    this.items = items;
    this.end = end;
    this.failure = failure;
  }

  /** Asks {@code supplier} for the stream (a throw counts as a failure) and starts it flowing. */
  void open(Supplier<Future<ReadStream<T>>> supplier) {
    Future<ReadStream<T>> f;
    try {
      f = supplier.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> on(ctx, () -> {
      if (ar.failed()) {
        if (!stopped) {
          failure.accept(ar.cause());
        }
      } else {
        attach(ar.result());
      }
    }));
  }

  private void attach(ReadStream<T> s) {
    stream = s;
    if (stopped) {
      halt(s, cause);
      return;
    }
    s.exceptionHandler(t -> on(ctx, () -> {
      if (!ended && !stopped) {
        failure.accept(t);
      }
    }));
    s.endHandler(v -> on(ctx, () -> {
      ended = true;
      if (!stopped) {
        end.run();
      }
    }));
    s.handler(item -> on(ctx, () -> {
      if (!stopped) {
        items.accept(item);
      } else if (item instanceof Buffer chunk) {
        DirectPieces.release(chunk); // dropped: a direct chunk's memory is the download's to free
      }
    }));
    s.resume();
  }

  /** True once the stream has ended. */
  boolean ended() {
    return ended;
  }

  void pause() {
    if (stream != null && !stopped) {
      stream.pause();
    }
  }

  void resume() {
    if (stream != null && !stopped) {
      stream.resume();
    }
  }

  /**
   * The download failed with {@code cause}: the stream is cancelled, so its connection does not stay open, and
   * the owner hears nothing more.
   */
  void stop(Throwable cause) {
    if (stopped) {
      return;
    }
    stopped = true;
    this.cause = cause;
    if (stream != null && !ended) {
      halt(stream, cause);
    }
  }

  /** Pauses the stream, then releases what carries it, where the stream's type allows (see {@link Cancellable}). */
  private static void halt(ReadStream<?> s, Throwable cause) {
    s.pause();
    if (s instanceof Cancellable c) {
      c.cancel(cause);
    } else if (s instanceof HttpClientResponse r) {
      r.request().reset(0, cause);
    } else if (s instanceof AsyncFile f) {
      f.close();
    } else if (s instanceof NetSocket n) {
      n.close();
    }
  }

  /** Runs {@code r} on {@code ctx}: now when already there, else on its next turn. */
  static void on(Context ctx, Runnable r) {
    if (Vertx.currentContext() == ctx) {
      r.run();
    } else {
      ctx.runOnContext(v -> r.run());
    }
  }
}
