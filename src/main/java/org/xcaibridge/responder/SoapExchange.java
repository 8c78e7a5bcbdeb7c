package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapFaultException;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * One SOAP 1.2 request/response exchange of a responder service (SOAP 1.2 Part 2 §7, WS-Addressing 1.0): reads
 * the request with {@link SoapHttpEndpoint} (plain or MTOM; attachments of a request are read and dropped), checks
 * that nothing not understood is marked mustUnderstand, that the wsa:Action is the transaction's and that the body
 * is its message, lets the service work out the answer, and sends it with the transaction's response action and a
 * wsa:RelatesTo naming the request — as MTOM with the answer's attachments streaming, or plain. A request refused
 * as a whole is answered with the fault {@link RequestFaults} picks. Once the answer is sent, ended or broken off,
 * every attachment body that is {@link Releasable} is released. Runs on the request's context.
 */
final class SoapExchange {
  private static final Logger LOG = LoggerFactory.getLogger(SoapExchange.class);

  /** An attachment body holding a file or connection until read to its end, which the exchange lets go of. */
  interface Releasable {
    void release();
  }

  /**
   * What to answer: the body and, for an MTOM transaction, the attachments its {@code xop:Include}s name, in the
   * order they are to be sent.
   */
  record Reply(IheMessage body, List<MtomAttachment> attachments) {
    Reply {
      Objects.requireNonNull(body, "body");
      attachments = List.copyOf(attachments);
    }
  }

  private final SoapHttpEndpoint endpoint;
  private final IheCodec codec = IheCodec.withDefaults();
  private final SoapWriter writer = new SoapWriter(UUID::randomUUID);

  SoapExchange(SoapHttpEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
  }

  /**
   * Serves one request of {@code transaction}, whose body must be a {@code type}.
   *
   * @param answer works out the reply; a failed future is a Receiver fault (archive failures that concern single
   *               documents belong in the reply as RegistryErrors instead)
   */
  <T extends IheMessage> void serve(HttpServerRequest request, IheTransaction transaction, Class<T> type,
      Function<T, Future<Reply>> answer) {
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end();
      return;
    }
    String[] relatesTo = {null};
    var body = endpoint.read(request, a -> a.body().handler(chunk -> { }).endHandler(v -> { }));
    body.root()
        .compose(envelope -> {
          T asked;
          try {
            SoapMessage<IheMessage> message = parse(envelope);
            relatesTo[0] = message.headers().addressing().messageId().orElse(null);
            asked = check(message, transaction, type);
          } catch (XMLStreamException | SoapFaultException | RuntimeException e) {
            return Future.failedFuture(e);
          }
          return body.end().map(asked); // the rest of the body may still break a limit
        })
        .compose(answer)
        .compose(reply -> send(request, transaction, relatesTo[0], reply))
        .onFailure(failure -> {
          if (request.response().headWritten()) {
            LOG.warn("{} answer broken off, the connection is reset: {}", label(transaction), failure.toString());
            return;
          }
          if (!(failure instanceof InvalidRequestException)) {
            LOG.debug("{} request refused", label(transaction), failure);
          }
          endpoint.fault(request, RequestFaults.of(failure), relatesTo[0]);
        });
  }

  private SoapMessage<IheMessage> parse(Buffer envelope) throws XMLStreamException, SoapFaultException {
    return SoapReader.read(envelope.getBytes(), XmlLimits.DEFAULT, in -> {
      try {
        return codec.read(in);
      } catch (IheParseException e) {
        throw new InvalidRequestException(InvalidRequestException.Kind.BODY,
            "the body is not an IHE message this responder can read: " + e.getMessage(), e);
      }
    });
  }

  private static <T extends IheMessage> T check(SoapMessage<IheMessage> message, IheTransaction transaction,
      Class<T> type) {
    if (!message.headers().notUnderstood().isEmpty()) {
      throw new InvalidRequestException(InvalidRequestException.Kind.NOT_UNDERSTOOD, "header blocks marked"
          + " mustUnderstand are not processed by this responder: " + message.headers().notUnderstood(), null);
    }
    String action = message.headers().addressing().action().orElse(null);
    if (action == null) {
      throw new InvalidRequestException(InvalidRequestException.Kind.NO_ACTION, "the request has no wsa:Action"
          + " header; this endpoint serves " + label(transaction) + " (" + transaction.requestAction() + ")", null);
    }
    if (!action.equals(transaction.requestAction())) {
      throw new InvalidRequestException(InvalidRequestException.Kind.WRONG_ACTION, "this endpoint serves "
          + label(transaction) + " (wsa:Action " + transaction.requestAction() + "), not " + action, null);
    }
    if (!type.isInstance(message.body())) {
      throw new InvalidRequestException(InvalidRequestException.Kind.WRONG_MESSAGE, label(transaction)
          + " requests carry a " + type.getSimpleName() + ", this body is a "
          + message.body().getClass().getSimpleName(), null);
    }
    return type.cast(message.body());
  }

  private Future<Void> send(HttpServerRequest request, IheTransaction transaction, String relatesTo, Reply reply) {
    byte[] envelope;
    try {
      envelope = writer.response(transaction.responseAction(), relatesTo, SecurityHeader.none(),
          w -> codec.write(w, reply.body()));
    } catch (XMLStreamException | RuntimeException e) {
      release(reply);
      return Future.failedFuture(e);
    }
    SoapOutbound outbound = transaction.mtom()
        ? SoapOutbound.mtom(transaction.responseAction(), Buffer.buffer(envelope), reply.attachments())
        : SoapOutbound.plain(transaction.responseAction(), Buffer.buffer(envelope));
    request.response().closeHandler(v -> release(reply)); // the peer went away: let go of open instances
    return endpoint.respond(request, 200, outbound).onComplete(ar -> release(reply));
  }

  private static void release(Reply reply) {
    for (MtomAttachment a : reply.attachments()) {
      if (a.body() instanceof Releasable r) {
        r.release();
      }
    }
  }

  static String label(IheTransaction transaction) {
    return transaction.name().replace('_', '-');
  }
}
