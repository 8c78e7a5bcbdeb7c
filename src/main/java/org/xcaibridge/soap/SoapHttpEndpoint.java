package org.xcaibridge.soap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

/**
 * The responder side of the SOAP 1.2 HTTP binding (SOAP 1.2 Part 2 §7) on a Vert.x {@link HttpServerRequest}:
 * reads a request, plain or MTOM, with {@link MtomStreamReader} (the envelope bounded by {@link MtomLimits},
 * attachments as streams), answers with a {@link SoapOutbound} whose attachments stream out with
 * back-pressure, and answers failures with a SOAP fault chosen by {@link FaultAnswer}.
 *
 * <p>A request refused halfway (a limit, broken framing) still has body bytes on the way. After the fault is
 * sent, up to {@link #maxDiscardBytes} more are read and dropped, so the client, which may still be writing,
 * gets to read the fault instead of a connection reset; past that the connection is closed. Use on the
 * request's context.
 */
public final class SoapHttpEndpoint {
  private final MtomLimits limits;
  private final Set<QName> inlineBinary;
  private final long maxDiscardBytes;
  private final SoapWriter writer;
  private final RandomGenerator random;

  /**
   * @param limits          bounds on the requests read
   * @param maxDiscardBytes most bytes of a refused request's body read and dropped after its fault, ≥ 0
   * @param writer          writes fault envelopes
   * @param random          source of MTOM boundaries and root Content-IDs (a {@code SecureRandom} in production)
   */
  public SoapHttpEndpoint(MtomLimits limits, long maxDiscardBytes, SoapWriter writer, RandomGenerator random) {
    this(limits, Set.of(), maxDiscardBytes, writer, random);
  }

  /**
   * @param inlineBinary elements whose inline base64 content in a plain SOAP request streams on as attachments
   *                     (see {@link MtomStreamReader#read(io.vertx.core.streams.ReadStream, String, MtomLimits,
   *                     Set, Handler)})
   */
  public SoapHttpEndpoint(MtomLimits limits, Set<QName> inlineBinary, long maxDiscardBytes, SoapWriter writer,
      RandomGenerator random) {
    this.inlineBinary = Set.copyOf(inlineBinary);
    if (maxDiscardBytes < 0) {
      throw new IllegalArgumentException("maxDiscardBytes must be ≥ 0, was " + maxDiscardBytes);
    }
    this.limits = Objects.requireNonNull(limits, "limits");
    this.maxDiscardBytes = maxDiscardBytes;
    this.writer = Objects.requireNonNull(writer, "writer");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Most bytes of a refused request's body read and dropped after its fault. */
  public long maxDiscardBytes() {
    return maxDiscardBytes;
  }

  /**
   * Starts reading the request body. Its {@link MtomStreamReader#root()} is the envelope; a missing or
   * unusable Content-Type fails it (a {@link MultipartException}, for {@link #fault}).
   *
   * @param attachments called for each attachment of the request, in wire order
   */
  public MtomStreamReader read(HttpServerRequest request, Handler<MtomAttachment> attachments) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return MtomStreamReader.read(request, contentType == null ? "" : contentType, limits, inlineBinary,
        attachments);
  }

  /**
   * Sends {@code answer} with {@code status} (200 for a response, or the fault's status). If sending fails
   * halfway (an attachment stream fails), the response is reset so the client sees a broken message rather
   * than a short one; attachment streams not yet read are the caller's to release.
   */
  public Future<Void> respond(HttpServerRequest request, int status, SoapOutbound answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(status);
    Future<Void> sent = OutboundSender.send(answer, response.headers(), () -> response.setChunked(true), response,
        random);
    return sent.onFailure(cause -> response.reset());
  }

  /**
   * Answers {@code failure} with a SOAP fault ({@link FaultAnswer#of}) and then drops what is left of the
   * request body (see the class comment). Whoever was reading the body gets nothing more.
   *
   * @param relatesTo the request's {@code wsa:MessageID} when it was read, else null
   */
  public Future<Void> fault(HttpServerRequest request, Throwable failure, String relatesTo) {
    return fault(request, FaultAnswer.of(failure), relatesTo);
  }

  /** Answers with the given fault, then drops what is left of the request body. */
  public Future<Void> fault(HttpServerRequest request, FaultAnswer answer, String relatesTo) {
    byte[] envelope;
    try {
      envelope = writer.fault(relatesTo, answer.fault(), answer.notUnderstood());
    } catch (XMLStreamException e) {
      request.response().reset();
      return Future.failedFuture(e);
    }
    discardRest(request);
    return respond(request, answer.httpStatus(),
        SoapOutbound.plain(SoapWriter.FAULT_ACTION, Buffer.buffer(envelope)));
  }

  /**
   * Takes the request body over from whoever was reading it and drops the rest. Done on the next turn of the
   * context: the reader whose failure led here may still adjust the source (pause it) on its way out.
   */
  private void discardRest(HttpServerRequest request) {
    Context context = Vertx.currentContext();
    if (context == null) {
      dropRest(request);
    } else {
      context.runOnContext(v -> dropRest(request));
    }
  }

  private void dropRest(HttpServerRequest request) {
    if (request.isEnded()) {
      return;
    }
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > maxDiscardBytes) {
        request.handler(null);
        request.connection().close();
      }
    });
    request.resume();
  }
}
