package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * What XUA costs through the whole door (bench/xua-door.sh): our {@link CommunityClient} calling our responder over
 * two-way TLS with the generated demo PKI, with signing on (a signed assertion per request, validated by the
 * responder) against the same door with signing off (no assertion asked for or sent), in the same JVM, rounds
 * interleaved. Two transactions: an ITI-38 FindDocuments query and a RAD-75 retrieval of one small radiograph.
 * A closed loop keeps a fixed number of requests in flight; requests per second are counted, and with signing on
 * the time from asking for the security header to having it (worker hop included). Prints medians over rounds.
 *
 * <p>Arguments: rounds (default 5), seconds per mode and round (default 3), requests in flight (default 4),
 * warm-up seconds per mode (default 3).
 */
public final class XuaDoorBench {
  private XuaDoorBench() {}

  private record Door(RespondingGateway gateway, HttpServer server) {
    CommunityEndpoints endpoints() {
      String base = "https://127.0.0.1:" + server.actualPort();
      return CommunityEndpoints.of(SecureDoorRig.IDENTITY.homeCommunityId(), "Bench responder",
          URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
          URI.create(base + RespondingGateway.ITI39_PATH), URI.create(base + RespondingGateway.RAD75_PATH));
    }
  }

  /** Security-header times in nanoseconds, collected on the client's event loop. */
  private static final List<Long> signNanos = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 3;
    Path temp = Files.createTempDirectory("xcai-xua-door-bench-");
    Vertx responderVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try {
      SyntheticStudies gen = new SyntheticStudies(new Random(5), Clock.systemUTC());
      SyntheticStudies.Study study = gen.crChest(gen.patient(), 64, 64);
      SyntheticSeries series = study.series().get(0);
      Path folder = temp.resolve("images");
      Files.createDirectories(folder);
      try (OutputStream out = Files.newOutputStream(folder.resolve("cr.dcm"))) {
        SyntheticStudies.write(out, study, series, 0);
      }
      Dataset d = SyntheticStudies.instance(study, series, 0);
      AuditedDoorRig.Item item = new AuditedDoorRig.Item(study.studyInstanceUid(), d.string(Tag.SeriesInstanceUID),
          d.string(Tag.SOPInstanceUID), null);
      FolderArchive archive = await(FolderArchive.start(responderVertx, new FolderArchive.Options(folder,
          temp.resolve("work"), new ManifestSettings(SecureDoorRig.IDENTITY.repositoryUniqueId(), "XCAI_BENCH"),
          Duration.ZERO)));
      ResponderSecurity tls = ResponderSecurity.none().withTls(TlsSetup.load(TestPki.shared().serverTls()));
      Door off = open(responderVertx, archive, tls);
      Door on = open(responderVertx, archive, tls.withXua(base -> new XuaValidator(XuaValidatorConfig.of(
          Set.of(TestPki.caCertificate()), RespondingGateway.endpointUrls(base)), Clock.systemUTC())));

      SecurityHeaderSource signed = SecurityHeaderSource.xua(clientVertx, SecureDoorRig.signer(Clock.systemUTC()),
          XuaFixtures.SUBJECT, endpoint -> XuaRecipient.of(endpoint.toString()));
      CommunityClient offClient = CommunityClient.create(clientVertx, off.endpoints(), SecureDoorRig.SETTINGS,
          SecureDoorRig.clientTls());
      CommunityClient onClient = CommunityClient.create(clientVertx, on.endpoints(), SecureDoorRig.SETTINGS,
          SecureDoorRig.clientTls().withSecurity(timed(signed)));
      AdhocQueryRequest query = new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(study.patient().id(),
          SecureDoorRig.IDENTITY.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()),
          ReturnType.LEAF_CLASS, SecureDoorRig.IDENTITY.homeCommunityId());

      String[] names = {"ITI-38 query, signing off", "ITI-38 query, signing on", "RAD-75 retrieve, signing off",
          "RAD-75 retrieve, signing on"};
      List<Supplier<Future<?>>> ops = List.of(() -> offClient.query(query), () -> onClient.query(query),
          () -> offClient.retrieveImages(AuditedDoorRig.rad75(item)).compose(XuaDoorBench::drain),
          () -> onClient.retrieveImages(AuditedDoorRig.rad75(item)).compose(XuaDoorBench::drain));
      for (Supplier<Future<?>> op : ops) {
        closedLoop(clientVertx, op, inFlight, warmup);
      }
      double[][] perSecond = new double[ops.size()][rounds];
      double[] signMicros = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < ops.size(); k++) {
          int i = r % 2 == 0 ? k : k ^ 1; // off/on order alternates per round, so drift hits both alike
          if (i == 1) {
            await(onLoop(clientVertx, () -> {
              signNanos.clear();
              return Future.succeededFuture();
            }));
          }
          perSecond[i][r] = closedLoop(clientVertx, ops.get(i), inFlight, seconds);
          if (i == 1) {
            signMicros[r] = await(onLoop(clientVertx, () -> Future.succeededFuture(
                median(signNanos.stream().mapToDouble(Long::doubleValue).toArray()) / 1000)));
          }
        }
      }
      System.out.printf(Locale.ROOT, "two-way TLS, %d requests in flight, %d rounds of %.1f s per mode%n", inFlight,
          rounds, seconds);
      System.out.printf(Locale.ROOT, "%-32s %14s%n", "mode", "median req/s");
      for (int i = 0; i < names.length; i++) {
        System.out.printf(Locale.ROOT, "%-32s %14.0f%n", names[i], median(perSecond[i]));
      }
      System.out.printf(Locale.ROOT, "%nsigning time per request (security header, client side, median of round "
          + "medians): %.0f µs%n", median(signMicros));
      System.out.printf(Locale.ROOT, "ratio on/off, req/s: ITI-38 %.2f, RAD-75 %.2f%n",
          median(perSecond[1]) / median(perSecond[0]), median(perSecond[3]) / median(perSecond[2]));
      await(onLoop(clientVertx, offClient::close));
      await(onLoop(clientVertx, onClient::close));
      await(on.gateway().close());
      await(off.gateway().close());
      await(archive.close());
    } finally {
      await(clientVertx.close());
      await(responderVertx.close());
      TestPki.deleteTree(temp);
    }
  }

  private static Door open(Vertx vertx, FolderArchive archive, ResponderSecurity security) throws Exception {
    RespondingGateway g = new RespondingGateway(vertx, archive, SecureDoorRig.IDENTITY, ResponderSettings.DEFAULT,
        security);
    return new Door(g, await(g.listen("127.0.0.1", 0)));
  }

  /** The source's headers, each timed from the request to having it; on the client's event loop. */
  private static SecurityHeaderSource timed(SecurityHeaderSource source) {
    return (transaction, endpoint, subject) -> {
      long start = System.nanoTime();
      return source.header(transaction, endpoint, subject).andThen(ar -> signNanos.add(System.nanoTime() - start));
    };
  }

  private static Future<Void> drain(ImagingRetrieval r) {
    r.handler(instance -> instance.body().handler(b -> {}));
    return r.outcome().mapEmpty();
  }

  /** Keeps {@code inFlight} calls of {@code op} going for {@code seconds}; returns completed calls per second. */
  private static double closedLoop(Vertx vertx, Supplier<Future<?>> op, int inFlight, double seconds)
      throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long[] done = {0};
    long[] last = {start};
    int[] running = {0};
    Promise<Void> finished = Promise.promise();
    Runnable[] next = {null};
    next[0] = () -> {
      running[0]++;
      op.get().onComplete(ar -> {
        running[0]--;
        if (ar.failed()) {
          finished.tryFail(ar.cause());
          return;
        }
        done[0]++;
        last[0] = System.nanoTime();
        if (last[0] < end) {
          next[0].run();
        } else if (running[0] == 0) {
          finished.tryComplete();
        }
      });
    };
    await(onLoop(vertx, () -> {
      for (int i = 0; i < inFlight; i++) {
        next[0].run();
      }
      return finished.future();
    }));
    return done[0] / ((last[0] - start) / 1e9);
  }

  private static <T> Future<T> onLoop(Vertx vertx, Supplier<Future<T>> call) {
    Promise<T> p = Promise.promise();
    io.vertx.core.Context c = CONTEXTS.computeIfAbsent(vertx, v -> v.getOrCreateContext());
    c.runOnContext(v -> call.get().onComplete(p));
    return p.future();
  }

  private static final java.util.Map<Vertx, io.vertx.core.Context> CONTEXTS = new java.util.HashMap<>();

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
