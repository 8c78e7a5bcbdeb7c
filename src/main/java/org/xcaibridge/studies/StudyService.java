package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.InstanceSummary;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;

/**
 * The door to the study core, the layer a DICOMweb front sits on (issue 6 points 2–4; architecture.md "The path of
 * a request"). Searches ask every community in parallel and name those that failed; series and instance rows come
 * from the manifest and instance headers; retrievals go once per series through the instance cache.
 *
 * <p>Call from a Vert.x context (the front's event loop): nothing here blocks, futures and streams complete on the
 * caller's context. Every failure is a {@link StudiesException}.
 */
public final class StudyService {
  private final Communities communities;
  private final StudyLocator locator;
  private final InstanceStore store;
  private final ManifestSource manifests;
  private final StudyFinder finder;
  private final Retrievals retrievals;
  private final RowQueries rows;
  private final SeriesMetadata metadata;
  private final Prefetcher prefetcher;
  private final Vertx vertx;

  private StudyService(Vertx vertx, Communities communities, StudyLocator locator, InstanceStore store,
      StudySettings settings, Clock clock) {
    this.vertx = vertx;
    this.communities = communities;
    this.locator = locator;
    this.store = store;
    Facts facts = new Facts(settings.maxHeaderFacts());
    this.manifests = new ManifestSource(store.metadata());
    this.finder = new StudyFinder(communities, new PatientResolver(settings, clock), store.metadata(), manifests,
        locator, facts);
    this.retrievals = new Retrievals(vertx, store, facts);
    this.rows = new RowQueries(vertx, retrievals, facts, settings.maxInlineBinaryBytes());
    this.metadata = new SeriesMetadata(vertx, retrievals, settings.maxInlineBinaryBytes());
    this.prefetcher = new Prefetcher(retrievals, settings.prefetchConcurrency());
  }

  /** A view of {@code base} (same caches, locator and prefetcher) whose communities are asked for {@code who}. */
  private StudyService(StudyService base, Requester who) {
    this.vertx = base.vertx;
    this.communities = base.communities.askedBy(who);
    this.locator = base.locator;
    this.store = base.store;
    this.manifests = base.manifests;
    this.finder = base.finder.askedBy(who);
    this.retrievals = base.retrievals;
    this.rows = base.rows;
    this.metadata = base.metadata;
    this.prefetcher = base.prefetcher;
  }

  /**
   * @param directory the communities, each with exactly one profile in {@code profiles}
   * @param store     the instance cache (its metadata cache keeps query results, manifests and series metadata)
   * @param locator   where studies are located, opened by the caller on its own directory
   * @throws IllegalArgumentException when profiles and communities do not pair up, or a community uses XCPD and
   *                                  the settings give the bridge no XCPD identity
   */
  public static StudyService create(Vertx vertx, CommunityDirectory directory, List<CommunityProfile> profiles,
      InstanceStore store, StudyLocator locator, StudySettings settings) {
    Communities c = new Communities(directory, profiles);
    if (c.usesXcpd() && (settings.bridgeHomeCommunityId() == null || settings.bridgeDeviceOid() == null)) {
      throw new IllegalArgumentException("a community uses XCPD, so the bridge needs an XCPD identity "
          + "(bridgeHomeCommunityId and bridgeDeviceOid)");
    }
    return new StudyService(vertx, c, locator, store, settings, Clock.systemUTC());
  }

  /**
   * The same study core, its IHE calls made in {@code who}'s name: every ITI-55, ITI-38, ITI-39 and RAD-75 a call on
   * the view starts (a prefetch it queues included) carries that requester's XUA subject. What is cached, or already
   * being fetched for someone else, is shared. Cheap: one view per front request.
   */
  public StudyService askedBy(Requester who) {
    Objects.requireNonNull(who, "who");
    return who == Requester.service() && communities.isService() ? this : new StudyService(this, who);
  }

  /**
   * Study rows (PS3.18 Table 10.6.3-3). With a patient, every community is asked (at most each one's deadline) and
   * the studies found are located; without one, the studies already located answer and no community is asked.
   */
  public Future<QueryRows> searchStudies(StudySearch search) {
    return finder.search(search);
  }

  /** Where a study lives, if it has been found. */
  public Optional<StudyLocation> locate(String studyInstanceUid) {
    return locator.study(studyInstanceUid);
  }

  /** The study a series belongs to, if it has been found. */
  public Optional<StudyLocation> locateSeries(String seriesInstanceUid) {
    return locator.studyOfSeries(seriesInstanceUid);
  }

  /** The row of a located study. */
  public Optional<Dataset> studyRow(String studyInstanceUid) {
    return locator.study(studyInstanceUid).map(finder::row);
  }

  /**
   * Series rows of a located study (PS3.18 Table 10.6.3-4); the study counts as opened: its series start to be
   * retrieved into the cache in the background.
   */
  public Future<QueryRows> series(String studyInstanceUid) {
    return targets(studyInstanceUid).compose(ts -> {
      prefetcher.add(ts);
      return rows.series(ts, budget(ts));
    });
  }

  /** Instance rows (PS3.18 Table 10.6.3-5) of one series, or of the whole study when {@code seriesUid} is null. */
  public Future<QueryRows> instances(String studyInstanceUid, String seriesInstanceUid) {
    return targets(studyInstanceUid).compose(ts -> {
      List<SeriesTarget> chosen = seriesInstanceUid == null ? ts : List.of(pick(ts, seriesInstanceUid));
      return rows.instances(chosen, budget(chosen));
    });
  }

  /** Starts retrieving the study's series into the cache in the background. */
  public Future<Void> prefetch(String studyInstanceUid) {
    return targets(studyInstanceUid).map(ts -> {
      prefetcher.add(ts);
      return null;
    });
  }

  /** A study's instances, series after series in manifest order (its other series are prefetched meanwhile). */
  public Future<InstanceRetrieval> retrieveStudy(String studyInstanceUid, TransferSyntaxRequest syntaxes) {
    return targets(studyInstanceUid).map(ts -> {
      prefetcher.add(ts.size() > 1 ? ts.subList(1, ts.size()) : List.of());
      return new StudyStream(vertx.getOrCreateContext(), ts, t -> retrievals.series(t, syntaxes));
    });
  }

  /** A series' instances: cached ones first, the rest with one RAD-75 as they arrive. */
  public Future<InstanceRetrieval> retrieveSeries(String studyInstanceUid, String seriesInstanceUid,
      TransferSyntaxRequest syntaxes) {
    return target(studyInstanceUid, seriesInstanceUid).map(t -> retrievals.series(t, syntaxes));
  }

  /** One instance: from the cache, or as part of its series' retrieval. */
  public Future<StoredInstance> retrieveInstance(String studyInstanceUid, String seriesInstanceUid,
      String sopInstanceUid, TransferSyntaxRequest syntaxes) {
    return target(studyInstanceUid, seriesInstanceUid).compose(t -> {
      listed(t, sopInstanceUid);
      return retrievals.instance(t, sopInstanceUid, syntaxes);
    });
  }

  /**
   * Frame {@code number} (1-based) of an instance, from the cached file by its frame offset table; the instance is
   * retrieved first (with its series) when not cached. Fails with {@link org.xcaibridge.dicom.FrameNotFoundException}
   * for a frame the instance does not have.
   */
  public Future<Frame> frame(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, int number) {
    return target(studyInstanceUid, seriesInstanceUid).compose(t -> {
      listed(t, sopInstanceUid);
      InstanceKey key = t.key(sopInstanceUid);
      Future<Void> ready = store.summary(key).isPresent() ? Future.succeededFuture()
          : retrievals.instance(t, sopInstanceUid, TransferSyntaxRequest.AS_STORED).compose(StudyService::drain);
      return ready.compose(v -> store.frame(key, number)).compose(bytes -> {
        InstanceSummary s = store.summary(key).orElse(null);
        if (bytes.isEmpty() || s == null) {
          return Future.failedFuture(new StudiesException.NotFound("instance " + sopInstanceUid
              + " has no frames that can be located"));
        }
        return Future.succeededFuture(new Frame(number, bytes.get(), s.transferSyntaxUid(), s.numberOfFrames()));
      });
    });
  }

  /**
   * A series' metadata as a DICOM JSON array (PS3.18 §10.4, Annex F), UTF-8 bytes; BulkDataURIs from {@code uris}.
   * Retrieves the series first when it is not all cached; the study counts as opened.
   */
  public Future<byte[]> seriesMetadata(String studyInstanceUid, String seriesInstanceUid, InstanceUris uris) {
    return targets(studyInstanceUid).compose(ts -> {
      prefetcher.add(ts);
      return metadata.build(pick(ts, seriesInstanceUid), uris);
    });
  }

  /**
   * Succeeds when the study is located and its manifest lists the series and the instance (either may be null);
   * fails with {@link StudiesException.NotFound} otherwise. Reads the manifest only (cached, or fetched with
   * ITI-39), never retrieves an instance: what a HEAD request needs to answer like GET without the body.
   */
  public Future<Void> lists(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
    return targets(studyInstanceUid).map(ts -> {
      if (seriesInstanceUid != null) {
        SeriesTarget t = pick(ts, seriesInstanceUid);
        if (sopInstanceUid != null) {
          listed(t, sopInstanceUid);
        }
      }
      return null;
    });
  }

  /** Stops prefetching. The store and the locator are the caller's to close. */
  public Future<Void> close() {
    prefetcher.close();
    return Future.succeededFuture();
  }

  // ---- where a study's series are ------------------------------------------------------------------------------

  private Future<SeriesTarget> target(String studyUid, String seriesUid) {
    return targets(studyUid).map(ts -> pick(ts, seriesUid));
  }

  private Future<List<SeriesTarget>> targets(String studyUid) {
    StudyLocation loc = locator.study(studyUid).orElse(null);
    if (loc == null) {
      return Future.failedFuture(new StudiesException.NotFound("study " + studyUid + " is not one the bridge has "
          + "found; search for its patient first"));
    }
    CommunityClient client;
    try {
      client = communities.client(loc.homeCommunityId());
    } catch (StudiesException e) {
      return Future.failedFuture(e);
    }
    return manifests.forStudy(client, loc).map(kos -> {
      List<SeriesTarget> out = new ArrayList<>();
      for (KosManifest.StudyReference st : kos.evidence()) {
        if (st.studyInstanceUid().equals(studyUid)) {
          st.series().forEach(se -> out.add(new SeriesTarget(loc, client, se)));
        }
      }
      List<String> series = out.stream().map(SeriesTarget::seriesUid).toList();
      if (!series.equals(loc.seriesInstanceUids())) {
        locator.record(new StudyLocation(loc.studyInstanceUid(), loc.homeCommunityId(), loc.communityPatientId(),
            loc.manifestDocumentId(), loc.manifestRepositoryId(), series, loc.summary()));
      }
      return out;
    });
  }

  private static SeriesTarget pick(List<SeriesTarget> ts, String seriesUid) {
    return ts.stream().filter(t -> t.seriesUid().equals(seriesUid)).findFirst().orElseThrow(() ->
        new StudiesException.NotFound("series " + seriesUid + " is not in the study's manifest"));
  }

  private static void listed(SeriesTarget t, String sop) {
    if (t.series().instances().stream().noneMatch(i -> i.sopInstanceUid().equals(sop))) {
      throw new StudiesException.NotFound("instance " + sop + " is not in the series' manifest");
    }
  }

  private java.time.Duration budget(List<SeriesTarget> ts) {
    return ts.isEmpty() ? CommunityProfile.DEFAULT_ATTRIBUTE_BUDGET
        : communities.profile(ts.get(0).client()).attributeBudget();
  }

  /** Reads an instance to its end (it is then stored whole) and drops the bytes. */
  private static Future<Void> drain(StoredInstance i) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    i.body().exceptionHandler(done::tryFail);
    i.body().endHandler(v -> done.tryComplete());
    i.body().handler(b -> { });
    return done.future();
  }
}
