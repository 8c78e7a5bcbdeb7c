package org.xcaibridge.responder;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.responder.ImageArchive.KosDocument;
import org.xcaibridge.soap.MtomAttachment;
import org.xcaibridge.soap.SoapHttpEndpoint;

/**
 * ITI-39 Cross Gateway Retrieve, Responding Gateway side (ITI TF-2b 3.39, protocol.md §3): the imaging manifests
 * (KOS, {@link ImageArchive#manifestByDocumentId}) asked for, each as an MTOM attachment of type
 * {@code application/dicom}. A request addressed to another community or repository, or naming a manifest we
 * do not have, gets a RegistryError whose codeContext names the document; its location is our homeCommunityId, as
 * ITI39-012 requires (IPF's response validator refuses anything else). The status is Success, PartialSuccess or
 * Failure by what is returned. Mount it on {@code POST /xca/iti39}.
 */
public final class Iti39Service {
  private final ImageArchive archive;
  private final ResponderIdentity identity;
  private final SoapExchange exchange;

  /**
   * @param archive  where the manifests come from
   * @param identity our homeCommunityId and repositoryUniqueId, which requests must name
   * @param endpoint reads requests and sends answers and faults (its limits bound what a request may be)
   */
  public Iti39Service(ImageArchive archive, ResponderIdentity identity, SoapHttpEndpoint endpoint) {
    this(archive, identity, endpoint, RequestGuard.OPEN);
  }

  /** @param guard admits requests by their XUA assertion and audits them */
  Iti39Service(ImageArchive archive, ResponderIdentity identity, SoapHttpEndpoint endpoint, RequestGuard guard) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.exchange = new SoapExchange(endpoint, guard);
  }

  /** Answers one HTTP request (any method; only POST is served). Call on the request's context. */
  public void handle(HttpServerRequest request) {
    exchange.serve(request, IheTransaction.ITI_39, RetrieveDocumentSetRequest.class, this::answer);
  }

  private Future<SoapExchange.Reply> answer(RetrieveDocumentSetRequest request) {
    Context context = Objects.requireNonNull(Vertx.currentContext(), "ITI-39 is answered on a Vert.x context");
    List<Future<KosDocument>> manifests = new ArrayList<>();
    for (DocumentRequest d : request.documents()) {
      boolean ours = RetrieveErrors.misaddressed(d, identity, identity.homeCommunityId()) == null;
      manifests.add(ours ? archive.manifestByDocumentId(d.documentUniqueId().strip()) : null);
    }
    List<Future<KosDocument>> pending = manifests.stream().filter(Objects::nonNull).toList();
    return Future.join(pending).transform(all -> Future.succeededFuture(reply(context, request, manifests)));
  }

  private SoapExchange.Reply reply(Context context, RetrieveDocumentSetRequest request,
      List<Future<KosDocument>> manifests) {
    List<DocumentResponse> documents = new ArrayList<>();
    List<MtomAttachment> attachments = new ArrayList<>();
    List<RegistryError> errors = new ArrayList<>();
    String token = UUID.randomUUID().toString();
    for (int i = 0; i < manifests.size(); i++) {
      DocumentRequest d = request.documents().get(i);
      String location = identity.homeCommunityId(); // ITI39-012; the codeContext names the document
      Future<KosDocument> manifest = manifests.get(i);
      if (manifest == null) {
        errors.add(RetrieveErrors.misaddressed(d, identity, location));
      } else if (manifest.failed() && manifest.cause() instanceof NotInArchiveException) {
        errors.add(RetrieveErrors.unknownManifest(d.documentUniqueId(), location));
      } else if (manifest.failed()) {
        errors.add(RetrieveErrors.ofArchiveFailure(manifest.cause(), "manifest " + d.documentUniqueId(), location));
      } else {
        String contentId = (attachments.size() + 1) + "." + token + "@xcaibridge";
        documents.add(new DocumentResponse(d.homeCommunityId() != null ? d.homeCommunityId()
            : identity.homeCommunityId(), d.repositoryUniqueId(), d.documentUniqueId(), null, null,
            KosDocument.MIME_TYPE, DocumentContent.XopInclude.ofContentId(contentId)));
        attachments.add(new MtomAttachment(contentId, KosDocument.MIME_TYPE,
            new BufferStream(context, manifest.result().bytes())));
      }
    }
    return new SoapExchange.Reply(RetrieveDocumentSetResponse.of(documents, errors), attachments);
  }
}
