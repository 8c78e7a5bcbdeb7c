package org.xcaibridge.responder;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Locale;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.MultipartContentType;
import org.xcaibridge.soap.MultipartException;
import org.xcaibridge.soap.MultipartHandler;
import org.xcaibridge.soap.MultipartParser;
import org.xcaibridge.soap.MultipartPart;

/**
 * One instance out of a WADO-RS answer ({@code multipart/related; type="application/dicom"}, PS3.18 §8.7.3),
 * streamed: the answer is cut into parts by the push {@link MultipartParser} and the first part's content is
 * this stream's body. An answer that is a bare {@code application/dicom} body is taken as the instance too.
 * {@link #ready()} completes once the first bytes told the stored transfer syntax ({@link MetaSniffer}); what
 * was read until then waits here, bounded by {@link #SNIFF_LIMIT}. Afterwards the answer flows only while
 * nothing waits here: at most one network chunk is held while the consumer is paused. Parts after the first
 * are read and dropped. Everything runs on the answer's context; the body's methods called from elsewhere are
 * passed to it.
 */
final class WadoInstanceStream implements ImageArchive.InstanceStream, MultipartHandler {
  /** The file meta group and the start of a dataset fit in far less; more is not DICOM. */
  static final int SNIFF_LIMIT = 1 << 20;
  private static final MtomLimits LIMITS = new MtomLimits(1 << 20, 64, 8 * 1024, Long.MAX_VALUE);

  private final InstanceRecord instance;
  private final HttpClientResponse response;
  private final Promise<ImageArchive.InstanceStream> ready = Promise.promise();
  private final MetaSniffer sniffer = new MetaSniffer();
  private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
  private final Body body = new Body();
  private final MultipartParser parser;
  private final Context context = Vertx.currentContext();
  private long sniffed;
  private int partIndex = -1;
  private boolean instanceEnded;
  private boolean endDelivered;
  private boolean restIgnored;
  private boolean failed;
  private boolean responseEnded;
  private boolean responsePaused;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private Throwable unheardFailure; // a failure after ready() that no exception handler was there to hear
  private long demand = Long.MAX_VALUE;

  /** @param boundary the multipart boundary, or null for a bare application/dicom body */
  private WadoInstanceStream(InstanceRecord instance, HttpClientResponse response, String boundary) {
    this.instance = instance;
    this.response = response;
    this.parser = boundary == null ? null : new MultipartParser(boundary, this, LIMITS);
  }

  /** Starts reading an answer whose headers arrived; completes once the transfer syntax is known. */
  static Future<ImageArchive.InstanceStream> read(InstanceRecord instance, HttpClientResponse response) {
    String boundary = null;
    try {
      MultipartContentType ct = MultipartContentType.parse(response.getHeader(HttpHeaders.CONTENT_TYPE));
      if (ct.isMultipart()) {
        boundary = ct.boundary();
      } else if (!ct.mediaType().equals("application/dicom")) {
        throw new MultipartException("Content-Type " + ct.mediaType() + " is neither multipart/related nor application/dicom");
      }
    } catch (MultipartException e) {
      response.request().reset();
      return Future.failedFuture(new ArchiveDataException("the WADO-RS answer for instance " + instance.sopInstanceUid()
          + " cannot be read: " + e.getMessage(), e));
    }
    WadoInstanceStream stream = new WadoInstanceStream(instance, response, boundary);
    response.handler(stream::onChunk);
    response.exceptionHandler(e -> stream.fail(DicomWebClient.transportFailure(e, "the instance")));
    response.endHandler(v -> stream.onResponseEnd());
    response.resume();
    return stream.ready.future();
  }

  @Override
  public InstanceRecord instance() {
    return instance;
  }

  @Override
  public TransferSyntax transferSyntax() {
    return sniffer.transferSyntax();
  }

  @Override
  public long size() {
    return -1;
  }

  @Override
  public ReadStream<Buffer> body() {
    return body;
  }

  @Override
  public Future<Void> cancel() {
    if (endDelivered || failed) {
      return Future.succeededFuture();
    }
    failed = true;
    queue.clear();
    return response.request().reset();
  }

  // ---- the answer --------------------------------------------------------------------------------

  private void onChunk(Buffer chunk) {
    if (failed || restIgnored) {
      return; // what follows the instance is read to the end of the answer and dropped
    }
    try {
      if (parser != null) {
        parser.feed(chunk.getBytes());
      } else {
        partIndex = 0;
        content(chunk);
      }
    } catch (MultipartException | DicomParseException | ArchiveException e) {
      if (instanceEnded) {
        restIgnored = true; // the instance is whole: a fault in the parts after it does not concern it
      } else {
        fail(e instanceof ArchiveException a ? a : new ArchiveDataException("the WADO-RS answer for instance "
            + instance.sopInstanceUid() + " is not a DICOM instance: " + e.getMessage(), e));
        return;
      }
    }
    drain();
  }

  private void onResponseEnd() {
    responseEnded = true;
    if (failed || endDelivered) {
      return;
    }
    try {
      if (parser != null && !instanceEnded) {
        parser.finish();
      } else if (parser == null) {
        instanceEnded = partIndex == 0;
      }
      if (!instanceEnded) {
        throw new ArchiveDataException("the WADO-RS answer for instance " + instance.sopInstanceUid()
            + " ended before the instance did", null);
      }
      if (!ready.future().isComplete()) {
        sniffer.finish();
        if (sniffer.transferSyntax() == null) {
          throw new ArchiveDataException("the WADO-RS answer for instance " + instance.sopInstanceUid()
              + " holds no DICOM data", null);
        }
        ready.tryComplete(this);
      }
    } catch (MultipartException | DicomParseException | ArchiveException e) {
      fail(e instanceof ArchiveException a ? a : new ArchiveDataException("the WADO-RS answer for instance "
          + instance.sopInstanceUid() + " is cut short or not DICOM: " + e.getMessage(), e));
      return;
    }
    drain();
  }

  private void content(Buffer data) {
    if (failed) {
      return;
    }
    queue.add(data);
    if (!ready.future().isComplete()) {
      sniffed += data.length();
      if (sniffer.feed(data.getBytes(), 0, data.length())) {
        ready.tryComplete(this);
      } else if (sniffed > SNIFF_LIMIT) {
        throw new ArchiveDataException("the WADO-RS answer for instance " + instance.sopInstanceUid()
            + " does not start like a DICOM file within " + SNIFF_LIMIT + " bytes", null);
      }
    }
  }

  @Override
  public void partStart(MultipartPart part) {
    partIndex++;
    if (partIndex == 0 && part.contentType() != null
        && !part.contentType().toLowerCase(Locale.ROOT).startsWith("application/dicom")) {
      throw new ArchiveDataException("the WADO-RS answer's part is " + part.contentType() + ", not application/dicom", null);
    }
  }

  @Override
  public void partBody(ByteBuffer slice) {
    if (partIndex == 0) {
      byte[] copy = new byte[slice.remaining()];
      slice.get(copy);
      content(Buffer.buffer(copy));
    }
  }

  @Override
  public void partEnd() {
    if (partIndex == 0) {
      instanceEnded = true;
    }
  }

  @Override
  public void end() {}

  private void fail(ArchiveException e) {
    if (failed) {
      return;
    }
    failed = true;
    queue.clear();
    if (!responseEnded) {
      response.request().reset();
    }
    if (!ready.tryFail(e)) {
      if (exceptionHandler != null) {
        exceptionHandler.handle(e);
      } else {
        unheardFailure = e;
      }
    }
  }

  /** Hands waiting chunks to the consumer while it wants them, then lets the answer flow or holds it. */
  private void drain() {
    if (!ready.future().isComplete() || failed) {
      adjust(true);
      return;
    }
    while (!queue.isEmpty() && handler != null && demand > 0 && !failed) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(queue.poll());
    }
    if (queue.isEmpty() && instanceEnded && !endDelivered && !failed && handler != null) {
      endDelivered = true;
      if (endHandler != null) {
        endHandler.handle(null);
      }
    }
    adjust(queue.isEmpty());
  }

  private void adjust(boolean flow) {
    if (responseEnded) {
      return;
    }
    if (flow && responsePaused) {
      responsePaused = false;
      response.resume();
    } else if (!flow && !responsePaused) {
      responsePaused = true;
      response.pause();
    }
  }

  /** The consumer's side; calls from outside the answer's context are passed to it. */
  private final class Body implements ReadStream<Buffer> {
    private boolean elsewhere(Runnable r) {
      if (context == null || Vertx.currentContext() == context) {
        return false;
      }
      context.runOnContext(v -> r.run());
      return true;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      if (elsewhere(() -> exceptionHandler(h))) {
        return this;
      }
      exceptionHandler = h;
      if (h != null && unheardFailure != null) {
        Throwable e = unheardFailure;
        unheardFailure = null;
        h.handle(e);
      }
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      if (!elsewhere(() -> handler(h))) {
        handler = h;
        drain();
      }
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      if (!elsewhere(this::pause)) {
        demand = 0;
      }
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      if (amount < 0) {
        throw new IllegalArgumentException("fetch amount must be ≥ 0, was " + amount);
      }
      if (!elsewhere(() -> fetch(amount))) {
        demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
        drain();
      }
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      if (!elsewhere(() -> endHandler(h))) {
        endHandler = h;
      }
      return this;
    }
  }
}
