package org.xcaibridge.dicomweb;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Function;
import org.xcaibridge.dicom.DicomStreamParser;

/**
 * Part 10 bytes on their way through a push parser whose handler writes what goes out: the same instance in
 * Explicit VR Little Endian (transcoding), or one element's value (bulk data). Bytes are fed in slices of
 * {@link #SLICE} so that what one slice makes (a deflated source inflates) stays small, and the source is paused
 * while the reader of this stream is, or has not started: memory stays at about one slice whatever the instance.
 * When the parser needs no more input (it stopped after the element wanted), the source is released early.
 * Use on one context: the source's.
 */
final class DicomPipe implements ReadStream<Buffer> {
  static final int SLICE = 16 * 1024;

  private final ReadStream<Buffer> source;
  private final Runnable release;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(SLICE);
  private final DicomStreamParser parser;
  private Buffer pending;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private boolean paused;
  private boolean sourceEnded;
  private boolean finished;
  private Throwable failure;

  /** {@code parser} gets the stream its handler writes to; {@code release} stops and frees the source. */
  DicomPipe(ReadStream<Buffer> source, Runnable release, Function<OutputStream, DicomStreamParser> parser) {
    this.source = source;
    this.release = release;
    this.parser = parser.apply(out);
  }

  /** Starts reading the source; what comes out waits for a handler. */
  DicomPipe start() {
    source.exceptionHandler(this::fail);
    source.endHandler(v -> {
      sourceEnded = true;
      try {
        parser.end();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      collect();
      drain();
    });
    source.handler(this::feed);
    source.resume();
    return this;
  }

  private void feed(Buffer chunk) {
    if (finished || failure != null) {
      return;
    }
    byte[] b = chunk.getBytes();
    try {
      for (int off = 0; off < b.length && !parser.done(); off += SLICE) {
        parser.feed(b, off, Math.min(SLICE, b.length - off));
        collect();
      }
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (parser.done() && !sourceEnded) {
      sourceEnded = true;
      release.run();
    }
    drain();
  }

  /** Moves what the parser wrote into the pending buffer. */
  private void collect() {
    if (out.size() > 0) {
      Buffer b = Buffer.buffer(out.toByteArray());
      out.reset();
      pending = pending == null ? b : pending.appendBuffer(b);
    }
  }

  /** Hands on what is pending if the reader wants it, and ends once the source has. */
  private void drain() {
    if (finished || failure != null) {
      return;
    }
    if (handler == null || paused) {
      if (!sourceEnded) {
        source.pause();
      }
      return;
    }
    if (pending != null) {
      Buffer b = pending;
      pending = null;
      handler.handle(b);
    }
    if (sourceEnded && pending == null && !paused) {
      finished = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    } else if (!sourceEnded && !paused) {
      source.resume();
    }
  }

  private void fail(Throwable e) {
    if (finished || failure != null) {
      return;
    }
    failure = e;
    if (!sourceEnded) {
      sourceEnded = true;
      release.run();
    }
    if (exceptionHandler != null) {
      exceptionHandler.handle(e);
    }
  }

  /** Whether it has failed; with no reader yet, the failure waits in {@link #failure()}. */
  Throwable failure() {
    return failure;
  }

  /** Stops reading and frees the source. */
  void close() {
    if (!finished) {
      finished = true;
      if (!sourceEnded) {
        sourceEnded = true;
        release.run();
      }
    }
  }

  @Override
  public DicomPipe exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    if (h != null && failure != null) {
      h.handle(failure);
    }
    return this;
  }

  @Override
  public DicomPipe handler(Handler<Buffer> h) {
    handler = h;
    drain();
    return this;
  }

  @Override
  public DicomPipe pause() {
    paused = true;
    return this;
  }

  @Override
  public DicomPipe resume() {
    paused = false;
    drain();
    return this;
  }

  @Override
  public DicomPipe fetch(long amount) {
    return amount > 0 ? resume() : this;
  }

  @Override
  public DicomPipe endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }
}
