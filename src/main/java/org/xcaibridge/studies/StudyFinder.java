package org.xcaibridge.studies;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.MetadataCache;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.FanOut;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.Partial;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Code;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ReferenceId;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;

/**
 * Study search (issue 6 point 2): every community in parallel, each within its own deadline; in each, the
 * patient's id there ({@link PatientResolver}), ITI-38 FindDocuments for KOS manifests (protocol.md §2.2, narrowed
 * as {@link StudySearch} and the community's profile allow), then the manifests with one ITI-39
 * ({@link ManifestSource}); each study found is recorded in the {@link StudyLocator}. Query results are cached
 * ({@link MetadataCache#queryResult}), "unknown patient" answers for a short while. A search naming no patient
 * asks no community.
 */
final class StudyFinder {
  private static final Logger LOG = LoggerFactory.getLogger(StudyFinder.class);
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
  private static final List<String> MODALITY_SCHEMES = List.of("DCM", "1.2.840.10008.2.16.4");

  private final Communities communities;
  private final PatientResolver resolver;
  private final MetadataCache metadata;
  private final ManifestSource manifests;
  private final StudyLocator locator;
  private final Facts facts;

  StudyFinder(Communities communities, PatientResolver resolver, MetadataCache metadata, ManifestSource manifests,
      StudyLocator locator, Facts facts) {
    this.communities = communities;
    this.resolver = resolver;
    this.metadata = metadata;
    this.manifests = manifests;
    this.locator = locator;
    this.facts = facts;
  }

  /** The same finder (same caches), asking communities whose clients speak for {@code who}. */
  StudyFinder askedBy(Requester who) {
    return new StudyFinder(communities.askedBy(who), resolver, metadata, manifests, locator, facts);
  }

  Future<QueryRows> search(StudySearch s) {
    if (s.patient() == null) {
      List<StudyLocation> known = s.studyInstanceUids().isEmpty() ? locator.all()
          : s.studyInstanceUids().stream().map(locator::study).flatMap(Optional::stream).toList();
      return Future.succeededFuture(new QueryRows(known.stream().map(this::row).toList(), List.of(), List.of()));
    }
    List<CommunityClient> clients = communities.clients();
    Duration longest = clients.stream().map(c -> communities.profile(c).queryDeadline())
        .max(Duration::compareTo).orElse(CommunityProfile.DEFAULT_QUERY_DEADLINE);
    // each community has its own deadline; the fan-out's is only the backstop
    Future<Partial<List<StudyLocation>>> asked = FanOut.ask(clients, IheTransaction.ITI_38,
        longest.plusMillis(250), c -> within(c, searchOne(c, communities.profile(c), s)));
    return asked.map(partial -> {
      Map<String, StudyLocation> studies = new LinkedHashMap<>();
      partial.results().forEach(list -> list.forEach(l -> studies.putIfAbsent(l.studyInstanceUid(), l)));
      for (StudyLocation l : studies.values()) {
        locator.record(l).onFailure(e -> LOG.warn("study locator: {}", e.getMessage()));
      }
      List<CommunityProblem> failed = partial.failures().stream().map(Failures::problem).toList();
      return new QueryRows(studies.values().stream().map(this::row).toList(), failed, List.of());
    });
  }

  /** The row of a located study, with the modalities learnt from its instances' headers. */
  Dataset row(StudyLocation l) {
    return RowBuilder.study(l, facts.modalities(l.seriesInstanceUids()));
  }

  private Future<List<StudyLocation>> within(CommunityClient c, Future<List<StudyLocation>> f) {
    long millis = communities.profile(c).queryDeadline().toMillis();
    return f.timeout(millis, TimeUnit.MILLISECONDS).recover(e -> Future.failedFuture(e instanceof TimeoutException
        ? new GatewayException.Timeout(c.endpoints(), IheTransaction.ITI_38, GatewayException.TimeoutKind.CALL, millis)
        : e));
  }

  private Future<List<StudyLocation>> searchOne(CommunityClient c, CommunityProfile p, StudySearch s) {
    return resolver.resolve(c, p, s.patient()).compose(cx -> {
      if (cx.isEmpty()) {
        return Future.succeededFuture(List.of());
      }
      return entries(c, p, cx.get(), s, p.narrowByStudyUid() && !s.studyInstanceUids().isEmpty())
          .compose(entries -> {
            List<ManifestSource.Wanted> wanted = entries.stream()
                .map(e -> new ManifestSource.Wanted(e.documentUniqueId(), e.repositoryUniqueId())).toList();
            Future<Map<String, KosManifest>> kos = manifests.fetch(c, wanted).recover(e -> {
              LOG.warn("manifests from {} could not be fetched, rows from metadata only: {}", c.endpoints().label(),
                  e.getMessage());
              return Future.succeededFuture(Map.of());
            });
            return kos.map(found -> locations(c, cx.get(), s.patient(), entries, found));
          });
    });
  }

  /** The community's manifest entries for the patient: from the cache, else ITI-38. */
  private Future<List<ManifestEntry>> entries(CommunityClient c, CommunityProfile p, Cx cx, StudySearch s,
      boolean byReference) {
    String home = c.endpoints().homeCommunityId();
    String patientKey = cx.encode();
    if (metadata.queryResult(home, patientKey) instanceof MetadataCache.Absent) {
      return Future.succeededFuture(List.of());
    }
    DocumentEntryFilter filter = filter(p, s);
    // a narrowed query's answer is kept apart from the patient's whole list
    StringBuilder narrowing = new StringBuilder();
    if (byReference) {
      narrowing.append("|uids=").append(String.join(",", s.studyInstanceUids()));
    }
    if (filter.serviceStartTimeFrom() != null || filter.serviceStartTimeTo() != null) {
      narrowing.append("|start=").append(filter.serviceStartTimeFrom()).append('-').append(filter.serviceStartTimeTo());
    }
    if (!filter.eventCodes().isEmpty()) {
      narrowing.append("|modalities=").append(String.join(",", s.modalities()));
    }
    String cacheKey = patientKey + narrowing;
    MetadataCache.Lookup cached = metadata.queryResult(home, cacheKey);
    if (cached instanceof MetadataCache.Found f) {
      return Future.succeededFuture(ManifestEntry.decode(f.value()));
    }
    if (cached instanceof MetadataCache.Absent) {
      return Future.succeededFuture(List.of());
    }
    StoredQuery query = byReference
        ? new StoredQuery.FindDocumentsByReferenceId(cx,
            s.studyInstanceUids().stream().map(ReferenceId::studyInstanceUid).toList(), filter)
        : new StoredQuery.FindDocuments(cx, filter);
    return c.query(new AdhocQueryRequest(query, ReturnType.LEAF_CLASS, null)).map(answer -> {
      List<ManifestEntry> found = answer.documentEntries().stream().filter(ManifestEntry::usable)
          .map(ManifestEntry::of).toList();
      metadata.putQueryResult(home, cacheKey, ManifestEntry.encode(found));
      return found;
    }).recover(e -> {
      if (e instanceof GatewayException.ErrorResponse r) {
        if (has(r, RegistryErrorCode.XDS_UNKNOWN_PATIENT_ID)) {
          metadata.putUnknownPatient(home, patientKey);
          return Future.succeededFuture(List.of());
        }
        if (byReference && has(r, RegistryErrorCode.XDS_UNKNOWN_STORED_QUERY)) {
          return entries(c, p, cx, s, false); // no Reference ID option: ask for all and let the front filter
        }
      }
      return Future.failedFuture(e);
    });
  }

  private static boolean has(GatewayException.ErrorResponse r, RegistryErrorCode code) {
    return r.errors().stream().map(RegistryError::knownCode).anyMatch(k -> k.orElse(null) == code);
  }

  /**
   * The FindDocuments filter: Approved KOS manifests; a StudyDate range as serviceStartTime with a day of slack on
   * each side (DICOM dates are local, XDS times UTC; the To bound is exclusive, ITI TF-2a 3.18.4.1.2.3.7); the
   * modalities as eventCodeList codes in both spellings of the DICOM scheme, when the profile says so.
   */
  static DocumentEntryFilter filter(CommunityProfile p, StudySearch s) {
    DocumentEntryFilter.Builder b = DocumentEntryFilter.builder().formatCodes(List.of(Code.KOS_FORMAT));
    String from = s.dateFrom() == null ? null : LocalDate.parse(s.dateFrom(), DA).minusDays(1).format(DA);
    String to = s.dateTo() == null ? null : LocalDate.parse(s.dateTo(), DA).plusDays(2).format(DA);
    if (from != null || to != null) {
      b.serviceStartTime(from, to);
    }
    if (p.narrowByModality() && !s.modalities().isEmpty()) {
      List<Code> codes = new ArrayList<>();
      for (String m : s.modalities()) {
        MODALITY_SCHEMES.forEach(scheme -> codes.add(new Code(m, scheme, null)));
      }
      b.eventCodes(codes);
    }
    return b.build();
  }

  private List<StudyLocation> locations(CommunityClient c, Cx cx, PatientSelector patient,
      List<ManifestEntry> entries, Map<String, KosManifest> kos) {
    List<StudyLocation> out = new ArrayList<>();
    String home = c.endpoints().homeCommunityId();
    for (ManifestEntry e : entries) {
      KosManifest m = kos.get(e.documentUniqueId());
      if (m == null) {
        if (e.studyInstanceUid() != null) {
          out.add(new StudyLocation(e.studyInstanceUid(), home, cx.encode(), e.documentUniqueId(),
              e.repositoryUniqueId(), List.of(), summary(e, null, null, patient)));
        }
        continue;
      }
      for (KosManifest.StudyReference st : m.evidence()) {
        out.add(new StudyLocation(st.studyInstanceUid(), home, cx.encode(), e.documentUniqueId(),
            e.repositoryUniqueId(), st.series().stream().map(KosManifest.SeriesReference::seriesInstanceUid).toList(),
            summary(e, m, st, patient)));
      }
    }
    return out;
  }

  /** The study's attributes: the manifest's, else what the DocumentEntry says. */
  static StudySummary summary(ManifestEntry e, KosManifest m, KosManifest.StudyReference st, PatientSelector p) {
    String start = e.serviceStartTime();
    String date = start != null && start.length() >= 8 ? start.substring(0, 8) : null;
    String time = start != null && start.length() > 8 ? start.substring(8, Math.min(14, start.length())) : null;
    KosManifest.Patient mp = m == null ? null : m.patient();
    KosManifest.Study ms = m == null || !m.study().studyInstanceUid().equals(st.studyInstanceUid()) ? null
        : m.study();
    int instances = st == null ? 0 : st.series().stream().mapToInt(x -> x.instances().size()).sum();
    return new StudySummary(
        or(mp == null ? null : mp.name(), e.patientName()),
        p.id(), p.issuer(),
        or(mp == null ? null : mp.birthDate(), e.patientBirthDate()),
        or(mp == null ? null : mp.sex(), e.patientSex()),
        or(ms == null ? null : ms.date(), date),
        or(ms == null ? null : ms.time(), time),
        or(ms == null ? null : ms.accessionNumber(), e.accessionNumber()),
        ms == null ? null : ms.description(),
        ms == null ? null : ms.referringPhysicianName(),
        ms == null ? null : ms.studyId(),
        e.modalities(),
        st == null ? 0 : st.series().size(),
        instances);
  }

  private static String or(String a, String b) {
    return a != null ? a : b;
  }
}
