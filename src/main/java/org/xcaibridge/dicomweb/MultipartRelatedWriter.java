package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Writes a {@code multipart/related} body (RFC 2387, RFC 2046 §5.1; PS3.18 §8.6.1.2) part by part from
 * streams, with back-pressure, in the exact framing the DICOMweb clients parse (dicomweb.md §1.3): the
 * body starts with {@code --boundary CRLF} (dicomweb-client JS takes the boundary from the first line,
 * cornerstone too), part headers are {@code Content-Type:} (spelt so: cornerstone looks for that exact
 * prefix), {@code Content-Location:} and an optional {@code Content-Length:}, all within 1000 bytes
 * (dicomweb-client's search window); each part ends with CRLF before the next delimiter; the closing
 * delimiter {@code --boundary--} is written only by {@link #end()}. The boundary is 40 random letters and
 * digits, so it needs no quotes in the Content-Type (the Python client strips them anyway).
 *
 * <p>A failure while a part streams (the source breaks, or a declared Content-Length is not met) never
 * writes the closing delimiter: the writer calls its abort action, which for an HTTP response resets the
 * connection, so that no client can take the truncated body for a complete one (dicomweb-client and the
 * Python client would otherwise return the parts before the break as if they were all).
 *
 * <p>Use from one Vert.x context; parts are written one after the other.
 */
public final class MultipartRelatedWriter {
  /** dicomweb-client JS looks for the end of a part's headers within this many bytes. */
  static final int MAX_PART_HEADER_BYTES = 1000;
  private static final Random RANDOM = new SecureRandom();
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * One part: its headers, and its bytes as a stream. {@code contentLength} is -1 when unknown; when
   * known, the stream must deliver exactly that many bytes. {@code cancel} (may be null) is called when
   * the response fails while this part streams, to release what the stream holds (a file, an upstream).
   * {@code sender} (may be null) writes the same bytes itself, more cheaply, when the writer answers an HTTP
   * request ({@link #forRequest}); the body stream is then left unread.
   */
  public record Part(String contentType, String contentLocation, long contentLength, ReadStream<Buffer> body,
                     Runnable cancel, BodySender sender) {
    public Part {
      checkHeaderValue("Content-Type", contentType);
      if (contentLocation != null) {
        checkHeaderValue("Content-Location", contentLocation);
      }
      if (body == null) {
        throw new IllegalArgumentException("a part needs a body stream");
      }
    }

    public Part(String contentType, String contentLocation, long contentLength, ReadStream<Buffer> body,
        Runnable cancel) {
      this(contentType, contentLocation, contentLength, body, cancel, null);
    }

    public Part(String contentType, String contentLocation, long contentLength, ReadStream<Buffer> body) {
      this(contentType, contentLocation, contentLength, body, null, null);
    }
  }

  /**
   * Writes a part's head and then its bytes into a request's response, exactly the bytes its body stream would give,
   * without ending the response; completes once the last is written (a cached instance's file regions, say: see
   * StoredInstance), with the number of bytes it wrote past the response's own count ({@code bytesWritten()}), as
   * file regions are. The head is the sender's to write so that it can leave with the first bytes.
   */
  @FunctionalInterface
  public interface BodySender {
    Future<Long> sendTo(HttpServerRequest request, Buffer head);
  }

  /** Hands out the parts of a response one at a time; a null part ends the response. */
  @FunctionalInterface
  public interface PartSource {
    Future<Part> next();
  }

  private enum State { OPEN, STREAMING, ENDED, FAILED }

  private final WriteStream<Buffer> out;
  private final String boundary;
  private final Runnable abort;
  private HttpServerRequest request; // set when answering one: parts may then send themselves
  private boolean bodyRead; // the part streaming now is read from its body stream
  private LongConsumer bytesAside = n -> { };
  private State state = State.OPEN;
  private int parts;
  private Part current;
  private Promise<Void> currentDone;

  /** Writes to {@code out}; {@code abort} ends the transport without a clean end when a part fails. */
  public MultipartRelatedWriter(WriteStream<Buffer> out, String boundary, Runnable abort) {
    if (boundary.isEmpty() || boundary.length() > 70 || !boundary.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      throw new IllegalArgumentException("a boundary is 1 to 70 letters and digits, was '" + boundary + "'");
    }
    this.out = out;
    this.boundary = boundary;
    this.abort = abort;
    out.exceptionHandler(this::fail);
  }

  /**
   * Starts a 200 answer on {@code response}: {@code Content-Type: multipart/related; type="<type>";
   * boundary=<random>} (with {@code transfer-syntax} when one applies to every part), chunked, and a
   * reset of the connection as the abort action.
   */
  public static MultipartRelatedWriter forResponse(HttpServerResponse response, String type, String transferSyntax) {
    MultipartRelatedWriter w = new MultipartRelatedWriter(response, newBoundary(RANDOM), () -> response.reset());
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", w.contentType(type, transferSyntax));
    response.closeHandler(v -> w.fail(new IllegalStateException("the client closed the connection")));
    return w;
  }

  /** As {@link #forResponse} on {@code request}'s response; parts with a {@link BodySender} send themselves. */
  public static MultipartRelatedWriter forRequest(HttpServerRequest request, String type, String transferSyntax) {
    MultipartRelatedWriter w = forResponse(request.response(), type, transferSyntax);
    w.request = request;
    return w;
  }

  /**
   * Hears, as each part that sent itself ends, of the bytes it wrote that the response's {@code bytesWritten()}
   * does not count (file regions), so that whoever counts the bytes of responses can add them.
   */
  public MultipartRelatedWriter onBytesAside(LongConsumer consumer) {
    this.bytesAside = consumer;
    return this;
  }

  public static String newBoundary(Random random) {
    StringBuilder sb = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  public String boundary() {
    return boundary;
  }

  /** The Content-Type header of the whole body, {@code type} and {@code boundary} as PS3.18 §8.6.1.2 requires. */
  public String contentType(String type, String transferSyntax) {
    return contentType(type, transferSyntax, boundary);
  }

  /** The same for a given boundary: what a HEAD request is told without a writer. */
  static String contentType(String type, String transferSyntax, String boundary) {
    checkHeaderValue("type", type);
    return "multipart/related; type=\"" + type + "\"" + (transferSyntax == null ? "" : "; transfer-syntax="
        + transferSyntax) + "; boundary=" + boundary;
  }

  /** Writes every part {@code source} hands out, then the closing delimiter; aborts on the first failure. */
  public Future<Void> writeAll(PartSource source) {
    Promise<Void> done = Promise.promise();
    nextPart(source, done);
    return done.future();
  }

  private void nextPart(PartSource source, Promise<Void> done) {
    Future<Part> next;
    try {
      next = source.next();
    } catch (RuntimeException e) {
      next = Future.failedFuture(e);
    }
    next.onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
        done.fail(ar.cause());
      } else if (ar.result() == null) {
        end().onComplete(done);
      } else {
        write(ar.result()).onSuccess(v -> nextPart(source, done)).onFailure(done::fail);
      }
    });
  }

  /** Streams one part; the future completes when its last byte has been handed to the output. */
  public Future<Void> write(Part part) {
    if (state != State.OPEN) {
      if (part.cancel() != null) {
        part.cancel().run();
      }
      return Future.failedFuture(new IllegalStateException("the multipart body is " + state.name().toLowerCase()));
    }
    StringBuilder h = new StringBuilder(200);
    h.append(parts == 0 ? "--" : "\r\n--").append(boundary).append("\r\n");
    h.append("Content-Type: ").append(part.contentType()).append("\r\n");
    if (part.contentLocation() != null) {
      h.append("Content-Location: ").append(part.contentLocation()).append("\r\n");
    }
    if (part.contentLength() >= 0) {
      h.append("Content-Length: ").append(part.contentLength()).append("\r\n");
    }
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
    if (head.length - boundary.length() - 6 > MAX_PART_HEADER_BYTES) {
      throw new IllegalArgumentException("part headers of " + head.length + " bytes exceed the "
          + MAX_PART_HEADER_BYTES + " bytes clients search for their end");
    }
    parts++;
    state = State.STREAMING;
    current = part;
    Promise<Void> done = Promise.promise();
    currentDone = done;
    if (request != null && part.sender() != null) {
      bodyRead = false;
      send(part, Buffer.buffer(head), done);
      return done.future();
    }
    out.write(Buffer.buffer(head));
    bodyRead = true;
    long[] seen = {0};
    ReadStream<Buffer> body = part.body();
    body.exceptionHandler(this::fail);
    body.endHandler(v -> {
      if (state != State.STREAMING || current != part) {
        return;
      }
      if (part.contentLength() >= 0 && seen[0] != part.contentLength()) {
        fail(new IllegalStateException("part " + parts + " declared " + part.contentLength() + " bytes but its source"
            + " gave " + seen[0]));
        return;
      }
      state = State.OPEN;
      current = null;
      currentDone = null;
      out.drainHandler(null);
      done.complete();
    });
    body.handler(buf -> {
      if (state != State.STREAMING || current != part) {
        return;
      }
      seen[0] += buf.length();
      out.write(buf);
      if (out.writeQueueFull()) {
        body.pause();
        out.drainHandler(d -> {
          if (state == State.STREAMING && current == part) {
            body.resume();
          }
        });
      }
    });
    body.resume();
    return done.future();
  }

  private void send(Part part, Buffer head, Promise<Void> done) {
    Future<Long> sent;
    try {
      sent = part.sender().sendTo(request, head);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(ar -> {
      if (state != State.STREAMING || current != part) {
        return;
      }
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      bytesAside.accept(ar.result());
      state = State.OPEN;
      current = null;
      currentDone = null;
      done.complete();
    });
  }

  /** Writes the closing delimiter and ends the output: the body is complete. */
  public Future<Void> end() {
    if (state != State.OPEN) {
      return Future.failedFuture(new IllegalStateException("cannot end a multipart body that is "
          + state.name().toLowerCase()));
    }
    state = State.ENDED;
    String close = (parts == 0 ? "--" : "\r\n--") + boundary + "--\r\n";
    return out.end(Buffer.buffer(close, "US-ASCII"));
  }

  /**
   * Abandons the body: the closing delimiter is never written, the part streaming now is cancelled, and
   * the output is aborted (for a response: the connection is reset). Calling it again does nothing.
   */
  public void fail(Throwable cause) {
    if (state == State.FAILED || state == State.ENDED) {
      return;
    }
    state = State.FAILED;
    Part p = current;
    Promise<Void> done = currentDone;
    current = null;
    currentDone = null;
    if (p != null) {
      if (bodyRead) {
        p.body().handler(null);
      }
      if (p.cancel() != null) {
        p.cancel().run();
      }
    }
    abort.run();
    if (done != null) {
      done.tryFail(cause);
    }
  }

  public boolean failed() {
    return state == State.FAILED;
  }

  private static void checkHeaderValue(String name, String value) {
    if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
      throw new IllegalArgumentException(name + " must be a non-empty header value without control characters");
    }
  }
}
