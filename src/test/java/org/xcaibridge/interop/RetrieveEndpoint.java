package org.xcaibridge.interop;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.stream.XMLStreamException;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.soap.FaultAnswer;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.MtomStreamReader;
import org.xcaibridge.soap.MustUnderstandException;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.soap.SoapOutbound;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;

/**
 * Test glue: a RAD-69/RAD-75/ITI-39 responder on Vert.x built from our pieces only — {@link SoapHttpEndpoint}
 * reads the request, {@link SoapReader} + {@link IheCodec} make the model, and the answer is a
 * RetrieveDocumentSetResponse with one MTOM attachment per known document (streamed from {@link ByteSource}),
 * PartialSuccess with an XDSDocumentUniqueIdError for unknown ones. Listens on 127.0.0.1, a free port.
 */
final class RetrieveEndpoint implements AutoCloseable {
  static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.999";
  static final int CHUNK = 16 * 1024;

  /** What one request turned into: its Content-Type, the model and headers read, or the failure. */
  record Seen(String contentType, SoapMessage<IheMessage> message, Throwable failure) {}

  /** An attachment of a request (none are expected): how many bytes came and how its stream ended. */
  record RequestAttachment(String contentId, long bytes, Throwable failure) {}

  private final HttpServer server;
  private final SoapHttpEndpoint soap;
  private final Documents documents;
  private final IheCodec codec = IheCodec.withDefaults();
  private final SoapWriter writer = new SoapWriter(UUID::randomUUID);
  final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<RequestAttachment> requestAttachments = new ConcurrentLinkedQueue<>();

  private RetrieveEndpoint(Vertx vertx, Documents documents, MtomLimits limits) {
    this.documents = documents;
    this.soap = new SoapHttpEndpoint(limits, 1 << 20, writer, new SecureRandom());
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::handle);
  }

  static RetrieveEndpoint start(Vertx vertx, Documents documents, MtomLimits limits) throws Exception {
    RetrieveEndpoint e = new RetrieveEndpoint(vertx, documents, limits);
    Interop.await(e.server.listen());
    return e;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  @Override
  public void close() throws Exception {
    Interop.await(server.close());
  }

  /** A body reader failure that is the sender's: the body is not a message we read. */
  private static final class BadBody extends RuntimeException {
    BadBody(IheParseException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).end();
      return;
    }
    String contentType = request.getHeader("Content-Type");
    String[] relatesTo = {null};
    MtomStreamReader body = soap.read(request, this::drain);
    body.root()
        .compose(this::parse)
        .compose(message -> {
          relatesTo[0] = message.headers().addressing().messageId().orElse(null);
          return body.end().map(message); // the rest of the body may still break a limit
        })
        .compose(message -> {
          seen.add(new Seen(contentType, message, null));
          return answer(request, message);
        })
        .onFailure(failure -> {
          seen.add(new Seen(contentType, null, failure));
          if (!request.response().headWritten()) {
            soap.fault(request, faultFor(failure), relatesTo[0]);
          }
        });
  }

  /** Reads a request attachment to its end, counting, and records how it ended. */
  private void drain(MtomAttachment a) {
    long[] bytes = {0};
    a.body().handler(b -> bytes[0] += b.length());
    a.body().endHandler(v -> requestAttachments.add(new RequestAttachment(a.contentId(), bytes[0], null)));
    a.body().exceptionHandler(e -> requestAttachments.add(new RequestAttachment(a.contentId(), bytes[0], e)));
  }

  private Future<SoapMessage<IheMessage>> parse(Buffer envelope) {
    try {
      return Future.succeededFuture(SoapReader.read(envelope.getBytes(), XmlLimits.DEFAULT, in -> {
        try {
          return codec.read(in);
        } catch (IheParseException e) {
          throw new BadBody(e);
        }
      }));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private static FaultAnswer faultFor(Throwable f) {
    if (f instanceof BadBody) {
      return FaultAnswer.sender("the body is not a message this endpoint reads");
    }
    if (f instanceof UnsupportedOperationException) {
      return FaultAnswer.sender(f.getMessage());
    }
    return FaultAnswer.of(f);
  }

  private Future<Void> answer(HttpServerRequest request, SoapMessage<IheMessage> message) {
    try {
      message.headers().requireUnderstood();
    } catch (MustUnderstandException e) {
      return Future.failedFuture(e); // a MustUnderstand fault with NotUnderstood headers (FaultAnswer.of)
    }
    String action = message.headers().addressing().action().orElse("");
    IheTransaction transaction = null;
    for (IheTransaction t : List.of(IheTransaction.RAD_75, IheTransaction.RAD_69, IheTransaction.ITI_39)) {
      if (t.requestAction().equals(action)) {
        transaction = t;
      }
    }
    List<DocumentRequest> asked;
    if (message.body() instanceof RetrieveImagingDocumentSetRequest r && transaction != IheTransaction.ITI_39) {
      asked = r.documentRequests();
    } else if (message.body() instanceof RetrieveDocumentSetRequest r && transaction == IheTransaction.ITI_39) {
      asked = r.documents();
    } else {
      return Future.failedFuture(
          new UnsupportedOperationException("action '" + action + "' is not served here for this body"));
    }
    Context context = Vertx.currentContext();
    List<DocumentResponse> found = new ArrayList<>();
    List<RegistryError> errors = new ArrayList<>();
    List<MtomAttachment> attachments = new ArrayList<>();
    for (DocumentRequest d : asked) {
      if (!documents.has(d.documentUniqueId())) {
        errors.add(RegistryError.error(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR, d.documentUniqueId(), HOME));
        continue;
      }
      String cid = (attachments.size() + 1) + "." + UUID.randomUUID() + "@xcaibridge.test";
      found.add(DocumentResponse.answering(d, "application/dicom", DocumentContent.XopInclude.ofContentId(cid)));
      attachments.add(new MtomAttachment(cid, "application/dicom",
          new ByteSource(context, documents.get(d.documentUniqueId()), CHUNK)));
    }
    RetrieveDocumentSetResponse response = RetrieveDocumentSetResponse.of(found, errors);
    byte[] envelope;
    try {
      envelope = writer.response(transaction.responseAction(),
          message.headers().addressing().messageId().orElse(null), SecurityHeader.none(),
          w -> codec.write(w, response));
    } catch (XMLStreamException e) {
      return Future.failedFuture(e);
    }
    return soap.respond(request, 200,
        SoapOutbound.mtom(transaction.responseAction(), Buffer.buffer(envelope), attachments));
  }

  /** The last request seen, for assertions. */
  Optional<Seen> last() {
    return seen.stream().reduce((a, b) -> b);
  }
}
