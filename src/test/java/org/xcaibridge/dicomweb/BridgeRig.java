package org.xcaibridge.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.CommunityProfile;
import org.xcaibridge.studies.StudyLocator;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.StudySettings;

/**
 * The whole bridge on loopback for end-to-end tests: communities served by our own {@link RespondingGateway} over a
 * {@link FolderArchive} (each on its own port, each request passing a hook that may hold, cut or drop it), or dead
 * (a port nobody listens on); the real gateway clients, cache, locator and study core; and the DICOMweb front on
 * its own Vert.x instance, called over real HTTP by {@link #get}.
 */
final class BridgeRig implements AutoCloseable {
  /** One community our responder serves. */
  final class Community {
    final String name;
    final ResponderIdentity identity;
    final Path folder;
    FolderArchive archive;
    HttpServer server;
    /** Sees every request before the responder: call {@code router.handle(req)} to answer it, or don't. */
    volatile BiConsumer<HttpServerRequest, Router> hook = (req, router) -> router.handle(req);

    Community(String name, ResponderIdentity identity, Path folder) {
      this.name = name;
      this.identity = identity;
      this.folder = folder;
    }

    String base() {
      return "http://127.0.0.1:" + server.actualPort();
    }
  }

  final Path temp;
  final Vertx responderVertx = Vertx.vertx();
  final Vertx bridgeVertx = Vertx.vertx();
  final Map<String, Community> communities = new LinkedHashMap<>();
  private final List<CommunityClient> clients = new ArrayList<>();
  private final List<CommunityProfile> profiles = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  InstanceStore store;
  StudyLocator locator;
  StudyService service;
  HttpServer front;
  String base;

  BridgeRig(Path temp) {
    this.temp = temp;
  }

  /** A community serving a copy of {@code source} (a folder of Part 10 files), with its own identity domain. */
  Community community(String name, int number, Path source, CommunitySettings settings, Duration queryDeadline)
      throws Exception {
    return community(name, number, source, settings, queryDeadline, port -> "http://127.0.0.1:" + port);
  }

  /** The same, with RAD-75 sent to the base URL {@code rad75} gives for the responder's port (a relay, say). */
  Community community(String name, int number, Path source, CommunitySettings settings, Duration queryDeadline,
      IntFunction<String> rad75) throws Exception {
    ResponderIdentity id = new ResponderIdentity("1.3.6.1.4.1.21367.13.70." + number,
        "1.3.6.1.4.1.21367.13.80." + number, "1.3.6.1.4.1.21367.13.20." + number);
    Path folder = temp.resolve("community-" + number);
    copy(source, folder);
    Community c = new Community(name, id, folder);
    c.archive = await(FolderArchive.start(responderVertx, new FolderArchive.Options(folder,
        temp.resolve("work-" + number), new ManifestSettings(id.repositoryUniqueId(), "XCAI_" + number),
        Duration.ZERO)));
    Router router = new RespondingGateway(responderVertx, c.archive, id, ResponderSettings.DEFAULT).router();
    c.server = await(responderVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> c.hook.accept(req, router)).listen());
    communities.put(name, c);
    String b = c.base();
    clients.add(CommunityClient.create(bridgeVertx, CommunityEndpoints.of(id.homeCommunityId(), name,
        URI.create(b + RespondingGateway.ITI55_PATH), URI.create(b + RespondingGateway.ITI38_PATH),
        URI.create(b + RespondingGateway.ITI39_PATH), URI.create(rad75.apply(c.server.actualPort())
            + RespondingGateway.RAD75_PATH)), settings,
        InitiatorSetup.demo()));
    profiles.add(CommunityProfile.ofDomain(id.homeCommunityId(), id.assigningAuthorityOid())
        .withTimes(queryDeadline, CommunityProfile.DEFAULT_ATTRIBUTE_BUDGET));
    return c;
  }

  /** Makes {@code c} a community without a configured identity domain: its patients are found with XCPD (ITI-55). */
  void locateByXcpd(Community c) {
    String home = c.identity.homeCommunityId();
    profiles.replaceAll(p -> p.homeCommunityId().equals(home)
        ? CommunityProfile.ofXcpd(home, c.identity.assigningAuthorityOid()) : p);
  }

  /** A community nobody answers for: its port was free a moment ago. */
  void deadCommunity(String name, int number) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String b = "http://127.0.0.1:" + port;
    String home = "urn:oid:1.3.6.1.4.1.21367.13.70." + number;
    clients.add(CommunityClient.create(bridgeVertx, CommunityEndpoints.of(home, name, null, URI.create(b + "/iti38"),
        URI.create(b + "/iti39"), URI.create(b + "/rad75")), CommunitySettings.DEFAULT, InitiatorSetup.demo()));
    profiles.add(CommunityProfile.ofDomain(home, "1.3.6.1.4.1.21367.13.20." + number));
  }

  /** Opens the cache and the locator, makes the study core and starts the front on a free port. */
  BridgeRig startBridge(StudySettings settings) throws Exception {
    store = await(InstanceStore.open(bridgeVertx, CacheSettings.of(temp.resolve("cache"), 512L << 20)));
    locator = await(StudyLocator.open(bridgeVertx, temp.resolve("locator"), 10_000));
    service = StudyService.create(bridgeVertx, CommunityDirectory.of(clients), profiles, store, locator, settings);
    AtomicReference<Router> router = new AtomicReference<>();
    front = await(bridgeVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> router.get().handle(req)).listen());
    base = "http://127.0.0.1:" + front.actualPort() + "/dicomweb";
    router.set(DicomWebFront.create(bridgeVertx, service, DicomWebSettings.of(base, CorsSettings.NONE)));
    return this;
  }

  /** GET {@code base + path} with the given header name/value pairs; the body read whole. */
  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (front != null) {
      await(front.close());
    }
    if (service != null) {
      await(service.close());
    }
    if (locator != null) {
      await(locator.close());
    }
    if (store != null) {
      await(store.close());
    }
    for (CommunityClient c : clients) {
      await(c.close());
    }
    for (Community c : communities.values()) {
      await(c.server.close());
      await(c.archive.close());
    }
    await(bridgeVertx.close());
    await(responderVertx.close());
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
