package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.RegistryResponse;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.soap.DirectChunks;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.SoapMessage;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaSubject;

/**
 * The initiating side toward one responding community (IHE XCA Initiating Gateway + XCA-I Initiating Imaging
 * Gateway, protocol.md §0): ITI-55, ITI-38, ITI-39 and RAD-75 over SOAP 1.2 with WS-Addressing (To = the
 * endpoint, the transaction's Action, a fresh MessageID), MTOM answers read as they stream, TLS for
 * {@code https} endpoints, the {@code wsse:Security} block from {@link InitiatorSetup#security()}, the timeouts
 * of {@link CommunitySettings}, retries per {@link RetryPolicy}, and an audit record of each transaction in
 * {@link InitiatorSetup#audit()} once it has ended. Failures are {@link GatewayException}s naming
 * the community.
 *
 * <p>One client per community; it owns its HTTP connection pool. Call from a Vert.x context (an event loop or
 * a verticle's); futures complete and stream handlers run on that context.
 */
public final class CommunityClient {
  /** The largest piece of a response body handed on at once (a read usually brings less). */
  public static final int MAX_RESPONSE_PIECE_BYTES = 1 << 20;

  private final Shared shared;
  private final Optional<XuaSubject> subject;

  /** What the views made by {@link #forSubject} share with the client they came from. */
  private record Shared(Vertx vertx, HttpClientAgent http, CommunityEndpoints endpoints,
      CommunitySettings settings, InitiatorSetup setup, Envelopes envelopes, InitiatorAudits audits) {}

  private CommunityClient(Shared shared, Optional<XuaSubject> subject) {
    this.shared = shared;
    this.subject = subject;
  }

  /** A client with its own connection pool (TLS options from {@code setup} for {@code https} endpoints). */
  public static CommunityClient create(Vertx vertx, CommunityEndpoints endpoints, CommunitySettings settings,
      InitiatorSetup setup) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(endpoints, "endpoints");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(setup, "setup");
    HttpClientOptions options = setup.tls().map(t -> t.httpClientOptions()).orElseGet(HttpClientOptions::new);
    // TLS is chosen per request by the URL's scheme; the TLS material above applies to https ones
    options.setSsl(false);
    options.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
    // Netty cuts response content into pieces of at most maxChunkSize (Vert.x: 8 KiB), and every piece goes through
    // the MTOM reader, the cache and the viewer's response on its own: a RAD-75 answer of 200 MiB made ~29,000 of
    // them. Pieces are slices of what one socket read got, so a larger cap allocates nothing more.
    options.setMaxChunkSize(MAX_RESPONSE_PIECE_BYTES);
    HttpClientAgent http = vertx.createHttpClient(options);
    Envelopes envelopes = new Envelopes(settings, new org.xcaibridge.soap.SoapWriter(setup.messageIds()));
    return new CommunityClient(new Shared(vertx, http, endpoints, settings, setup, envelopes,
        new InitiatorAudits(setup.audit(), endpoints)), Optional.empty());
  }

  public CommunityEndpoints endpoints() {
    return shared.endpoints();
  }

  public CommunitySettings settings() {
    return shared.settings();
  }

  /**
   * The same client (same connections) whose requests speak for {@code user}: the XUA subject of its
   * assertions. Without it the configured service identity speaks.
   */
  public CommunityClient forSubject(XuaSubject user) {
    return new CommunityClient(shared, Optional.of(Objects.requireNonNull(user, "user")));
  }

  /**
   * ITI-55 Cross Gateway Patient Discovery. Completes with the match (all candidates, for the caller to refuse
   * to guess among) or no match; fails with {@link GatewayException.ErrorResponse} for an error acknowledgement,
   * and with {@link IllegalStateException} when the community has no XCPD endpoint. Not retried.
   */
  public Future<PatientDiscovery> discoverPatient(PatientDiscoveryRequest request) {
    Objects.requireNonNull(request, "request");
    Optional<URI> url = endpoints().iti55();
    if (url.isEmpty()) {
      return Future.failedFuture(new IllegalStateException(endpoints().label() + " has no XCPD (ITI-55) endpoint"));
    }
    ExchangeObserver.Call timing = watch(IheTransaction.ITI_55);
    return bounded(IheTransaction.ITI_55, url.get(), request, PatientDiscoveryResponse.class, ex -> drain())
        .compose(answer -> {
          try {
            return Future.succeededFuture(Answers.discovery(answer.message().body(), endpoints()));
          } catch (GatewayException.ErrorResponse e) {
            return Future.<PatientDiscovery>failedFuture(e);
          }
        })
        .andThen(ar -> timing.end(ar.succeeded() ? ExchangeObserver.Outcome.SUCCESS
            : ExchangeObserver.Outcome.of(ar.cause())))
        .andThen(ar -> shared.audits().discovery(url.get(), subject, request, ar));
  }

  /**
   * ITI-38 Cross Gateway Query. Success and PartialSuccess complete (errors in the response); Failure fails
   * with {@link GatewayException.ErrorResponse}. Entries are returned as received, their {@code home} included
   * even when it is not this community's (protocol.md §9.2 pitfall 10); this client is who answered.
   */
  public Future<AdhocQueryResponse> query(AdhocQueryRequest request) {
    Objects.requireNonNull(request, "request");
    ExchangeObserver.Call timing = watch(IheTransaction.ITI_38);
    return bounded(IheTransaction.ITI_38, endpoints().iti38(), request, AdhocQueryResponse.class, ex -> drain())
        .compose(answer -> {
          AdhocQueryResponse r = answer.message().body();
          if (r.status() == ResponseStatus.FAILURE) {
            return Future.<AdhocQueryResponse>failedFuture(new GatewayException.ErrorResponse(endpoints(),
                IheTransaction.ITI_38, "Failure", r.errors()));
          }
          return Future.succeededFuture(r);
        })
        .andThen(ar -> timing.end(ar.succeeded() ? ExchangeObserver.Outcome.of(ar.result().status())
            : ExchangeObserver.Outcome.of(ar.cause())))
        .andThen(ar -> shared.audits().query(endpoints().iti38(), subject, request, ar));
  }

  /**
   * ITI-39 Cross Gateway Retrieve of small documents (imaging manifests), held in memory up to
   * {@link CommunitySettings#maxRetrievedDocumentBytes()} per call. MTOM or inline base64 answers alike. More
   * DocumentRequests than {@link CommunitySettings#maxDocumentRequestsPerCall()} go as consecutive calls whose
   * results are merged. Failure (of every call) fails with {@link GatewayException.ErrorResponse}.
   */
  public Future<RetrievedDocuments> retrieveDocuments(RetrieveDocumentSetRequest request) {
    Objects.requireNonNull(request, "request");
    List<RetrieveDocumentSetRequest> batches = Batches.split(request, settings().maxDocumentRequestsPerCall());
    ExchangeObserver.Call timing = watch(IheTransaction.ITI_39);
    return retrieveBatches(batches, 0, new ArrayList<>(), new ArrayList<>()).compose(done -> {
      RegistryResponse merged = Answers.merge(done.registries);
      if (merged.status() == ResponseStatus.FAILURE && done.documents.isEmpty()) {
        return Future.<RetrievedDocuments>failedFuture(new GatewayException.ErrorResponse(endpoints(),
            IheTransaction.ITI_39, "Failure", merged.errors()));
      }
      return Future.succeededFuture(new RetrievedDocuments(merged, done.documents));
    }).andThen(ar -> timing.end(ar.succeeded()
        ? ExchangeObserver.Outcome.of(ar.result().registryResponse().status()) : ExchangeObserver.Outcome.of(ar.cause())))
        .andThen(ar -> shared.audits().documents(endpoints().iti39(), subject, request, ar));
  }

  private record Collected(List<RegistryResponse> registries, List<RetrievedDocument> documents) {}

  private Future<Collected> retrieveBatches(List<RetrieveDocumentSetRequest> batches, int index,
      List<RegistryResponse> registries, List<RetrievedDocument> documents) {
    if (index == batches.size()) {
      return Future.succeededFuture(new Collected(registries, documents));
    }
    DocumentCollector[] collector = new DocumentCollector[1];
    return bounded(IheTransaction.ITI_39, endpoints().iti39(), batches.get(index), RetrieveDocumentSetResponse.class,
        ex -> collector[0] = new DocumentCollector(ex, endpoints(), settings()))
        .compose(answer -> {
          RetrieveDocumentSetResponse r = answer.message().body();
          try {
            documents.addAll(collector[0].pair(r.documents()));
          } catch (GatewayException e) {
            return Future.failedFuture(e);
          }
          registries.add(r.registryResponse());
          return retrieveBatches(batches, index + 1, registries, documents);
        });
  }

  /**
   * RAD-75 Cross Gateway Retrieve Imaging Document Set, streamed. Completes once a call's envelope has been read
   * and an instance is ready to stream (or every call answered without one); fails with
   * {@link GatewayException.ErrorResponse} when every call answered Failure. A request with more DocumentRequests
   * than {@link CommunitySettings#maxDocumentRequestsPerCall()} goes as consecutive calls, in request order,
   * whose instances come as one stream.
   */
  public Future<ImagingRetrieval> retrieveImages(RetrieveImagingDocumentSetRequest request) {
    Objects.requireNonNull(request, "request");
    List<RetrieveImagingDocumentSetRequest> batches = Batches.split(request, settings().maxDocumentRequestsPerCall());
    ExchangeObserver.Call timing = watch(IheTransaction.RAD_75);
    Future<ImagingRetrieval> started = new ImagingStream(this, batches).start();
    // the call has ended when its outcome is known: after the last instance was streamed, not when streaming starts
    started.onSuccess(r -> r.outcome().onComplete(ar -> timing.end(ar.succeeded()
        ? ExchangeObserver.Outcome.of(ar.result().status()) : ExchangeObserver.Outcome.of(ar.cause()))))
        .onFailure(e -> timing.end(ExchangeObserver.Outcome.of(e)));
    return shared.audits().images(endpoints().rad75(), subject, request, started);
  }

  /** Starts timing one call for the setup's observer. */
  private ExchangeObserver.Call watch(IheTransaction transaction) {
    return shared.setup().observer().start(endpoints(), transaction);
  }

  /**
   * Takes rotated TLS material (a renewed client certificate, new trust anchors) for the connections opened from
   * now on, without a restart; pooled connections keep theirs until they close. Shared with every
   * {@link #forSubject} view.
   */
  public Future<Boolean> updateTls(TlsSetup setup) {
    Objects.requireNonNull(setup, "setup");
    return shared.http().updateSSLOptions(setup.httpClientOptions().getSslOptions(), true);
  }

  /** Closes the connection pool; calls in progress fail. */
  public Future<Void> close() {
    return shared.http().close();
  }

  /** An answer read whole: the exchange it came by and its envelope's model. */
  record Answer<T extends IheMessage>(Exchange exchange, SoapMessage<T> message) {}

  /**
   * One bounded call (under {@link CommunitySettings#callTimeout()}), its answer read to the end, retried
   * per {@link RetryPolicy}.
   */
  private <T extends IheMessage> Future<Answer<T>> bounded(IheTransaction transaction, URI url, IheMessage body,
      Class<T> type, Function<Exchange, Handler<MtomAttachment>> attachments) {
    return attempt(1, transaction, url, body, type, attachments);
  }

  private <T extends IheMessage> Future<Answer<T>> attempt(int n, IheTransaction transaction, URI url,
      IheMessage body, Class<T> type, Function<Exchange, Handler<MtomAttachment>> attachments) {
    return send(transaction, url, body, true, attachments)
        .compose(ex -> ex.root()
            .compose(root -> read(ex, root, type))
            .transform(read -> ex.end().transform(end -> {
              if (read.failed()) {
                return Future.<Answer<T>>failedFuture(read.cause());
              }
              if (end.failed()) {
                return Future.<Answer<T>>failedFuture(end.cause());
              }
              return Future.succeededFuture(new Answer<>(ex, read.result()));
            })))
        .recover(cause -> {
          if (cause instanceof GatewayException g && RetryPolicy.retryAfter(transaction, g, n, false)) {
            return attempt(n + 1, transaction, url, body, type, attachments);
          }
          return Future.failedFuture(cause);
        });
  }

  /** Builds the envelope (with a fresh security header) and starts the exchange. */
  Future<Exchange> send(IheTransaction transaction, URI url, IheMessage body, boolean bounded,
      Function<Exchange, Handler<MtomAttachment>> attachments) {
    return shared.setup().security().header(transaction, url, subject).compose(security -> {
      Buffer envelope;
      try {
        envelope = Buffer.buffer(shared.envelopes().request(transaction, url, security, body).envelope());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
      Exchange.Call call = new Exchange.Call(endpoints(), settings(), transaction, url, envelope, bounded,
          shared.setup().observer());
      return Exchange.start(shared.vertx(), shared.http(), call, shared.setup().random(), attachments);
    });
  }

  /** Reads an answer envelope; what cannot be read (a fault included) becomes a {@link GatewayException}. */
  <T extends IheMessage> Future<SoapMessage<T>> read(Exchange ex, Buffer root, Class<T> type) {
    return shared.envelopes().read(shared.vertx(), root, type)
        .recover(cause -> Future.failedFuture(ex.translate(cause)));
  }

  Vertx vertx() {
    return shared.vertx();
  }

  /** Attachments nobody asked for (in a query answer) are read and dropped. */
  private static Handler<MtomAttachment> drain() {
    return a -> {
      a.body().exceptionHandler(e -> { });
      a.body().handler(DirectChunks::release);
    };
  }
}
