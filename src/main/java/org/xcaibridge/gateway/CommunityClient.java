package org.xcaibridge.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Optional;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.trust.XuaSubject;

/**
 * The initiating side toward one responding community (IHE XCA Initiating Gateway + XCA-I Initiating Imaging
 * Gateway, protocol.md §0): ITI-55, ITI-38, ITI-39 and RAD-75 over SOAP 1.2 with WS-Addressing, MTOM answers
 * read as they stream, TLS for {@code https} endpoints, the {@code wsse:Security} block from
 * {@link InitiatorSetup#security()}, the timeouts of {@link CommunitySettings}. Failures are
 * {@link GatewayException}s naming the community.
 *
 * <p>One client per community; it owns its HTTP connection pool. Call from a Vert.x context (an event loop or
 * a verticle's); futures complete and stream handlers run on that context. Thread-safe otherwise.
 */
public final class CommunityClient {
  private final CommunityEndpoints endpoints;
  private final CommunitySettings settings;
  private final Optional<XuaSubject> subject;

  private CommunityClient(CommunityEndpoints endpoints, CommunitySettings settings, Optional<XuaSubject> subject) {
    this.endpoints = endpoints;
    this.settings = settings;
    this.subject = subject;
  }

  /** A client with its own connection pool (TLS options from {@code setup} for {@code https} endpoints). */
  public static CommunityClient create(Vertx vertx, CommunityEndpoints endpoints, CommunitySettings settings,
      InitiatorSetup setup) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(setup, "setup");
    return new CommunityClient(Objects.requireNonNull(endpoints, "endpoints"),
        Objects.requireNonNull(settings, "settings"), Optional.empty());
  }

  public CommunityEndpoints endpoints() {
    return endpoints;
  }

  public CommunitySettings settings() {
    return settings;
  }

  /**
   * The same client (same connections) whose requests speak for {@code user}: the XUA subject of its
   * assertions. Without it the configured service identity speaks.
   */
  public CommunityClient forSubject(XuaSubject user) {
    return new CommunityClient(endpoints, settings, Optional.of(user));
  }

  /**
   * ITI-55 Cross Gateway Patient Discovery. Completes with the match (all candidates) or no match; fails with
   * {@link GatewayException.ErrorResponse} for an error acknowledgement, and when the community has no XCPD
   * endpoint.
   */
  public Future<PatientDiscovery> discoverPatient(PatientDiscoveryRequest request) {
    throw new UnsupportedOperationException("in progress");
  }

  /**
   * ITI-38 Cross Gateway Query. Success and PartialSuccess complete (errors in the response); Failure fails
   * with {@link GatewayException.ErrorResponse}. Retried once if the connection is reset before any answer.
   */
  public Future<AdhocQueryResponse> query(AdhocQueryRequest request) {
    throw new UnsupportedOperationException("in progress");
  }

  /**
   * ITI-39 Cross Gateway Retrieve of small documents (imaging manifests), held in memory up to
   * {@link CommunitySettings#maxRetrievedDocumentBytes()}. MTOM or inline base64 answers alike.
   */
  public Future<RetrievedDocuments> retrieveDocuments(RetrieveDocumentSetRequest request) {
    throw new UnsupportedOperationException("in progress");
  }

  /**
   * RAD-75 Cross Gateway Retrieve Imaging Document Set, streamed. Completes once the first call's envelope has
   * been read and an instance is ready to stream (or every call answered without one); fails with
   * {@link GatewayException.ErrorResponse} when every call answered Failure. A request with more DocumentRequests
   * than {@link CommunitySettings#maxDocumentRequestsPerCall()} goes as consecutive calls, in request order.
   */
  public Future<ImagingRetrieval> retrieveImages(RetrieveImagingDocumentSetRequest request) {
    throw new UnsupportedOperationException("in progress");
  }

  /** Closes the connection pool; calls in progress fail. */
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
