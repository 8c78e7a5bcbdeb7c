package org.xcaibridge.studies;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * Test glue: real communities on loopback — our {@link RespondingGateway} over a {@link FolderArchive} of some of
 * the shared corpus's studies, one identity domain each — the real gateway {@link CommunityClient}s toward them,
 * and a {@link StudyService} over a real cache and locator in a temporary directory. Every request a community
 * gets is counted by path; a community's RAD-75 answers can be held back. A community may also be "dead": its
 * endpoints point at a port nobody listens on.
 */
final class StudiesRig implements AutoCloseable {
  static final String PATIENT = "98890234";

  /** One community served by our responder. */
  final class Community {
    final String name;
    final ResponderIdentity identity;
    final Path folder;
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    volatile long holdRad75Millis;
    FolderArchive archive;
    HttpServer server;

    Community(String name, ResponderIdentity identity, Path folder) {
      this.name = name;
      this.identity = identity;
      this.folder = folder;
    }

    int requests(String path) {
      AtomicInteger n = requests.get(path);
      return n == null ? 0 : n.get();
    }

    int total() {
      return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String base() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    CommunityEndpoints endpoints() {
      return endpoints(base());
    }

    /** The endpoints at another base URL (a relay in front of the community). */
    CommunityEndpoints endpoints(String b) {
      return CommunityEndpoints.of(identity.homeCommunityId(), name, URI.create(b + RespondingGateway.ITI55_PATH),
          URI.create(b + RespondingGateway.ITI38_PATH), URI.create(b + RespondingGateway.ITI39_PATH),
          URI.create(b + RespondingGateway.RAD75_PATH));
    }
  }

  final Path temp;
  final GatewayHarness harness = new GatewayHarness();
  final Vertx responderVertx = Vertx.vertx();
  final Map<String, Community> communities = new LinkedHashMap<>();
  /** SHA-256 of every served file, by SOP Instance UID; and the file itself. */
  final Map<String, String> sha = new ConcurrentHashMap<>();
  final Map<String, Path> files = new ConcurrentHashMap<>();
  private final List<CommunityClient> clients = new ArrayList<>();
  private final List<CommunityProfile> profiles = new ArrayList<>();
  InstanceStore store;
  StudyLocator locator;
  StudyService service;

  StudiesRig(Path temp) {
    this.temp = temp;
  }

  /** A community serving these study folders of the shared corpus ({@code study-sets/<name>}). */
  Community community(String name, int number, String... studySets) throws Exception {
    ResponderIdentity id = new ResponderIdentity("1.3.6.1.4.1.21367.13.70." + number,
        "1.3.6.1.4.1.21367.13.80." + number, "1.3.6.1.4.1.21367.13.20." + number);
    Path folder = temp.resolve("community-" + number);
    for (String set : studySets) {
      copy(Fixtures.sharedDicom().resolve("study-sets").resolve(set), folder.resolve(set));
    }
    inventory(folder);
    Community c = new Community(name, id, folder);
    c.archive = GatewayHarness.get(FolderArchive.start(responderVertx, new FolderArchive.Options(folder,
        temp.resolve("work-" + number), new ManifestSettings(id.repositoryUniqueId(), "XCAI_" + number),
        Duration.ZERO)));
    Router router = new RespondingGateway(responderVertx, c.archive, id, ResponderSettings.DEFAULT).router();
    c.server = GatewayHarness.get(responderVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
        .setPort(0)).requestHandler(req -> {
          c.requests.computeIfAbsent(req.path(), k -> new AtomicInteger()).incrementAndGet();
          long hold = c.holdRad75Millis;
          if (hold > 0 && req.path().equals(RespondingGateway.RAD75_PATH)) {
            req.pause();
            responderVertx.setTimer(hold, t -> {
              router.handle(req);
              req.resume();
            });
          } else {
            router.handle(req);
          }
        }).listen());
    communities.put(name, c);
    return c;
  }

  /** The client and profile of a community (its own identity domain). */
  void connect(Community c, CommunitySettings settings, Duration queryDeadline, Duration attributeBudget) {
    connect(c, c.endpoints(), settings, queryDeadline, attributeBudget);
  }

  void connect(Community c, CommunityEndpoints endpoints, CommunitySettings settings, Duration queryDeadline,
      Duration attributeBudget) {
    clients.add(harness.client(endpoints, settings));
    profiles.add(CommunityProfile.ofDomain(c.identity.homeCommunityId(), c.identity.assigningAuthorityOid())
        .withTimes(queryDeadline, attributeBudget));
  }

  /** The client of a community and the given profile. */
  void connect(Community c, CommunitySettings settings, CommunityProfile profile) {
    clients.add(harness.client(c.endpoints(), settings));
    profiles.add(profile);
  }

  /** A community nobody answers for: its port was free a moment ago and is closed now. */
  void connectDead(String name, int number) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String b = "http://127.0.0.1:" + port;
    String home = "urn:oid:1.3.6.1.4.1.21367.13.70." + number;
    clients.add(harness.client(CommunityEndpoints.of(home, name, null, URI.create(b + "/iti38"),
        URI.create(b + "/iti39"), URI.create(b + "/rad75")), CommunitySettings.DEFAULT));
    profiles.add(CommunityProfile.ofDomain(home, "1.3.6.1.4.1.21367.13.20." + number));
  }

  /** Opens the cache and locator in the temporary directory and makes the service. */
  StudyService start(StudySettings settings) throws Exception {
    store = GatewayHarness.get(InstanceStore.open(harness.vertx, CacheSettings.of(temp.resolve("cache"), 256L << 20)));
    locator = GatewayHarness.get(StudyLocator.open(harness.vertx, temp.resolve("locator"), 10_000));
    service = StudyService.create(harness.vertx, CommunityDirectory.of(clients), profiles, store, locator, settings);
    return service;
  }

  /** Closes the service, cache and locator (the communities stay up), as a process stop would. */
  void stopService() throws Exception {
    if (service != null) {
      GatewayHarness.get(service.close());
      service = null;
    }
    if (locator != null) {
      GatewayHarness.get(locator.close());
      locator = null;
    }
    if (store != null) {
      GatewayHarness.get(store.close());
      store = null;
    }
  }

  int upstreamRequests() {
    return communities.values().stream().mapToInt(Community::total).sum();
  }

  <T> T await(Supplier<Future<T>> call) throws Exception {
    return harness.await(call);
  }

  Throwable failure(Supplier<Future<?>> call) throws Exception {
    return harness.failure(call);
  }

  /** One instance as the caller read it. */
  record Got(String sop, String transferSyntaxUid, long size, String sha256, Throwable failure) {}

  /** A whole retrieval read: the instances in order, how it ended, what was not delivered. */
  record Read(List<Got> instances, Throwable failure, List<String> notDelivered) {}

  /**
   * Reads a retrieval to its end on the event loop, one instance at a time as a front writing parts would (the next
   * asked for when the previous has been read), hashing each instance as it streams.
   */
  Read read(Supplier<Future<InstanceRetrieval>> open) throws Exception {
    Promise<Read> done = Promise.promise();
    List<Got> got = new ArrayList<>();
    boolean[] ended = {false};
    int[] reading = {0};
    Throwable[] failed = {null};
    // the callback is registered on the loop, so it runs there even when the retrieval opened at once: from this
    // thread, handlers could be set while the stream already runs on the loop (see EndHandlerSetLateStillHearsTheEnd)
    harness.onLoop(() -> open.get().onComplete(ar -> {
      if (ar.failed()) {
        done.complete(new Read(got, ar.cause(), List.of()));
        return;
      }
      InstanceRetrieval r = ar.result();
      Runnable maybeDone = () -> {
        if (failed[0] != null && reading[0] == 0) {
          done.tryComplete(new Read(List.copyOf(got), failed[0], List.of()));
        } else if (ended[0] && reading[0] == 0) {
          r.notDelivered().onComplete(nd -> done.tryComplete(new Read(List.copyOf(got), null,
              nd.succeeded() ? nd.result() : List.of())));
        }
      };
      r.pause();
      r.exceptionHandler(e -> {
        failed[0] = e; // reported once the instances being read have ended or failed
        maybeDone.run();
      });
      r.endHandler(v -> {
        ended[0] = true;
        maybeDone.run();
      });
      r.handler(i -> {
        reading[0]++;
        MessageDigest d = GatewayHarness.sha256();
        long[] size = {0};
        i.body().handler(b -> {
          d.update(b.getBytes());
          size[0] += b.length();
        });
        i.body().exceptionHandler(e -> {
          got.add(new Got(i.sopInstanceUid(), i.transferSyntaxUid(), size[0], null, e));
          reading[0]--;
          maybeDone.run();
        });
        i.body().endHandler(v -> {
          got.add(new Got(i.sopInstanceUid(), i.transferSyntaxUid(), size[0], HexFormat.of().formatHex(d.digest()),
              null));
          reading[0]--;
          r.fetch(1);
          maybeDone.run();
        });
      });
      r.fetch(1);
    }));
    return GatewayHarness.get(done.future());
  }

  /** Reads one instance to its end on the event loop, hashing it as it streams. */
  Got readInstance(Supplier<Future<StoredInstance>> open) throws Exception {
    Promise<Got> done = Promise.promise();
    harness.onLoop(() -> open.get().onComplete(ar -> { // on the loop, as in read
      if (ar.failed()) {
        done.complete(new Got(null, null, 0, null, ar.cause()));
        return;
      }
      StoredInstance i = ar.result();
      MessageDigest d = GatewayHarness.sha256();
      long[] size = {0};
      i.body().handler(b -> {
        d.update(b.getBytes());
        size[0] += b.length();
      });
      i.body().exceptionHandler(e -> done.tryComplete(new Got(i.sopInstanceUid(), i.transferSyntaxUid(), size[0],
          null, e)));
      i.body().endHandler(v -> done.tryComplete(new Got(i.sopInstanceUid(), i.transferSyntaxUid(), size[0],
          HexFormat.of().formatHex(d.digest()), null)));
    }));
    return GatewayHarness.get(done.future());
  }

  @Override
  public void close() throws Exception {
    stopService();
    for (Community c : communities.values()) {
      GatewayHarness.get(c.server.close());
      GatewayHarness.get(c.archive.close());
    }
    harness.close();
    GatewayHarness.get(responderVertx.close());
  }

  private void inventory(Path folder) throws Exception {
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        DicomFile f = DicomReader.read(bytes, ReadOptions.HEADERS);
        String sop = f.dataset().string(Tag.SOPInstanceUID);
        sha.put(sop, GatewayHarness.sha256(bytes));
        files.put(sop, p);
      }
    }
  }

  private static void copy(Path from, Path to) throws Exception {
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
