package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.security.SecureRandom;
import java.util.function.Function;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomStreamReader;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * Takes one SOAP request off HTTP for a {@link SoapTransaction} and sends its answer: reads the body, plain or MTOM,
 * within the {@link ResponderSettings} limits (attachments, which no request here carries, are read and dropped);
 * refuses header blocks it must understand and does not, a missing action and an action the endpoint does not
 * serve; reads the body with our codec; and writes the answer with the response action and a RelatesTo naming the
 * request's MessageID. What it refuses becomes a fault through {@link ResponderFaults}. Runs on the request's
 * event loop: the envelope is bounded, and the transactions do their heavy work on workers.
 */
final class SoapDoor {
  /** SOAP 1.2 Part 2 §7.1.4 / RFC 3902: the action as a media type parameter, quoted or not. */
  private static final Pattern ACTION_PARAM = Pattern.compile("(?i)(?:^|;)\\s*action\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

  private final ResponderSettings settings;
  private final SoapHttpEndpoint endpoint;
  private final SoapWriter writer = new SoapWriter(UUID::randomUUID);
  private final IheCodec codec;
  private final Function<IheTransaction, String> servedAt;

  /** @param servedAt the path a transaction is served at here, or null when it is not */
  SoapDoor(ResponderSettings settings, Function<IheTransaction, String> servedAt) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.servedAt = Objects.requireNonNull(servedAt, "servedAt");
    this.endpoint = new SoapHttpEndpoint(settings.requestLimits(), settings.maxDiscardBytes(), writer,
        new SecureRandom());
    this.codec = new IheCodec(settings.iheLimits());
  }

  /** What the body turned into: the codec's model, or why it could not be read, and the root element's name. */
  private record Body(String root, IheMessage message, IheParseException failure) {}

  void handle(HttpServerRequest request, SoapTransaction transaction) {
    String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String[] relatesTo = {null};
    MtomStreamReader body = endpoint.read(request, SoapDoor::drop);
    body.root()
        .compose(envelope -> parse(envelope))
        .compose(message -> {
          relatesTo[0] = message.headers().addressing().messageId().orElse(null);
          return body.end().map(message); // what follows the envelope may still break a limit
        })
        .compose(message -> answer(transaction, message, contentType))
        .compose(reply -> send(request, transaction.transaction(), relatesTo[0], reply))
        .onFailure(failure -> {
          if (!request.response().headWritten()) {
            endpoint.fault(request, ResponderFaults.fault(failure), relatesTo[0]);
          } else {
            request.response().reset(); // a broken answer must not look like a short one
          }
        });
  }

  private Future<SoapMessage<Body>> parse(Buffer envelope) {
    try {
      return Future.succeededFuture(SoapReader.read(envelope.getBytes(), settings.xmlLimits(), in -> {
        String root = in.getLocalName();
        try {
          return new Body(root, codec.read(in), null);
        } catch (IheParseException e) {
          if (e.getCause() instanceof XMLStreamException x) {
            throw x; // the XML broke (a limit, bad markup): the envelope reader says so better than we can
          }
          return new Body(root, null, e);
        }
      }));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private Future<SoapTransaction.Reply> answer(SoapTransaction t, SoapMessage<Body> message, String contentType) {
    SoapHeaders headers = message.headers();
    IheTransaction served = t.transaction();
    if (!headers.notUnderstood().isEmpty()) {
      return refuse(SoapRequestException.Kind.NOT_UNDERSTOOD, "header blocks marked mustUnderstand are not "
          + "processed here: " + headers.notUnderstood(), null);
    }
    String action = headers.addressing().action().orElseGet(() -> contentTypeAction(contentType));
    if (action == null || action.isBlank()) {
      return refuse(SoapRequestException.Kind.MISSING_ACTION, "the request has no wsa:Action header; this endpoint "
          + "serves " + served.name().replace('_', '-') + " (" + served.requestAction() + ")", null);
    }
    if (!served.requestAction().equals(action)) {
      return refuse(SoapRequestException.Kind.ACTION_NOT_SUPPORTED, "action " + action + " is not served at this "
          + "endpoint; it serves " + served.name().replace('_', '-') + " (" + served.requestAction() + ")"
          + elsewhere(action), action);
    }
    Body body = message.body();
    if (body.failure() != null) {
      SoapTransaction.Reply inBand = t.requestRoot().equals(body.root()) ? t.refused(body.failure()) : null;
      if (inBand != null) {
        return Future.succeededFuture(inBand);
      }
      return Future.failedFuture(new SoapRequestException(SoapRequestException.Kind.UNREADABLE_BODY,
          "the body cannot be read as " + t.requestRoot() + ": " + body.failure().getMessage(), null,
          body.failure()));
    }
    if (!t.requestType().isInstance(body.message())) {
      return refuse(SoapRequestException.Kind.WRONG_BODY, served.name().replace('_', '-') + " takes "
          + t.requestRoot() + " but the body holds " + body.root(), null);
    }
    return t.answer(body.message(), headers);
  }

  /** Where an action of another of our transactions is served, so a misrouted client learns the right path. */
  private String elsewhere(String action) {
    for (IheTransaction other : IheTransaction.values()) {
      if (other.requestAction().equals(action)) {
        String path = servedAt.apply(other);
        return path == null ? "" : "; " + other.name().replace('_', '-') + " is served at " + path;
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

  private static Future<SoapTransaction.Reply> refuse(SoapRequestException.Kind kind, String message, String action) {
    return Future.failedFuture(new SoapRequestException(kind, message, action, null));
  }

  private Future<Void> send(HttpServerRequest request, IheTransaction t, String relatesTo,
      SoapTransaction.Reply reply) {
    byte[] envelope;
    try {
      envelope = writer.response(t.responseAction(), relatesTo, SecurityHeader.none(),
          w -> codec.write(w, reply.body()));
    } catch (XMLStreamException | RuntimeException e) {
      return Future.failedFuture(e);
    }
    Buffer bytes = Buffer.buffer(envelope);
    SoapOutbound out = t.mtom() ? SoapOutbound.mtom(t.responseAction(), bytes, reply.attachments())
        : SoapOutbound.plain(t.responseAction(), bytes);
    return endpoint.respond(request, 200, out);
  }

  /** A request attachment: read and dropped (bounded by the MTOM limits); no transaction here takes one. */
  private static void drop(MtomAttachment a) {
    a.body().exceptionHandler(e -> { });
    a.body().endHandler(v -> { });
    a.body().handler(b -> { });
  }
}
