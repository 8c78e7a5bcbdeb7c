package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.MetadataSettings;
import org.xcaibridge.cache.StoreSettings;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.responder.ImageArchive;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.CommunityProfile;
import org.xcaibridge.studies.PatientSelector;
import org.xcaibridge.studies.StudyLocator;
import org.xcaibridge.studies.StudySearch;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.StudySettings;

/**
 * The bridge behind the front, built from the configuration: a gateway client per community (in demo mode, one
 * for the embedded responder, over real HTTP on loopback), the instance cache under the cache directory, the
 * record locator under {@code <work-dir>/locator}, and the study core over them. {@link #close} releases them in
 * the reverse order.
 */
final class BridgeCore {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeCore.class);
  static final String LOCATOR_FOLDER = "locator";
  static final String DEMO_COMMUNITY_NAME = "Demo community";

  final CommunityDirectory directory;
  final InstanceStore store;
  final StudyLocator locator;
  final StudyService service;

  private BridgeCore(CommunityDirectory directory, InstanceStore store, StudyLocator locator, StudyService service) {
    this.directory = directory;
    this.store = store;
    this.locator = locator;
    this.service = service;
  }

  /** {@code responderUrl} is the embedded responder's base URL in demo mode, else ignored. */
  static Future<BridgeCore> start(Vertx vertx, BridgeConfig config, Path workDir, String responderUrl) {
    List<CommunityClient> clients = new ArrayList<>();
    List<CommunityProfile> profiles = new ArrayList<>();
    if (config.demo()) {
      ResponderConfig rc = config.responder();
      clients.add(CommunityClient.create(vertx, CommunityEndpoints.of(rc.homeCommunityId(), DEMO_COMMUNITY_NAME,
          URI.create(responderUrl + RespondingGateway.ITI55_PATH), URI.create(responderUrl + RespondingGateway.ITI38_PATH),
          URI.create(responderUrl + RespondingGateway.ITI39_PATH), URI.create(responderUrl + RespondingGateway.RAD75_PATH)),
          CommunitySettings.DEFAULT, InitiatorSetup.demo()));
      profiles.add(CommunityProfile.ofDomain(rc.homeCommunityId(), rc.assigningAuthority()));
    } else {
      for (CommunityConfig c : config.communities()) {
        CommunitySettings settings = CommunitySettings.DEFAULT.withTimeouts(c.connectTimeout(), c.retrieveTimeout(),
            c.retrieveTimeout(), c.queryTimeout()).withMaxDocumentRequestsPerCall(c.maxDocumentRequests());
        clients.add(CommunityClient.create(vertx, CommunityEndpoints.of(c.homeCommunityId(), c.name(), c.iti55Url(),
            c.iti38Url(), c.iti39Url(), c.rad75Url()), settings, InitiatorSetup.demo()));
        CommunityProfile p = c.xcpd() ? CommunityProfile.ofXcpd(c.homeCommunityId(), null)
            : CommunityProfile.ofDomain(c.homeCommunityId(), c.assigningAuthority());
        profiles.add(p.withTimes(c.queryTimeout(), CommunityProfile.DEFAULT_ATTRIBUTE_BUDGET));
      }
    }
    StudySettings settings = StudySettings.DEFAULT;
    if (profiles.stream().anyMatch(CommunityProfile::xcpd)) {
      IdentityConfig id = config.identity();
      settings = settings.withXcpdIdentity(id.homeCommunityId(), id.organisationOid());
    }
    CommunityDirectory directory = CommunityDirectory.of(clients);
    StudySettings studySettings = settings;
    return InstanceStore.open(vertx, cacheSettings(config.cache())).compose(store ->
        StudyLocator.open(vertx, workDir.resolve(LOCATOR_FOLDER), studySettings.maxLocatedStudies())
            .recover(e -> store.close().transform(x -> Future.failedFuture(e)))
            .map(locator -> {
              LOG.info("cache: {} (at most {}; {} entries found); study locator: {} ({} studies known)",
                  store.directory(), config.cache().maxSize(), store.recovery().entries(),
                  workDir.resolve(LOCATOR_FOLDER), locator.size());
              return new BridgeCore(directory, store, locator,
                  StudyService.create(vertx, directory, profiles, store, locator, studySettings));
            }))
        .recover(e -> directory.close().transform(x -> Future.failedFuture(e)));
  }

  /**
   * The cache as configured. A TTL of 0 turns that cache off: answers then live 1 ms (the metadata cache takes no
   * zero); "unknown patient" answers live at most as long as query answers.
   */
  static CacheSettings cacheSettings(CacheConfig c) {
    Duration query = atLeastOneMilli(c.queryTtl());
    Duration metadata = atLeastOneMilli(c.metadataTtl());
    MetadataSettings d = MetadataSettings.defaults();
    Duration negative = d.negativeTtl().compareTo(query) > 0 ? query : d.negativeTtl();
    return new CacheSettings(StoreSettings.of(c.directory(), c.maxSize().bytes()),
        new MetadataSettings(d.maxBytes(), query, metadata, metadata, negative, d.maxSeriesMetadataBytes()));
  }

  private static Duration atLeastOneMilli(Duration d) {
    return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
  }

  /**
   * Searches every patient of the embedded responder's archive once, so that the studies are located and a viewer
   * opened with nothing typed lists them (a search naming no patient asks no community). Never fails: what could
   * not be searched is logged.
   */
  Future<Integer> locateAll(ImageArchive archive) {
    return archive.patients().compose(patients -> {
      List<Future<?>> searches = new ArrayList<>();
      for (ImageArchive.PatientRecord p : patients) {
        if (p.id() == null || p.id().isBlank()) {
          continue;
        }
        searches.add(service.searchStudies(StudySearch.forPatient(PatientSelector.of(p.id(), null)))
            .onFailure(e -> LOG.warn("demo patient {} could not be searched: {}", p.id(), e.getMessage())));
      }
      return Future.join(searches).transform(x -> Future.succeededFuture(locator.size()));
    }).recover(e -> {
      LOG.warn("the demo studies could not be located: {}", e.getMessage());
      return Future.succeededFuture(locator.size());
    });
  }

  Future<Void> close() {
    return service.close().transform(x -> locator.close()).transform(x -> store.close())
        .transform(x -> directory.close()).mapEmpty();
  }
}
