package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * An HTTP answer to a SOAP request, as {@link SoapHttpClient} hands it over once the status line and headers
 * are in: the body is being read by {@code body}. A SOAP fault comes with status 400 or 500 (SOAP 1.2 Part 2
 * §7.5.2.2) and is read like any envelope ({@link SoapReader} throws {@link SoapFaultException}).
 *
 * @param statusCode the HTTP status
 * @param headers    the HTTP response headers
 * @param body       the streaming reader of the body: {@link MtomStreamReader#root()} is the envelope
 */
public record SoapHttpResponse(int statusCode, MultiMap headers, MtomStreamReader body) {
  /** The envelope (the MTOM root part, or the whole plain SOAP body). */
  public Future<Buffer> root() {
    return body.root();
  }

  /** Completes when the whole body has been read and every attachment delivered. */
  public Future<Void> end() {
    return body.end();
  }
}
