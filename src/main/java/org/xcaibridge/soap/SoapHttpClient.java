package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import javax.xml.namespace.QName;

/**
 * The client side of the SOAP 1.2 HTTP binding (SOAP 1.2 Part 2 §7) over a Vert.x {@link HttpClient}: posts
 * a {@link SoapOutbound}, plain or MTOM, streaming its attachments with back-pressure, and reads the answer
 * with {@link MtomStreamReader}, so the envelope arrives whole (bounded by {@link MtomLimits}) and each
 * attachment as its own stream.
 *
 * <p>When sending fails (an attachment stream fails, the connection drops) or the answer's body cannot be read
 * to its end (cut short, over a limit, not SOAP), the HTTP request is reset: a half-sent body never looks
 * whole to the peer, and a half-read connection never goes back to the pool. Timeouts are the caller's, in the
 * {@link RequestOptions}. Runs on the caller's context.
 */
public final class SoapHttpClient {
  private final HttpClient http;
  private final MtomLimits limits;
  private final Set<QName> inlineBinary;
  private final RandomGenerator random;

  /**
   * @param limits bounds on the answers read
   * @param random source of MTOM boundaries and root Content-IDs (a {@code SecureRandom} in production)
   */
  public SoapHttpClient(HttpClient http, MtomLimits limits, RandomGenerator random) {
    this(http, limits, Set.of(), random);
  }

  /**
   * @param inlineBinary elements whose inline base64 content in a plain SOAP answer streams on as attachments
   *                     (see {@link MtomStreamReader#read(io.vertx.core.streams.ReadStream, String, MtomLimits,
   *                     Set, Handler)})
   */
  public SoapHttpClient(HttpClient http, MtomLimits limits, Set<QName> inlineBinary, RandomGenerator random) {
    this.http = Objects.requireNonNull(http, "http");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.inlineBinary = Set.copyOf(inlineBinary);
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Posts {@code message} to where {@code target} points (method forced to POST). The future completes with
   * the response once its status and headers are in, whatever the status; it fails when no response came.
   *
   * @param attachments called for each attachment of the answer, in wire order (see {@link MtomStreamReader})
   */
  public Future<SoapHttpResponse> post(RequestOptions target, SoapOutbound message,
      Handler<MtomAttachment> attachments) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(attachments, "attachments");
    RequestOptions options = new RequestOptions(target).setMethod(HttpMethod.POST);
    return http.request(options).compose(request -> {
      OutboundSender.send(message, request.headers(), () -> request.setChunked(true), request, random)
          .onFailure(cause -> request.reset(0, cause));
      return request.response().map(response -> {
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        MtomStreamReader body = MtomStreamReader.read(response, contentType == null ? "" : contentType, limits,
            inlineBinary, attachments);
        body.end().onFailure(cause -> request.reset(0, cause));
        return new SoapHttpResponse(response.statusCode(), response.headers(), body);
      });
    });
  }
}
