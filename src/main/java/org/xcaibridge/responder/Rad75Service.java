package org.xcaibridge.responder;

import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.soap.SoapHttpEndpoint;

/**
 * RAD-75 Cross Gateway Retrieve Imaging Document Set, Responding Imaging Gateway side (RAD TF-3 4.75, protocol.md
 * §4): the requested instances streamed from the archive as MTOM attachments, as stored or transcoded into an
 * accepted native syntax; errors name our homeCommunityId as their location (RAD75-004). Mount it on
 * {@code POST /xcai/rad75}.
 */
public final class Rad75Service {
  private final SoapExchange exchange;
  private final ImagingRetrieval retrieval;

  /**
   * @param archive  where the instances come from
   * @param identity our homeCommunityId and repositoryUniqueId, which requests must name
   * @param endpoint reads requests and sends answers and faults (its limits bound what a request may be)
   */
  public Rad75Service(ImageArchive archive, ResponderIdentity identity, SoapHttpEndpoint endpoint) {
    this(archive, identity, endpoint, RequestGuard.OPEN);
  }

  /** @param guard admits requests by their XUA assertion and audits them */
  Rad75Service(ImageArchive archive, ResponderIdentity identity, SoapHttpEndpoint endpoint, RequestGuard guard) {
    this.exchange = new SoapExchange(endpoint, guard);
    this.retrieval = new ImagingRetrieval(Objects.requireNonNull(archive, "archive"),
        Objects.requireNonNull(identity, "identity"), IheTransaction.RAD_75);
  }

  /** Answers one HTTP request (any method; only POST is served). Call on the request's context. */
  public void handle(HttpServerRequest request) {
    exchange.serve(request, IheTransaction.RAD_75, RetrieveImagingDocumentSetRequest.class, retrieval::answer);
  }
}
