package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ObjectRef;
import org.xcaibridge.ihe.ReferenceId;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.ihe.StoredQuery.FindDocuments;
import org.xcaibridge.ihe.StoredQuery.FindDocumentsByReferenceId;
import org.xcaibridge.ihe.StoredQuery.GetDocuments;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * ITI-38 Cross Gateway Query, responding side (ITI TF-2b 3.38, stored queries of ITI TF-2a 3.18.4.1.2.3.7):
 * FindDocuments, FindDocumentsByReferenceId and GetDocuments over the archive's imaging manifests, one
 * DocumentEntry per study ({@link DocumentEntries}), LeafClass or ObjectRef.
 *
 * <p>A patient id of our assigning authority that the archive does not know gives an empty Success; one of another
 * authority gives XDSUnknownPatientId. A query naming another community gives XDSUnknownCommunity, a GetDocuments
 * naming none XDSMissingHomeCommunityId. A study whose manifest cannot be made is left out with an error, so the
 * others still arrive (PartialSuccess).
 */
final class Iti38Service {
  private final ImageArchive archive;
  private final ResponderIdentity identity;
  private final ResponderSettings settings;
  private final SoapExchange exchange;

  /** @param endpoint reads requests and sends answers and faults (its limits bound what a request may be) */
  Iti38Service(ImageArchive archive, ResponderIdentity identity, ResponderSettings settings,
      SoapHttpEndpoint endpoint) {
    this(archive, identity, settings, endpoint, RequestGuard.OPEN);
  }

  /** @param guard admits requests by their XUA assertion and audits them */
  Iti38Service(ImageArchive archive, ResponderIdentity identity, ResponderSettings settings,
      SoapHttpEndpoint endpoint, RequestGuard guard) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.exchange = new SoapExchange(endpoint, guard);
  }

  /** Answers one HTTP request. Call on the request's context. */
  void handle(HttpServerRequest request) {
    exchange.serve(request, IheTransaction.ITI_38, AdhocQueryRequest.class,
        q -> query(q).map(r -> new SoapExchange.Reply(r, List.of())), this::refused);
  }

  /** A body that is an AdhocQueryRequest but breaks a stored-query rule is answered in ITI-38's words. */
  private SoapExchange.Reply refused(String root, IheParseException failure) {
    if (!"AdhocQueryRequest".equals(root)) {
      return null;
    }
    return new SoapExchange.Reply(failure(QueryErrors.of(failure, identity.homeCommunityId())), List.of());
  }

  /** The answer to one query; never fails: failures are registry errors in the answer. */
  Future<AdhocQueryResponse> query(AdhocQueryRequest request) {
    RegistryError refusal = community(request);
    if (refusal != null) {
      return Future.succeededFuture(failure(refusal));
    }
    StoredQuery q = request.query();
    Future<Found> found;
    if (q instanceof FindDocuments f) {
      found = find(f.patientId(), f.filter(), List.of());
    } else if (q instanceof FindDocumentsByReferenceId f) {
      found = find(f.patientId(), f.filter(), f.referenceIds());
    } else {
      found = get((GetDocuments) q);
    }
    return found
        .map(r -> answer(request.returnType(), r))
        .otherwise(e -> failure(QueryErrors.of(e, identity.homeCommunityId())));
  }

  /** What a query found: entries in answer order, and the errors of studies left out. */
  private record Found(List<DocumentEntry> entries, List<RegistryError> errors) {}

  /** One study's outcome: its entry, nothing (gone, or filtered out), or why it could not be made. */
  private record Outcome(DocumentEntry entry, Throwable failure) {}

  /** XCA's rules on the homeCommunityId a query names (ITI TF-2b 3.38.4.1.3, protocol.md §2.6); null when met. */
  private RegistryError community(AdhocQueryRequest request) {
    String home = request.homeCommunityId();
    if (home == null || home.isBlank()) {
      if (request.query() instanceof GetDocuments) {
        return RegistryError.error(RegistryErrorCode.XDS_MISSING_HOME_COMMUNITY_ID, "GetDocuments must name the "
            + "community it asks in AdhocQuery/@home; this one is " + identity.homeCommunityId(),
            identity.homeCommunityId());
      }
      return null;
    }
    String asked = home.strip().toLowerCase(Locale.ROOT);
    if (asked.equals(identity.homeCommunityId()) || asked.equals(identity.homeCommunityOid())) {
      return null;
    }
    return RegistryError.error(RegistryErrorCode.XDS_UNKNOWN_COMMUNITY, "the query names community " + home.strip()
        + " but this responding gateway is " + identity.homeCommunityId(), identity.homeCommunityId());
  }

  private Future<Found> find(Cx patientId, DocumentEntryFilter filter, List<ReferenceId> references) {
    String authority = identity.assigningAuthorityOid();
    if (!authority.equals(patientId.assigningAuthority())) {
      String named = patientId.assigningAuthority() == null ? "names no assigning authority"
          : "is in assigning authority " + patientId.assigningAuthority();
      return Future.failedFuture(new QueryRefusal(RegistryErrorCode.XDS_UNKNOWN_PATIENT_ID, "the patient id " + named
          + "; patients here are identified in " + authority + " (id^^^&" + authority
          + "&ISO), as this gateway's XCPD (ITI-55) answers"));
    }
    return archive.studies(patientId.id(), null).compose(studies -> {
      List<StudyRecord> candidates = new ArrayList<>();
      for (StudyRecord s : studies) {
        DocumentEntry preview = DocumentEntries.preview(identity, s);
        if (EntryMatcher.matches(filter, preview, false)
            && (references.isEmpty() || EntryMatcher.anyReference(references, preview))) {
          candidates.add(s);
        }
      }
      if (candidates.size() > settings.maxDocumentEntries()) {
        return Future.failedFuture(tooMany(candidates.size()));
      }
      return Bounded.map(candidates, settings.archiveConcurrency(), this::entryOf).map(outcomes -> {
        List<DocumentEntry> entries = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
          if (o.failure() != null) {
            failures.add(o.failure());
          } else if (o.entry() != null && EntryMatcher.matches(filter, o.entry(), true)) {
            entries.add(o.entry());
          }
        }
        return new Found(entries, errors(failures));
      });
    });
  }

  private Future<Found> get(GetDocuments q) {
    Set<String> ids = new LinkedHashSet<>(q.uniqueIds());
    for (String uuid : q.entryUuids()) {
      DocumentEntries.documentUniqueId(uuid).ifPresent(ids::add); // not a UUID: no entry of ours has it
    }
    if (ids.size() > settings.maxDocumentEntries()) {
      return Future.failedFuture(tooMany(ids.size()));
    }
    Set<String> askedUuids = Set.copyOf(q.entryUuids().stream().map(u -> u.strip().toLowerCase(Locale.ROOT)).toList());
    return Bounded.map(List.copyOf(ids), settings.archiveConcurrency(), id -> archive.manifestByDocumentId(id)
        .compose(kos -> archive.study(kos.studyInstanceUid()).compose(study -> complete(study, Optional.of(kos))))
        .otherwise(e -> new Outcome(null, e instanceof NotInArchiveException ? null : e)))
        .map(outcomes -> {
          List<DocumentEntry> entries = new ArrayList<>();
          List<Throwable> failures = new ArrayList<>();
          for (Outcome o : outcomes) {
            if (o.failure() != null) {
              failures.add(o.failure());
            } else if (o.entry() != null && (askedUuids.isEmpty()
                || askedUuids.contains(o.entry().entryUuid().toLowerCase(Locale.ROOT)))) {
              entries.add(o.entry());
            }
          }
          return new Found(entries, errors(failures));
        });
  }

  /** A study's entry; a study gone since it was listed is simply absent. */
  private Future<Outcome> entryOf(StudyRecord study) {
    return complete(study, Optional.empty())
        .otherwise(e -> new Outcome(null, e instanceof NotInArchiveException ? null : e));
  }

  private Future<Outcome> complete(StudyRecord study, Optional<ImageArchive.KosDocument> known) {
    if (study.patient().id().isBlank()) {
      return Future.succeededFuture(new Outcome(null, null)); // no patient id, no valid entry (ITI TF-3 4.2.3.2.16)
    }
    String uid = study.studyInstanceUid();
    Future<ImageArchive.KosDocument> kos = known.map(Future::succeededFuture).orElseGet(() -> archive.manifest(uid));
    Future<List<ImageArchive.SeriesRecord>> series = archive.series(uid);
    return Future.all(kos, series).map(v -> new Outcome(
        DocumentEntries.complete(identity, study, kos.result(), series.result()), null));
  }

  /** The errors of studies left out, each distinct error once (an archive that is down fails every study alike). */
  private List<RegistryError> errors(List<Throwable> failures) {
    Set<RegistryError> distinct = new LinkedHashSet<>();
    for (Throwable t : failures) {
      distinct.add(QueryErrors.of(t, identity.homeCommunityId()));
    }
    return List.copyOf(distinct);
  }

  private AdhocQueryResponse answer(ReturnType type, Found found) {
    ResponseStatus status = ResponseStatus.ofOutcome(found.entries().size(), !found.errors().isEmpty());
    if (type == ReturnType.OBJECT_REF) {
      List<ObjectRef> refs = found.entries().stream().map(e -> new ObjectRef(e.entryUuid(), e.home())).toList();
      return new AdhocQueryResponse(status, List.of(), refs, found.errors(), null);
    }
    return new AdhocQueryResponse(status, found.entries(), List.of(), found.errors(), null);
  }

  private static AdhocQueryResponse failure(RegistryError error) {
    return new AdhocQueryResponse(ResponseStatus.FAILURE, List.of(), List.of(), List.of(error), null);
  }

  private QueryRefusal tooMany(int count) {
    return new QueryRefusal(RegistryErrorCode.XDS_TOO_MANY_RESULTS, count + " manifests match, more than this "
        + "responding gateway returns at once (maxDocumentEntries " + settings.maxDocumentEntries()
        + "); narrow the query, e.g. with $XDSDocumentEntryServiceStartTimeFrom/To");
  }

  /** A query refused as a whole, with the registry error code it is answered with. */
  static final class QueryRefusal extends RuntimeException {
    private final RegistryErrorCode code;

    QueryRefusal(RegistryErrorCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    RegistryErrorCode code() {
      return code;
    }
  }
}
