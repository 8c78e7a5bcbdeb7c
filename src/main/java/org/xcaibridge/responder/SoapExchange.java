package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.FaultAnswer;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MustUnderstandException;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapFaultException;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;
import org.xcaibridge.trust.XuaAssertion;
import org.xcaibridge.trust.XuaRejectedException;

/**
 * One SOAP 1.2 request/response exchange of a responder service (SOAP 1.2 Part 2 §7, WS-Addressing 1.0): reads
 * the request with {@link SoapHttpEndpoint} (plain or MTOM; attachments of a request are read and dropped), checks
 * that nothing not understood is marked mustUnderstand, that the wsa:Action (or, failing that, the action parameter
 * of the Content-Type, SOAP 1.2 Part 2 §7.1.4) is the transaction's and that the body is its message, lets the
 * service work out the answer, and sends it with the transaction's response action and a wsa:RelatesTo naming the
 * request — as MTOM with the answer's attachments streaming, or plain. A request refused as a whole is answered
 * with the fault {@link RequestFaults} picks, unless the transaction answers a broken body of its own in its own
 * vocabulary ({@link Refusal}). Before the body is answered, the {@link RequestGuard} admits the request by its
 * XUA assertion (when the gateway asks for one); a refused assertion gets the WS-Security fault it calls for
 * (protocol.md §7, ITI TF-2b §3.40.4.1.3). Served and refused requests alike go to the audit trail. Once the
 * answer is sent, ended or broken off, every attachment body that is {@link Releasable} is released. Runs on the
 * request's context.
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

  /**
   * How a transaction answers a body that names its request but breaks its rules (ITI-38 answers a broken stored
   * query with a registry error): the reply, or null for a Sender fault.
   */
  @FunctionalInterface
  interface Refusal {
    Reply answer(String bodyRoot, IheParseException failure);
  }

  /** The body as read: the codec's model, or why it could not be read, and the local name of its element. */
  private record Body(String root, IheMessage message, IheParseException failure) {}

  /** SOAP 1.2 Part 2 §7.1.4 / RFC 3902: the action as a media type parameter, quoted or not. */
  private static final Pattern ACTION_PARAM = Pattern.compile("(?i)(?:^|;)\\s*action\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

  private final SoapHttpEndpoint endpoint;
  private final RequestGuard guard;
  private final IheCodec codec = IheCodec.withDefaults();
  private final SoapWriter writer = new SoapWriter(UUID::randomUUID);

  SoapExchange(SoapHttpEndpoint endpoint) {
    this(endpoint, RequestGuard.OPEN);
  }

  /** @param guard admits requests by their assertion and records them in the audit trail */
  SoapExchange(SoapHttpEndpoint endpoint, RequestGuard guard) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /**
   * Serves one request of {@code transaction}, whose body must be a {@code type}.
   *
   * @param answer works out the reply; a failed future is a Receiver fault (archive failures that concern single
   *               documents belong in the reply as RegistryErrors instead)
   */
  <T extends IheMessage> void serve(HttpServerRequest request, IheTransaction transaction, Class<T> type,
      Function<T, Future<Reply>> answer) {
    serve(request, transaction, type, answer, (root, failure) -> null);
  }

  /** As {@link #serve(HttpServerRequest, IheTransaction, Class, Function)}, a broken body answered by {@code refusal}. */
  <T extends IheMessage> void serve(HttpServerRequest request, IheTransaction transaction, Class<T> type,
      Function<T, Future<Reply>> answer, Refusal refusal) {
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).putHeader(HttpHeaders.ALLOW, "POST").end();
      return;
    }
    Served served = new Served();
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    var body = endpoint.read(request, a -> a.body().handler(chunk -> { }).endHandler(v -> { }));
    body.root()
        .compose(envelope -> {
          SoapMessage<Body> message;
          try {
            message = parse(envelope);
          } catch (XMLStreamException | SoapFaultException | RuntimeException e) {
            return Future.failedFuture(e);
          }
          served.relatesTo = message.headers().addressing().messageId().orElse(null);
          return body.end().map(message); // the rest of the body may still break a limit
        })
        .compose(message -> {
          Body b = message.body();
          served.headers = message.headers();
          check(message.headers(), contentType, transaction);
          served.request = type.isInstance(b.message()) ? b.message() : null;
          return guard.admit(message.headers()).compose(assertion -> {
            served.assertion = assertion;
            return answer(b, transaction, type, answer, refusal);
          });
        })
        .compose(reply -> {
          served.reply = reply.body();
          return send(request, transaction, served.relatesTo, reply);
        })
        .onSuccess(v -> guard.served(request, transaction, served.headers, served.request, served.reply,
            served.assertion))
        .onFailure(failure -> refused(request, transaction, served, failure));
  }

  /** What one exchange learnt on its way, for its answer and its audit record. */
  private static final class Served {
    String relatesTo;
    SoapHeaders headers;
    IheMessage request;
    IheMessage reply;
    Optional<XuaAssertion> assertion = Optional.empty();
  }

  /** The admitted request's answer: the service's, or the transaction's own words for a broken body. */
  private static <T extends IheMessage> Future<Reply> answer(Body b, IheTransaction transaction, Class<T> type,
      Function<T, Future<Reply>> answer, Refusal refusal) {
    if (b.failure() != null) {
      Reply inBand = refusal.answer(b.root(), b.failure());
      if (inBand != null) {
        return Future.succeededFuture(inBand);
      }
      throw new InvalidRequestException(InvalidRequestException.Kind.BODY, "the body is not a "
          + label(transaction) + " request this responder can read: " + b.failure().getMessage(), b.failure());
    }
    if (!type.isInstance(b.message())) {
      throw new InvalidRequestException(InvalidRequestException.Kind.WRONG_MESSAGE, label(transaction)
          + " requests carry " + type.getSimpleName() + "; this body is " + b.root(), null);
    }
    return answer.apply(type.cast(b.message()));
  }

  /** A refused assertion gets its WS-Security fault; anything else its fault from the table; all are audited. */
  private void refused(HttpServerRequest request, IheTransaction transaction, Served served, Throwable failure) {
    if (failure instanceof XuaRejectedException rejected) {
      guard.rejected(request, transaction, served.headers, served.request, rejected);
      endpoint.fault(request, new FaultAnswer(400, rejected.toSoapFault()), served.relatesTo);
      return;
    }
    if (served.headers != null && (served.assertion.isPresent() || !guard.asksForAssertions())) {
      guard.served(request, transaction, served.headers, served.request, null, served.assertion);
    }
    if (request.response().headWritten()) {
      LOG.warn("{} answer broken off, the connection is reset: {}", label(transaction), failure.toString());
      return;
    }
    if (!(failure instanceof InvalidRequestException)) {
      LOG.debug("{} request refused", label(transaction), failure);
    }
    endpoint.fault(request, RequestFaults.of(failure), served.relatesTo);
  }

  private SoapMessage<Body> parse(Buffer envelope) throws XMLStreamException, SoapFaultException {
    return SoapReader.read(envelope.getBytes(), XmlLimits.DEFAULT, in -> {
      String root = in.getLocalName();
      try {
        return new Body(root, codec.read(in), null);
      } catch (IheParseException e) {
        if (e.getCause() instanceof XMLStreamException x) {
          throw x; // the XML itself broke (a limit, bad markup): the SOAP layer's fault says so best
        }
        return new Body(root, null, e);
      }
    });
  }

  /** The headers: nothing not understood marked mustUnderstand, and the transaction's action. */
  private static void check(SoapHeaders headers, String contentType, IheTransaction transaction) {
    try {
      headers.requireUnderstood();
    } catch (MustUnderstandException e) { // the cause names the blocks for the fault's NotUnderstood headers
      throw new InvalidRequestException(InvalidRequestException.Kind.NOT_UNDERSTOOD, "header blocks marked"
          + " mustUnderstand are not processed by this responder: " + e.notUnderstood(), e);
    }
    String action = headers.addressing().action().orElseGet(() -> contentTypeAction(contentType));
    if (action == null || action.isBlank()) {
      throw new InvalidRequestException(InvalidRequestException.Kind.NO_ACTION, "the request has no wsa:Action"
          + " header; this endpoint serves " + label(transaction) + " (" + transaction.requestAction() + ")", null);
    }
    if (!action.equals(transaction.requestAction())) {
      throw new InvalidRequestException(InvalidRequestException.Kind.WRONG_ACTION, "this endpoint serves "
          + label(transaction) + " (wsa:Action " + transaction.requestAction() + "), not " + action
          + servedElsewhere(action), null, action);
    }
  }

  /** Where our gateway serves the transaction an action names, so a misrouted client learns the right path. */
  private static String servedElsewhere(String action) {
    for (IheTransaction other : IheTransaction.values()) {
      String path = RespondingGateway.PATHS.get(other);
      if (other.requestAction().equals(action) && path != null) {
        return "; " + label(other) + " is served at " + path;
      }
    }
    return "";
  }

  private static String contentTypeAction(String contentType) {
    if (contentType == null) {
      return null;
    }
    Matcher m = ACTION_PARAM.matcher(contentType);
    return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)).strip() : null;
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
