package org.xcaibridge.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.xcaibridge.soap.DirectChunks;

/**
 * An HTTP response body as the MTOM reader sees it, with the idle timeout: a timer that runs only while the
 * reader wants data (the source is flowing) and starts over with every chunk. While our consumer holds the
 * stream paused, the silence is ours, not the peer's, so it does not count. {@link #fail} ends the stream
 * from outside (a timeout, a cancel) as if the source had failed; later source events are ignored.
 */
final class WatchedSource implements ReadStream<Buffer> {
  private final Vertx vertx;
  private final ReadStream<Buffer> source;
  private final long idleMillis;
  private final Runnable onIdle;
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> endHandler;
  private boolean paused;
  private boolean stopped;
  private long timer = -1;
  private long lastActivity; // System.nanoTime() of the last chunk or of the flow (re)starting
  private long received;

  WatchedSource(Vertx vertx, ReadStream<Buffer> source, long idleMillis, Runnable onIdle) {
    this.vertx = vertx;
    this.source = source;
    this.idleMillis = idleMillis;
    this.onIdle = onIdle;
    source.handler(this::onData);
    source.exceptionHandler(this::onFailure);
    source.endHandler(v -> onEnd());
  }

  @Override
  public WatchedSource exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public WatchedSource handler(Handler<Buffer> h) {
    handler = h;
    return this;
  }

  @Override
  public WatchedSource pause() {
    paused = true;
    disarm();
    source.pause();
    return this;
  }

  @Override
  public WatchedSource resume() {
    paused = false;
    restart();
    source.resume();
    return this;
  }

  @Override
  public WatchedSource fetch(long amount) {
    if (amount > 0) {
      paused = false;
      restart();
    }
    source.fetch(amount);
    return this;
  }

  @Override
  public WatchedSource endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  /** Ends the stream with {@code cause}, as a source failure; nothing more is passed on. */
  void fail(Throwable cause) {
    if (stopped) {
      return;
    }
    stop();
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  /** The bytes the source has passed on so far. */
  long received() {
    return received;
  }

  /** Stops the timer for good (the exchange is over). */
  void stop() {
    stopped = true;
    disarm();
  }

  private void onData(Buffer chunk) {
    if (stopped) {
      DirectChunks.release(chunk); // dropped: its memory, when direct, is this stream's to free
      return;
    }
    lastActivity = System.nanoTime();
    received += chunk.length();
    if (handler != null) {
      handler.handle(chunk);
    } else {
      DirectChunks.release(chunk);
    }
  }

  private void onFailure(Throwable cause) {
    fail(cause);
  }

  private void onEnd() {
    if (stopped) {
      return;
    }
    stop();
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  /** The flow (re)starts: the silence counts from now. */
  private void restart() {
    lastActivity = System.nanoTime();
    if (timer < 0) {
      arm(idleMillis);
    }
  }

  /**
   * One timer at a time, not one per chunk: when it fires early (data came meanwhile) it is set again for what
   * is left of the idle time since the last chunk.
   */
  private void arm(long delayMillis) {
    if (paused || stopped) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, delayMillis), id -> {
      timer = -1;
      if (stopped || paused) {
        return;
      }
      long silentMillis = (System.nanoTime() - lastActivity) / 1_000_000;
      if (silentMillis >= idleMillis) {
        onIdle.run();
      } else {
        arm(idleMillis - silentMillis);
      }
    });
  }

  private void disarm() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
