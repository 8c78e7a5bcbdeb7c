package org.xcaibridge.soap;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.streams.WriteStream;
import java.util.random.RandomGenerator;

/** Writes a {@link SoapOutbound} as an HTTP body: the same for a client request and a server response. */
final class OutboundSender {
  private OutboundSender() {}

  /**
   * Sets the Content-Type (and Content-Length, or chunking for MTOM, whose length is not known up front) and
   * writes the whole body into {@code out}, ending it. On failure {@code out} is left unended (see
   * {@link MtomWriter#write}): the caller resets it, so that a cut body never looks complete.
   */
  static Future<Void> send(SoapOutbound message, MultiMap headers, Runnable chunked, WriteStream<Buffer> out,
      RandomGenerator random) {
    if (!message.mtom()) {
      headers.set(HttpHeaders.CONTENT_TYPE, message.plainContentType());
      headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(message.envelope().length()));
      return out.end(message.envelope());
    }
    MtomWriter writer = MtomWriter.create(message.action(), random);
    headers.set(HttpHeaders.CONTENT_TYPE, writer.contentType());
    chunked.run();
    try {
      return writer.write(message.envelope(), message.attachments(), out);
    } catch (IllegalArgumentException e) { // a Content-ID or Content-Type that cannot go on the wire
      return Future.failedFuture(e);
    }
  }
}
