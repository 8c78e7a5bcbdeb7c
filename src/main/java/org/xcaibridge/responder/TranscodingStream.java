package org.xcaibridge.responder;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import org.xcaibridge.dicom.DicomStreamParser;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * A Part 10 stream re-encoded into a native transfer syntax while it flows ({@link DicomWriter#transcoder}),
 * with back-pressure: the source is fed to the transcoder in slices of {@value #SLICE} bytes, one slice per
 * chunk handed on, and only while the consumer wants data; while it does not, the source is paused and at most
 * one source chunk waits here. A deflated source inflates to at most its compression ratio times one slice per
 * chunk. A source that is not DICOM, cannot be transcoded or fails fails this stream through its exception
 * handler (the caller releases the source). Use on the source's context.
 */
final class TranscodingStream implements ReadStream<Buffer> {
  static final int SLICE = 16 * 1024;

  private final ReadStream<Buffer> source;
  private final Output out = new Output();
  private final DicomStreamParser transcoder;
  private final ArrayDeque<Buffer> input = new ArrayDeque<>();
  private int offset; // into input.peek()
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean wired;
  private boolean sourceEnded;
  private boolean sourcePaused;
  private boolean done;
  private boolean pumping;

  TranscodingStream(ReadStream<Buffer> source, TransferSyntax target) {
    this.source = source;
    this.transcoder = DicomWriter.transcoder(out, target, ReadLimits.DEFAULT);
  }

  @Override
  public TranscodingStream exceptionHandler(Handler<Throwable> h) {
    exceptionHandler = h;
    return this;
  }

  @Override
  public TranscodingStream handler(Handler<Buffer> h) {
    handler = h;
    if (h != null && !wired) { // the source flows only once someone reads
      wired = true;
      source.exceptionHandler(this::fail);
      source.endHandler(v -> {
        sourceEnded = true;
        pump();
      });
      source.handler(chunk -> {
        input.add(chunk);
        pump();
      });
    }
    pump();
    return this;
  }

  @Override
  public TranscodingStream pause() {
    demand = 0;
    if (!sourcePaused && !sourceEnded) {
      sourcePaused = true;
      source.pause();
    }
    return this;
  }

  @Override
  public TranscodingStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public TranscodingStream fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("fetch amount must be ≥ 0, was " + amount);
    }
    demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
    pump();
    return this;
  }

  @Override
  public TranscodingStream endHandler(Handler<Void> h) {
    endHandler = h;
    return this;
  }

  /** Transcodes what waits while there is demand, then lets the source flow only if nothing waits. */
  private void pump() {
    if (pumping || done || !wired) {
      return;
    }
    pumping = true;
    try {
      while (demand > 0 && handler != null && !done) {
        Buffer head = input.peek();
        if (head == null) {
          if (sourceEnded) {
            finish();
          }
          break;
        }
        int n = Math.min(SLICE, head.length() - offset);
        byte[] slice = head.getBytes(offset, offset + n);
        offset += n;
        if (offset == head.length()) {
          input.poll();
          offset = 0;
        }
        transcoder.feed(slice, 0, n);
        emit(out.take());
      }
    } catch (RuntimeException e) { // not DICOM, an unsupported pair, limits: typed by the dicom package
      fail(e);
    } finally {
      pumping = false;
    }
    adjustSource();
  }

  private void finish() {
    transcoder.end();
    done = true;
    emit(out.take());
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  private void emit(Buffer produced) {
    if (produced.length() > 0 && handler != null) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(produced);
    }
  }

  private void adjustSource() {
    if (sourceEnded || !wired) {
      return;
    }
    boolean flow = !done && demand > 0 && input.isEmpty();
    if (flow && sourcePaused) {
      sourcePaused = false;
      source.resume();
    } else if (!flow && !sourcePaused) {
      sourcePaused = true;
      source.pause();
    }
  }

  private void fail(Throwable cause) {
    if (done) {
      return;
    }
    done = true;
    input.clear();
    if (exceptionHandler != null) {
      exceptionHandler.handle(cause);
    }
  }

  /** Collects what the transcoder writes until it is taken; at most what one slice turns into. */
  private static final class Output extends OutputStream {
    private Buffer pending = Buffer.buffer(SLICE + 1024);

    @Override
    public void write(int b) {
      pending.appendByte((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      pending.appendBytes(b, off, len);
    }

    Buffer take() {
      Buffer b = pending;
      if (b.length() > 0) {
        pending = Buffer.buffer(SLICE + 1024);
      }
      return b;
    }
  }
}
