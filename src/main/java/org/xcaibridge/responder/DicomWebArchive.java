package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.Tag;

/**
 * An {@link ImageArchive} in front of a DICOMweb origin (Orthanc, dcm4chee, a cloud DICOM store): QIDO-RS
 * (PS3.18 §10.6) answers every query — patients and studies from study-level searches, series and instances
 * from the instances of a study (which PS3.18 answers with series attributes too) — and WADO-RS (§10.4) serves
 * each instance with {@code transfer-syntax=*}, i.e. as stored, streamed out of the multipart answer
 * ({@link WadoInstanceStream}). A study's modalities and counts are computed from its instances, not taken
 * from the origin's study-level answer, which some origins fill from stale or stored tags. Nothing is cached but the ids of the manifests handed out (a manifest id is a
 * digest and cannot be turned back into its study), so a GetDocuments after a restart needs a query first.
 *
 * <p>The origin must honour {@code includefield}, and {@code limit}/{@code offset} or answer everything at once.
 * Transfer syntax and size of an instance are known once it is opened (QIDO-RS gives them only if the origin
 * returns Available Transfer Syntax UID (0008,3002)).
 */
public final class DicomWebArchive implements ImageArchive {
  /**
   * @param baseUri        the DICOMweb root, e.g. {@code http://127.0.0.1:8042/dicom-web}
   * @param timeout        connect timeout, and longest silence within an answer
   * @param pageSize       results asked per QIDO-RS page ({@code limit})
   * @param maxResults     most results one search may gather, over all pages
   * @param maxAnswerBytes largest QIDO-RS answer page, in bytes
   * @param manifestMemory how many handed-out manifest ids are remembered for {@link #manifestByDocumentId}
   * @param authorization  an Authorization header value for the origin, or null
   */
  public record Options(URI baseUri, ManifestSettings manifests, Duration timeout, int pageSize, int maxResults,
                        long maxAnswerBytes, int manifestMemory, String authorization) {
    public Options {
      Objects.requireNonNull(manifests, "manifests");
      if (baseUri == null || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))
          || baseUri.getHost() == null) {
        throw new IllegalArgumentException("baseUri must be an http or https URL, was " + baseUri);
      }
      if (timeout == null || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
      }
      if (pageSize < 1 || maxResults < pageSize) {
        throw new IllegalArgumentException("pageSize must be ≥ 1 and maxResults ≥ pageSize, were " + pageSize
            + " and " + maxResults);
      }
      if (maxAnswerBytes < 1024) {
        throw new IllegalArgumentException("maxAnswerBytes must be ≥ 1024, was " + maxAnswerBytes);
      }
      if (manifestMemory < 1) {
        throw new IllegalArgumentException("manifestMemory must be ≥ 1, was " + manifestMemory);
      }
    }

    /** Defaults: 30 s timeout, pages of 1,000, at most 1,000,000 results, 64 MiB a page, 100,000 manifest ids. */
    public static Options of(URI baseUri, ManifestSettings manifests) {
      return new Options(baseUri, manifests, Duration.ofSeconds(30), 1000, 1_000_000, 64L << 20, 100_000, null);
    }
  }

  private static final List<String> PATIENT_FIELDS = List.of("00100010", "00100020", "00100021", "00100030", "00100040");
  private static final List<String> STUDY_FIELDS = concat(PATIENT_FIELDS, "0020000D", "00080020", "00080030",
      "00080050", "00081030", "00080090", "00200010", "00080061", "00201206", "00201208");
  private static final List<String> INSTANCE_FIELDS = concat(STUDY_FIELDS, "0020000E", "00080060", "00200011",
      "0008103E", "00080021", "00080031", "00080016", "00080018", "00200013", "00083002");
  /** UIDs per UID-list query: 50 UIDs of up to 64 characters keep the URL under 4 KiB. */
  private static final int UIDS_PER_QUERY = 50;

  private final Vertx vertx;
  private final Options options;
  private final HttpClientAgent http;
  private final DicomWebClient client;
  private final Map<String, String> manifestStudies;

  private DicomWebArchive(Vertx vertx, Options options) {
    this.vertx = vertx;
    this.options = options;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setSsl("https".equals(options.baseUri().getScheme())));
    this.client = new DicomWebClient(vertx, http, options);
    this.manifestStudies = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > options.manifestMemory();
      }
    });
  }

  /** An archive for the origin; it makes no request until asked. */
  public static DicomWebArchive create(Vertx vertx, Options options) {
    return new DicomWebArchive(vertx, options);
  }

  @Override
  public Future<List<PatientRecord>> patients() {
    return studyResults(Map.of()).compose(studies -> vertx.executeBlocking(() -> distinctPatients(studies), false));
  }

  @Override
  public Future<List<PatientMatch>> findPatients(DemographicQuery query) {
    if (!DemographicMatcher.asksAnything(query)) {
      return Future.succeededFuture(List.of());
    }
    // ask the origin for a superset, then score it with the same rule as every archive
    List<Future<List<Dataset>>> asks = new ArrayList<>();
    for (String id : query.patientIds()) {
      asks.add(studyResults(Map.of("PatientID", id)));
    }
    String family = DemographicMatcher.norm(query.familyName());
    if (query.birthDate() != null && query.birthDate().strip().length() >= 8) {
      asks.add(studyResults(Map.of("PatientBirthDate", query.birthDate().strip().replace("-", "").substring(0, 8))));
    } else if (family != null) {
      asks.add(studyResults(Map.of("PatientName", query.familyName().strip() + "*")));
    }
    return Future.all(asks).compose(all -> vertx.executeBlocking(() -> {
      List<Dataset> studies = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        studies.addAll(all.resultAt(i));
      }
      return DemographicMatcher.match(query, distinctPatients(studies));
    }, false));
  }

  @Override
  public Future<List<StudyRecord>> studies(String patientId, String issuerOfPatientId) {
    return studyResults(Map.of("PatientID", patientId)).compose(results -> {
      // modalities and counts come from the study's instances: origins answer them from stale or stored tags
      List<Future<StudyRecord>> studies = results.stream()
          .map(DicomWebArchive::studyRecord)
          .filter(s -> s.patient().id().equals(patientId)) // a '*' or '?' in an id is a wildcard to QIDO-RS
          .filter(s -> issuerOfPatientId == null || issuerOfPatientId.equals(s.patient().issuer()))
          .map(s -> study(s.studyInstanceUid()))
          .toList();
      return Future.all(studies).map(all -> all.<StudyRecord>list().stream()
          .sorted(java.util.Comparator.comparing((StudyRecord s) -> s.date() == null ? "" : s.date())
              .thenComparing(s -> s.time() == null ? "" : s.time()).thenComparing(StudyRecord::studyInstanceUid))
          .toList());
    });
  }

  @Override
  public Future<StudyRecord> study(String studyInstanceUid) {
    return studyTree(studyInstanceUid).map(t -> t.study(studyInstanceUid));
  }

  @Override
  public Future<List<SeriesRecord>> series(String studyInstanceUid) {
    return studyTree(studyInstanceUid).map(t -> t.series(studyInstanceUid));
  }

  @Override
  public Future<List<InstanceRecord>> instances(String studyInstanceUid, String seriesInstanceUid) {
    return client.search("/studies/" + DicomWebClient.segment(studyInstanceUid) + "/series/"
        + DicomWebClient.segment(seriesInstanceUid) + "/instances", Map.of(),
        INSTANCE_FIELDS).compose(this::tree).compose(tree -> {
          List<InstanceRecord> list = tree.instances(studyInstanceUid, seriesInstanceUid);
          return list != null ? Future.succeededFuture(list)
              : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.SERIES, seriesInstanceUid));
        });
  }

  @Override
  public Future<Map<String, InstanceRecord>> findInstances(Collection<String> sopInstanceUids) {
    List<String> uids = List.copyOf(new LinkedHashSet<>(sopInstanceUids));
    List<Future<List<Dataset>>> asks = new ArrayList<>();
    for (int i = 0; i < uids.size(); i += UIDS_PER_QUERY) {
      // UID list matching (PS3.18 §8.3.4.1): the values separated by commas
      String list = String.join(",", uids.subList(i, Math.min(uids.size(), i + UIDS_PER_QUERY)));
      asks.add(client.search("/instances", Map.of("SOPInstanceUID", list), INSTANCE_FIELDS));
    }
    Set<String> wanted = Set.copyOf(uids);
    return Future.all(asks).compose(all -> vertx.executeBlocking(() -> {
      Map<String, InstanceRecord> found = new HashMap<>();
      for (int i = 0; i < all.size(); i++) {
        for (InstanceHeader h : headers(all.resultAt(i))) {
          if (wanted.contains(h.instance().sopInstanceUid())) {
            found.putIfAbsent(h.instance().sopInstanceUid(), h.instance());
          }
        }
      }
      return found;
    }, false));
  }

  @Override
  public Future<InstanceStream> open(InstanceRecord instance) {
    return client.retrieve(instance.studyInstanceUid(), instance.seriesInstanceUid(), instance.sopInstanceUid(),
        resp -> WadoInstanceStream.read(instance, resp));
  }

  @Override
  public Future<KosDocument> manifest(String studyInstanceUid) {
    return studyTree(studyInstanceUid).compose(tree -> {
      StudyRecord study = tree.study(studyInstanceUid);
      List<InstanceRecord> instances = tree.studyInstances(studyInstanceUid);
      return vertx.executeBlocking(() -> Manifests.build(options.manifests(), study, instances), false);
    }).onSuccess(kos -> manifestStudies.put(kos.documentUniqueId(), studyInstanceUid));
  }

  @Override
  public Future<KosDocument> manifestByDocumentId(String documentUniqueId) {
    String study = manifestStudies.get(documentUniqueId);
    NotInArchiveException unknown = new NotInArchiveException(NotInArchiveException.Kind.MANIFEST, documentUniqueId);
    if (study == null) {
      return Future.failedFuture(unknown);
    }
    // the study may have changed since: then that document is no more
    return manifest(study).compose(kos -> kos.documentUniqueId().equals(documentUniqueId)
        ? Future.succeededFuture(kos) : Future.failedFuture(unknown));
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private Future<List<Dataset>> studyResults(Map<String, String> match) {
    return client.search("/studies", match, STUDY_FIELDS);
  }

  /** Every series and instance of a study, from one (paged) search of its instances. */
  private Future<ArchiveTree> studyTree(String studyUid) {
    return client.search("/studies/" + DicomWebClient.segment(studyUid) + "/instances", Map.of(), INSTANCE_FIELDS)
        .compose(this::tree)
        .compose(tree -> tree.study(studyUid) != null ? Future.succeededFuture(tree)
            : Future.failedFuture(new NotInArchiveException(NotInArchiveException.Kind.STUDY, studyUid)));
  }

  /** Groups search results on a worker: a study of many thousand instances is no event-loop work. */
  private Future<ArchiveTree> tree(List<Dataset> results) {
    return vertx.executeBlocking(() -> ArchiveTree.of(headers(results)), false);
  }

  private static List<InstanceHeader> headers(List<Dataset> results) {
    List<InstanceHeader> out = new ArrayList<>(results.size());
    for (Dataset d : results) {
      if (InstanceHeader.missingUid(d) == null) {
        out.add(InstanceHeader.of(d, InstanceHeader.text(d, ArchiveTags.AvailableTransferSyntaxUID), -1));
      }
    }
    return out;
  }

  /** A study-level result as a record; its modalities and counts are the origin's (used for patients only). */
  private static StudyRecord studyRecord(Dataset d) {
    PatientRecord p = patient(d);
    List<String> modalities = d.strings(ArchiveTags.ModalitiesInStudy).stream().filter(m -> !m.isEmpty()).toList();
    Integer series = InstanceHeader.number(d, ArchiveTags.NumberOfStudyRelatedSeries);
    Integer instances = InstanceHeader.number(d, ArchiveTags.NumberOfStudyRelatedInstances);
    return new StudyRecord(p, d.string(Tag.StudyInstanceUID), InstanceHeader.text(d, Tag.StudyDate),
        InstanceHeader.text(d, Tag.StudyTime), InstanceHeader.text(d, Tag.AccessionNumber),
        InstanceHeader.text(d, ArchiveTags.StudyDescription), InstanceHeader.text(d, ArchiveTags.ReferringPhysicianName),
        InstanceHeader.text(d, ArchiveTags.StudyID), modalities, series == null ? 0 : series,
        instances == null ? 0 : instances);
  }

  private static PatientRecord patient(Dataset d) {
    String id = InstanceHeader.text(d, Tag.PatientID);
    return new PatientRecord(id == null ? "" : id, InstanceHeader.text(d, ArchiveTags.IssuerOfPatientID),
        InstanceHeader.text(d, Tag.PatientName), InstanceHeader.text(d, ArchiveTags.PatientBirthDate),
        InstanceHeader.text(d, ArchiveTags.PatientSex));
  }

  private static List<PatientRecord> distinctPatients(List<Dataset> studies) {
    return ArchiveTree.patientsOf(studies.stream().filter(d -> d.string(Tag.StudyInstanceUID) != null)
        .map(DicomWebArchive::studyRecord).toList());
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return List.copyOf(out);
  }
}
