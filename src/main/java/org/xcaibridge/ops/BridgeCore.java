package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.cache.CacheSettings;
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
 * The study core behind the front, built from what the launcher started: the communities — in demo mode the
 * embedded responder (over real HTTP on loopback, or, in the secure demo, through the client with its certificate
 * and signed assertions), else the roster's (configured and from the directory) —, the instance cache, and the
 * record locator under {@code <work-dir>/locator}. Each directory refresh reaches the study core: searches then ask
 * exactly the roster's new communities. {@link #close} releases what it opened itself.
 */
final class BridgeCore {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeCore.class);
  static final String LOCATOR_FOLDER = "locator";
  static final String DEMO_COMMUNITY_NAME = "Demo community";

  final StudyLocator locator;
  final StudyService service;
  private final CommunityClient ownClient;

  private BridgeCore(StudyLocator locator, StudyService service, CommunityClient ownClient) {
    this.locator = locator;
    this.service = service;
    this.ownClient = ownClient;
  }

  static Future<BridgeCore> start(Vertx vertx, Launcher.Running running) {
    BridgeConfig config = running.config;
    List<CommunityClient> clients = new ArrayList<>();
    List<CommunityProfile> profiles = new ArrayList<>();
    CommunityClient own = null;
    if (config.demo()) {
      ResponderConfig rc = config.responder();
      String url = running.responderUrl();
      CommunityClient c = running.responderClient;
      if (c == null) {
        own = CommunityClient.create(vertx, CommunityEndpoints.of(rc.homeCommunityId(), DEMO_COMMUNITY_NAME,
            URI.create(url + RespondingGateway.ITI55_PATH), URI.create(url + RespondingGateway.ITI38_PATH),
            URI.create(url + RespondingGateway.ITI39_PATH), URI.create(url + RespondingGateway.RAD75_PATH)),
            CommunitySettings.DEFAULT, InitiatorSetup.demo().withObserver(running.ops.metrics.initiating()));
        c = own;
      }
      clients.add(c);
      profiles.add(CommunityProfile.ofDomain(rc.homeCommunityId(), rc.assigningAuthority()));
    } else {
      clients.addAll(running.roster.directory().all());
      profiles.addAll(profiles(config, clients));
    }
    StudySettings settings = StudySettings.DEFAULT;
    // a community the directory adds later is found with XCPD: the identity is set whenever a directory is used
    if (profiles.stream().anyMatch(CommunityProfile::xcpd) || config.communityDirectory() != null) {
      IdentityConfig id = config.identity();
      settings = settings.withXcpdIdentity(id.homeCommunityId(), id.organisationOid());
    }
    StudySettings studySettings = settings;
    CommunityClient ownClient = own;
    Path dir = running.workDir.resolve(LOCATOR_FOLDER);
    return StudyLocator.open(vertx, dir, studySettings.maxLocatedStudies()).map(locator -> {
      LOG.info("study locator: {} ({} studies known from before)", dir, locator.size());
      StudyService service = StudyService.create(vertx, CommunityDirectory.of(clients), profiles, running.store,
          locator, studySettings);
      if (!config.demo()) {
        running.roster.onChange(d -> service.updateCommunities(d, profiles(config, d.all())));
      }
      return new BridgeCore(locator, service, ownClient);
    }).recover(e -> (ownClient == null ? Future.<Void>succeededFuture() : ownClient.close())
        .transform(x -> Future.failedFuture(e)));
  }

  /**
   * A study profile per community: a configured one's identity domain (or XCPD) and query deadline; a community
   * known only from the directory names no identity domain, so its patients are found with XCPD.
   */
  private static List<CommunityProfile> profiles(BridgeConfig config, List<CommunityClient> clients) {
    Map<String, CommunityConfig> configured = new HashMap<>();
    config.communities().forEach(c -> configured.put(c.homeCommunityId(), c));
    List<CommunityProfile> profiles = new ArrayList<>();
    for (CommunityClient client : clients) {
      String home = client.endpoints().homeCommunityId();
      CommunityConfig c = configured.get(home);
      CommunityProfile p = c == null || c.xcpd() ? CommunityProfile.ofXcpd(home, null)
          : CommunityProfile.ofDomain(home, c.assigningAuthority());
      profiles.add(c == null ? p : p.withTimes(c.queryTimeout(), CommunityProfile.DEFAULT_ATTRIBUTE_BUDGET));
    }
    return profiles;
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

  /** The study core and the locator; the cache and the roster's clients are the launcher's to close. */
  Future<Void> close() {
    return service.close().transform(x -> locator.close())
        .transform(x -> ownClient == null ? Future.succeededFuture() : ownClient.close()).mapEmpty();
  }
}
