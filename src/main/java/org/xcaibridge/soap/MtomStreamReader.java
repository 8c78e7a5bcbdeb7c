package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * Reads an MTOM/XOP or plain SOAP body from a Vert.x {@link ReadStream} (e.g. an {@code HttpClientResponse} or
 * {@code HttpServerRequest}) with {@link MtomReader}: the root part (the envelope) completes {@link #root()};
 * each other part is handed, in wire order, to the attachment handler as an {@link MtomAttachment} whose body
 * is its own stream. Back-pressure runs end to end: while the current attachment's consumer is paused (or has
 * set no handler yet), the source is paused, and at most the events of one source chunk wait here.
 *
 * <p>Failures (framing, limits, a source that fails or ends mid-body) are delivered in wire order: the
 * attachment being read fails through its exception handler, then {@link #root()} (if still pending) and
 * {@link #end()} fail with the same error, and nothing is emitted after it. The source is paused before the
 * failure is reported and this reader never touches it again: the caller closes its connection, or takes the
 * source over (e.g. to drain what is left). Attachment chunks may share memory with the source's chunks. Where the
 * source's chunks are direct memory (see {@link DirectChunks}), this reader releases each once it has read it, and
 * each attachment chunk is a slice holding a reference of its own, which the attachment's consumer releases.
 * Everything runs on the source's context.
 */
public final class MtomStreamReader {
  /** Beyond this the array direct chunks are read through grows to the chunk, not to twice its last size. */
  private static final int MAX_SCANNED = 1 << 20;

  private sealed interface Event permits Start, Data, Stop, Root, Done, Failed {}

  private record Start(MultipartPart part) implements Event {}

  private record Data(Buffer chunk) implements Event {}

  private record Stop() implements Event {}

  private record Root(Buffer envelope) implements Event {}

  private record Done() implements Event {}

  private record Failed(Throwable cause) implements Event {}

  private final ReadStream<Buffer> source;
  private final Handler<MtomAttachment> onAttachment;
  private final Promise<Buffer> root = Promise.promise();
  private final Promise<Void> end = Promise.promise();
  private final ArrayDeque<Event> queue = new ArrayDeque<>();
  private MtomReader reader;
  private MtomAttachmentStream current;

  private Buffer chunk; // the source chunk being parsed, so content slices can share its memory
  private byte[] scanned = new byte[0]; // see feedDirect
  private long chunkStart;
  private long received;
  private boolean stopped; // the body ended or failed: further source events are ignored
  private boolean sourceEnded;
  private boolean sourcePaused;
  private boolean draining;

  private MtomStreamReader(ReadStream<Buffer> source, Handler<MtomAttachment> onAttachment) {
    this.source = source;
    this.onAttachment = onAttachment;
  }

  /**
   * Starts reading {@code source} at once (it is resumed). A Content-Type that is neither
   * {@code multipart/related} nor SOAP fails both futures and leaves the source untouched.
   *
   * @param contentType the body's Content-Type header value
   * @param attachments called for each attachment, in wire order; the consumer sets the stream's handlers
   *                    (now or later; its data waits meanwhile)
   */
  public static MtomStreamReader read(ReadStream<Buffer> source, String contentType, MtomLimits limits,
      Handler<MtomAttachment> attachments) {
    return read(source, contentType, limits, Set.of(), attachments);
  }

  /**
   * Like {@link #read(ReadStream, String, MtomLimits, Handler)}, and in a plain SOAP body the base64 content of
   * the {@code inlineBinary} elements streams on as attachments too, decoded, each under a Content-ID that the
   * {@code xop:Include} put in its place in the root names (see {@link MtomReader#create(String, MtomLimits,
   * Set, MtomReader.Listener)}). Such a root completes only after the last document: consume attachments as they
   * come (or pipe them on), not after the root, or the body stalls.
   */
  public static MtomStreamReader read(ReadStream<Buffer> source, String contentType, MtomLimits limits,
      Set<QName> inlineBinary, Handler<MtomAttachment> attachments) {
    MtomStreamReader r = new MtomStreamReader(Objects.requireNonNull(source), Objects.requireNonNull(attachments));
    try {
      r.reader = MtomReader.create(contentType, limits, inlineBinary, r.new Events());
    } catch (MultipartException e) {
      r.root.fail(e);
      r.end.fail(e);
      return r;
    }
    source.handler(r::onChunk);
    source.exceptionHandler(r::onSourceFailure);
    source.endHandler(v -> r.onSourceEnd());
    source.resume();
    return r;
  }

  /** The root part (the SOAP envelope, or the whole plain SOAP body), bounded by {@link MtomLimits#maxRootPartBytes()}. */
  public Future<Buffer> root() {
    return root.future();
  }

  /** Completes once the whole body has been read and every attachment before it delivered and ended. */
  public Future<Void> end() {
    return end.future();
  }

  private void onChunk(Buffer b) {
    if (stopped) {
      DirectChunks.release(b);
      return;
    }
    chunk = b;
    chunkStart = received;
    received += b.length();
    try {
      // the parser reads the chunk's own array where it has one (Vert.x hands heap buffers nobody reuses): no copy;
      // direct memory is read through one array of the reader's, in place (its content goes on as slices of it)
      ByteBuf bytes = b instanceof BufferInternal bi ? bi.getByteBuf() : null;
      if (bytes != null && bytes.hasArray()) {
        reader.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
      } else if (bytes != null && bytes.isDirect()) {
        feedDirect(bytes);
      } else {
        byte[] copy = b.getBytes();
        reader.feed(copy, 0, copy.length);
      }
    } catch (RuntimeException e) {
      stopped = true;
      queue.add(new Failed(e));
    } finally {
      chunk = null;
      DirectChunks.release(b); // content slices hold references of their own
    }
    drain();
  }

  /**
   * Feeds direct memory through {@link #scanned}: a copy into an array that stays in the CPU's cache costs less than
   * the parser reading direct memory a byte at a time, and far less than a fresh heap buffer per chunk would.
   */
  private void feedDirect(ByteBuf bytes) {
    int n = bytes.readableBytes();
    if (scanned.length < n) {
      scanned = new byte[Math.max(n, Math.min(2 * scanned.length, MAX_SCANNED))];
    }
    bytes.getBytes(bytes.readerIndex(), scanned, 0, n);
    reader.feed(scanned, 0, n);
  }

  private void onSourceEnd() {
    if (stopped) {
      return;
    }
    stopped = true;
    sourceEnded = true;
    try {
      reader.finish();
    } catch (RuntimeException e) {
      queue.add(new Failed(e));
    }
    drain();
  }

  private void onSourceFailure(Throwable cause) {
    if (stopped) {
      return;
    }
    stopped = true;
    queue.add(new Failed(reader.cutShort(cause)));
    drain();
  }

  /** Called by the current attachment stream when its consumer's demand or handler changed. */
  void demandChanged(MtomAttachmentStream stream) {
    if (stream != current) {
      return;
    }
    if (stream.ready()) {
      drain();
    } else {
      adjustSource();
    }
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      Event e;
      while ((e = queue.peek()) != null) {
        if ((e instanceof Data || e instanceof Stop) && !current.ready()) {
          break;
        }
        queue.poll();
        dispatch(e);
      }
    } finally {
      draining = false;
    }
    adjustSource();
  }

  private void dispatch(Event e) {
    if (e instanceof Start s) {
      current = new MtomAttachmentStream(this);
      onAttachment.handle(new MtomAttachment(s.part().contentId(), s.part().contentType(), current));
    } else if (e instanceof Data d) {
      current.deliver(d.chunk());
    } else if (e instanceof Stop) {
      MtomAttachmentStream done = current;
      current = null;
      done.complete();
    } else if (e instanceof Root r) {
      root.tryComplete(r.envelope());
    } else if (e instanceof Done) {
      end.tryComplete();
    } else if (e instanceof Failed f) {
      for (Event left : queue) {
        if (left instanceof Data d) {
          DirectChunks.release(d.chunk());
        }
      }
      queue.clear();
      if (!sourceEnded && !sourcePaused) {
        // paused before anyone hears of the failure, so a handler may take the source over (drain or close
        // it) without this reader pausing it again on its way out
        sourcePaused = true;
        source.pause();
      }
      MtomAttachmentStream cut = current;
      current = null;
      if (cut != null) {
        cut.fail(f.cause());
      }
      root.tryFail(f.cause());
      end.tryFail(f.cause());
    }
  }

  /** The source flows only while nothing waits here and the current attachment's consumer wants data. */
  private void adjustSource() {
    if (sourceEnded) {
      return;
    }
    boolean flow = !stopped && queue.isEmpty() && (current == null || current.ready());
    if (flow && sourcePaused) {
      sourcePaused = false;
      source.resume();
    } else if (!flow && !sourcePaused) {
      sourcePaused = true;
      source.pause();
    }
  }

  /** Turns the pure reader's callbacks into queued events; the root is the only part copied whole. */
  private final class Events implements MtomReader.Listener {
    @Override
    public void root(MultipartPart part, byte[] envelope) {
      queue.add(new Root(Buffer.buffer(envelope)));
    }

    @Override
    public void attachmentStart(MultipartPart part) {
      queue.add(new Start(part));
    }

    @Override
    public void attachmentBody(ByteBuffer slice) {
      long at = reader.sliceOffset();
      int len = slice.remaining();
      Buffer data;
      if (chunk != null && at >= chunkStart) {
        int from = (int) (at - chunkStart);
        data = DirectChunks.slice(chunk, from, from + len);
      } else { // the slice began in the parser's carry-over tail
        byte[] copy = new byte[len];
        slice.get(copy);
        data = Buffer.buffer(copy);
      }
      queue.add(new Data(data));
    }

    @Override
    public void attachmentEnd() {
      queue.add(new Stop());
    }

    @Override
    public void end() {
      queue.add(new Done());
    }
  }
}
