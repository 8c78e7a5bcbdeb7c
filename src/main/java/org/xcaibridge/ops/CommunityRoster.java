package org.xcaibridge.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.directory.DirectoryFeed;
import org.xcaibridge.gateway.directory.DirectorySnapshot;
import org.xcaibridge.gateway.directory.DirectorySource;
import org.xcaibridge.trust.TlsSetup;

/**
 * The communities the bridge talks to now: the static ones of the configuration, plus those of the Carequality
 * directory when one is configured (a static entry wins for the same homeCommunityId). On each directory change
 * the gateway's {@link CommunityDirectory} is rebuilt — a community whose endpoints stayed the same keeps its
 * client and connections, a new one gets a client, a removed one's client is closed. TLS rotations reach every
 * client ({@link CommunityClient#updateTls}). {@link #onChange} listeners (the study core) get each new set. With
 * {@code xua:} configured every client signs an assertion per request, shaped as its community's {@code xua:}
 * overrides say (a community of the directory gets the defaults).
 */
final class CommunityRoster {
  private static final Logger LOG = LoggerFactory.getLogger(CommunityRoster.class);

  private final Vertx vertx;
  private final InitiatorSetup setup;
  private final XuaSigning signing;
  private final Map<String, CommunitySettings> staticSettings = new LinkedHashMap<>();
  private final Map<String, CommunityXua> staticXua = new LinkedHashMap<>();
  private final List<CommunityEndpoints> statics = new ArrayList<>();
  private Map<CommunityEndpoints, CommunityClient> clients = new LinkedHashMap<>();
  private volatile CommunityDirectory directory = CommunityDirectory.of(List.of());
  private volatile TlsSetup tls;
  private final List<Consumer<CommunityDirectory>> listeners = new CopyOnWriteArrayList<>();
  DirectoryFeed feed;

  private CommunityRoster(Vertx vertx, InitiatorSetup setup, XuaSigning signing) {
    this.vertx = vertx;
    this.setup = setup;
    this.signing = signing;
    this.tls = setup.tls().orElse(null);
  }

  /** {@code signing} null: the setup's own security header (none, without {@code xua:}). */
  static Future<CommunityRoster> start(Vertx vertx, BridgeConfig config, InitiatorSetup setup, XuaSigning signing,
      Clock clock) {
    CommunityRoster r = new CommunityRoster(vertx, setup, signing);
    for (CommunityConfig c : config.communities()) {
      CommunityEndpoints e = CommunityEndpoints.of(c.homeCommunityId(), c.name(), c.iti55Url(), c.iti38Url(),
          c.iti39Url(), c.rad75Url());
      r.statics.add(e);
      r.staticSettings.put(c.homeCommunityId(), CommunitySettings.DEFAULT
          .withTimeouts(c.connectTimeout(), c.queryTimeout(), c.retrieveTimeout(), c.queryTimeout())
          .withMaxDocumentRequestsPerCall(c.maxDocumentRequests()));
      r.staticXua.put(c.homeCommunityId(), c.xua());
    }
    r.rebuild(List.of());
    DirectoryConfig dc = config.communityDirectory();
    if (dc == null) {
      return Future.succeededFuture(r);
    }
    DirectorySource source = dc.url() != null ? DirectorySource.url(vertx, dc.url(), DirectoryConfig.FETCH_TIMEOUT)
        : DirectorySource.file(vertx, dc.file().toAbsolutePath().normalize());
    r.feed = new DirectoryFeed(vertx, source, dc.refresh(), dc.maxSize().bytes(), clock);
    r.feed.onChange(s -> r.rebuild(s.communities()));
    return r.feed.start().map(first -> r);
  }

  /** The communities as of now; a fan-out takes {@code directory().all()}. */
  CommunityDirectory directory() {
    return directory;
  }

  /** The last directory read, or null (none configured, or none read yet). */
  DirectorySnapshot snapshot() {
    return feed == null ? null : feed.current();
  }

  /** Called with the new communities after each directory change. */
  void onChange(Consumer<CommunityDirectory> listener) {
    listeners.add(listener);
  }

  /** New connections of every client use {@code rotated}; clients made later start with it. */
  void updateTls(TlsSetup rotated) {
    tls = rotated;
    for (CommunityClient c : directory.all()) {
      c.updateTls(rotated).onFailure(e -> LOG.warn("{}: the rotated TLS material was not taken: {}",
          c.endpoints().label(), e.toString()));
    }
  }

  private synchronized void rebuild(List<CommunityEndpoints> fromDirectory) {
    Map<String, CommunityEndpoints> wanted = new LinkedHashMap<>();
    statics.forEach(e -> wanted.put(e.homeCommunityId(), e));
    fromDirectory.forEach(e -> wanted.putIfAbsent(e.homeCommunityId(), e));
    Map<CommunityEndpoints, CommunityClient> next = new LinkedHashMap<>();
    InitiatorSetup current = tls == null ? setup : setup.withTls(tls);
    for (CommunityEndpoints e : wanted.values()) {
      CommunityClient kept = clients.remove(e);
      InitiatorSetup own = signing == null ? current : current.withSecurity(signing.source(vertx,
          staticXua.getOrDefault(e.homeCommunityId(), CommunityXua.DEFAULT)));
      next.put(e, kept != null ? kept : CommunityClient.create(vertx, e,
          staticSettings.getOrDefault(e.homeCommunityId(), CommunitySettings.DEFAULT), own));
    }
    List<CommunityClient> gone = new ArrayList<>(clients.values());
    clients = next;
    directory = CommunityDirectory.of(new ArrayList<>(next.values()));
    // requests already running on a removed client finish on it: its pool closes once they are done
    gone.forEach(c -> vertx.setTimer(60_000, t -> c.close()));
    if (!gone.isEmpty() || fromDirectory.size() > 0) {
      LOG.info("communities: {} ({} from the configuration, {} removed)", next.size(), statics.size(), gone.size());
    }
    for (Consumer<CommunityDirectory> l : listeners) {
      try {
        l.accept(directory);
      } catch (RuntimeException e) {
        LOG.warn("the new communities were not taken: {}", e.toString());
      }
    }
  }

  Future<Void> close() {
    Future<Void> stopped = feed == null ? Future.succeededFuture() : feed.stop();
    return stopped.transform(x -> directory.close());
  }
}
