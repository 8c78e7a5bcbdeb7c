package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import javax.xml.stream.XMLStreamException;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/** Request envelopes out, answer envelopes in: the soap and ihe codecs, wired for one community's limits. */
final class Envelopes {
  /**
   * Envelopes up to this size are read on the event loop (a query answer of a few entries, a RAD-75 root part:
   * well under a millisecond); bigger ones, such as an ITI-38 answer with hundreds of entries, on a worker.
   */
  static final int EVENT_LOOP_PARSE_BYTES = 256 * 1024;

  private final IheCodec codec;
  private final XmlLimits xmlLimits;
  private final SoapWriter writer;

  Envelopes(CommunitySettings settings, SoapWriter writer) {
    this.codec = new IheCodec(settings.readLimits());
    long root = settings.mtomLimits().maxRootPartBytes();
    // the envelope may be as big as the MTOM root part; an inline base64 document is one long text node
    this.xmlLimits = XmlLimits.DEFAULT.withMaxDocumentBytes(Math.max(XmlLimits.DEFAULT.maxDocumentBytes(), root))
        .withMaxTextLength((int) Math.max(XmlLimits.DEFAULT.maxTextLength(), Math.min(Integer.MAX_VALUE, root)));
    this.writer = writer;
  }

  /** The request envelope: WS-Addressing To = the endpoint, the transaction's action, a fresh MessageID. */
  SoapWriter.Request request(IheTransaction transaction, URI to, SecurityHeader security, IheMessage body)
      throws XMLStreamException {
    return writer.request(transaction.requestAction(), to.toString(), security, w -> codec.write(w, body));
  }

  /**
   * Reads an answer envelope into its model; fails with the reader's exception (a {@code SoapFaultException}
   * for a fault, an {@code XMLStreamException} or {@link IheParseException} for anything unreadable).
   */
  <T extends IheMessage> Future<SoapMessage<T>> read(Vertx vertx, Buffer envelope, Class<T> type) {
    if (envelope.length() <= EVENT_LOOP_PARSE_BYTES) {
      try {
        return Future.succeededFuture(parse(envelope.getBytes(), type));
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    byte[] bytes = envelope.getBytes();
    return vertx.executeBlocking(() -> parse(bytes, type), false);
  }

  private <T extends IheMessage> SoapMessage<T> parse(byte[] envelope, Class<T> type) throws Exception {
    IheParseException[] failure = new IheParseException[1];
    try {
      return SoapReader.read(envelope, xmlLimits, in -> {
        try {
          return codec.read(in, type);
        } catch (IheParseException e) {
          failure[0] = e;
          throw new XMLStreamException(e.getMessage(), e);
        }
      });
    } catch (XMLStreamException e) {
      if (failure[0] != null) {
        throw failure[0];
      }
      throw e;
    }
  }
}
