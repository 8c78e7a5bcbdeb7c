package org.xcaibridge.responder;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.ihe.DocumentContent;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.soap.MtomAttachment;

/**
 * The answer to a Retrieve Imaging Document Set request, RAD-69 or RAD-75 (RAD TF-3 4.69, 4.75; protocol.md
 * §4): what RAD-69 and RAD-75 share, which is everything but the {@code location} of errors and the
 * homeCommunityId of answers.
 *
 * <p>The MTOM root part — and the status in it — goes out before the first instance, so the status is decided
 * first: every requested instance is looked up in one {@link ImageArchive#findInstances} call, and each
 * DocumentRequest becomes either a DocumentResponse with an attachment or a RegistryError (RAD69-016: no
 * DocumentResponse for a failed instance): addressed to another community or repository, not in that series and
 * study, or not servable in any accepted transfer syntax ({@link TransferSyntaxChoice}). The status follows from
 * what is returned ({@link RetrieveDocumentSetResponse#of}). Instances are then opened one at a time, as their
 * attachments' turns come ({@link InstanceBody}); one whose stored syntax the archive did not know in advance is
 * checked when it is opened, and if it cannot be sent after all, the response is broken off.
 */
final class ImagingRetrieval {
  /** protocol.md §1.5, §4.2: each instance is a Part 10 file. */
  static final String APPLICATION_DICOM = "application/dicom";

  private final ImageArchive archive;
  private final ResponderIdentity identity;
  private final IheTransaction transaction;

  /** @param transaction {@link IheTransaction#RAD_69} or {@link IheTransaction#RAD_75} */
  ImagingRetrieval(ImageArchive archive, ResponderIdentity identity, IheTransaction transaction) {
    if (transaction != IheTransaction.RAD_69 && transaction != IheTransaction.RAD_75) {
      throw new IllegalArgumentException("an imaging retrieval is RAD-69 or RAD-75, not " + transaction);
    }
    this.archive = archive;
    this.identity = identity;
    this.transaction = transaction;
  }

  /** One DocumentRequest and the study and series it was asked under. */
  private record Asked(String study, String series, DocumentRequest document) {
    String sopInstanceUid() {
      return document.documentUniqueId().strip();
    }
  }

  Future<SoapExchange.Reply> answer(RetrieveImagingDocumentSetRequest request) {
    List<Asked> asked = new ArrayList<>();
    for (StudyRequest study : request.studies()) {
      for (SeriesRequest series : study.series()) {
        for (DocumentRequest d : series.documents()) {
          asked.add(new Asked(study.studyInstanceUid().strip(), series.seriesInstanceUid().strip(), d));
        }
      }
    }
    Set<String> lookups = new LinkedHashSet<>();
    for (Asked a : asked) {
      if (RetrieveErrors.misaddressed(a.document(), identity, location(a.document())) == null) {
        lookups.add(a.sopInstanceUid());
      }
    }
    return archive.findInstances(lookups)
        .map(found -> reply(request.transferSyntaxUids(), asked, found, null))
        .recover(failure -> Future.succeededFuture(reply(request.transferSyntaxUids(), asked, Map.of(), failure)));
  }

  /** @param failure why the archive could not look the instances up, or null */
  private SoapExchange.Reply reply(List<String> accepted, List<Asked> asked, Map<String, InstanceRecord> found,
      Throwable failure) {
    List<DocumentResponse> documents = new ArrayList<>();
    List<MtomAttachment> attachments = new ArrayList<>();
    List<RegistryError> errors = new ArrayList<>();
    String token = UUID.randomUUID().toString();
    InstanceBody previous = null;
    for (Asked a : asked) {
      String location = location(a.document());
      String uid = a.sopInstanceUid();
      RegistryError error = RetrieveErrors.misaddressed(a.document(), identity, location);
      InstanceRecord instance = found.get(uid);
      if (error == null && failure != null) {
        error = RetrieveErrors.ofArchiveFailure(failure, "instance " + uid, location);
      } else if (error == null && (instance == null || !instance.studyInstanceUid().equals(a.study())
          || !instance.seriesInstanceUid().equals(a.series()))) {
        error = RetrieveErrors.unknownInstance(a.study(), a.series(), uid, location);
      } else if (error == null && instance.transferSyntaxUid() != null) {
        TransferSyntax stored = TransferSyntax.of(instance.transferSyntaxUid());
        if (TransferSyntaxChoice.choose(stored, accepted) instanceof TransferSyntaxChoice.Impossible) {
          error = RetrieveErrors.noTransferSyntax(uid, stored, accepted, location);
        }
      }
      if (error != null) {
        errors.add(error);
        continue;
      }
      String contentId = (attachments.size() + 1) + "." + token + "@xcaibridge";
      documents.add(new DocumentResponse(homeCommunityId(a.document()), a.document().repositoryUniqueId(),
          a.document().documentUniqueId(), null, null, APPLICATION_DICOM,
          DocumentContent.XopInclude.ofContentId(contentId)));
      InstanceBody body = new InstanceBody(archive, instance, accepted);
      if (previous != null && archive.opensAhead()) {
        previous.followedBy(body);
      }
      previous = body;
      attachments.add(new MtomAttachment(contentId, APPLICATION_DICOM, body));
    }
    return new SoapExchange.Reply(RetrieveDocumentSetResponse.of(documents, errors), attachments);
  }

  /** RAD69-016: the DocumentUniqueId; RAD75-004: the Responding Imaging Gateway's homeCommunityId. */
  private String location(DocumentRequest d) {
    return transaction == IheTransaction.RAD_75 ? identity.homeCommunityId() : d.documentUniqueId();
  }

  /** Echoed as asked; a RAD-75 answer names our community even when the request left it out. */
  private String homeCommunityId(DocumentRequest d) {
    if (d.homeCommunityId() != null || transaction == IheTransaction.RAD_69) {
      return d.homeCommunityId();
    }
    return identity.homeCommunityId();
  }
}
