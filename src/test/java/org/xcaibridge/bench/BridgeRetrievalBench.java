package org.xcaibridge.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.RespondingGateway;

/**
 * A study retrieved through the bridge, all on 127.0.0.1, fetched with curl in one run: a synthetic CT study (every
 * series of it, Explicit VR Little Endian) served by our responding gateway; (1) cold: WADO-RS {@code GET
 * /dicomweb/studies/{st}} from a bridge with an empty cache (a RAD-75 per series, each instance streamed on while it
 * arrives) against the baseline, curl POSTing one RAD-75 request for the whole study to the responder and
 * downloading its MTOM answer; (2) warm: the same WADO-RS request again (served from the cache) against
 * Orthanc's WADO-RS for the same study, same Accept header. Warm-up rounds on another study of the same shape run both
 * paths untimed first, until the JIT has settled, then a few on the timed study itself, then one whole round untimed.
 * Prints medians, MB/s and the two ratios (target: cold ≥ 0.8× the direct download, warm ≥ 1.5× Orthanc). For
 * scale, each round also times a {@link BareRelay} of the direct download (Vert.x client to Vert.x server, nothing
 * parsed or kept): what a relay alone costs here; and a {@link TeeRelay} (a blocking copy from socket to file and
 * socket): the room the machine leaves any bridge.
 *
 * <p>The responder and the relays run in JVMs of their own ({@link ChildJvm}), as a remote community's gateway would,
 * and the CPU each JVM used is printed per download. Before each cold round a scratch file is written and deleted, so
 * that the round's cache writes do not pay this virtual machine's host faults on memory it took back
 * ({@link RecycledPageCache}; what that scratch write cost is printed).
 *
 * <p>Usage: BridgeRetrievalBench workDir [sizeMiB] [runs]
 */
public final class BridgeRetrievalBench {
  private static final ResponderIdentity ID = BenchResponder.ID;
  private static final String ACCEPT = "multipart/related; type=\"application/dicom\"";
  private static final int MAX_WARM_UPS = 100;
  /**
   * Instances the warm-up retrieves at least: HotSpot compiles a method with C2 after about 5,000 invocations
   * (Tier4InvocationThreshold; 15,000 with its loops, Tier4CompileThreshold), and much of the bridge runs once per
   * instance, so fewer left the JIT compiling through the timed rounds (0.1-0.3 of ~0.6 CPU-s a round, with the
   * earlier rule alone).
   */
  private static final int WARM_UP_INSTANCES = 15_000;
  /** Warm-up rounds on the timed study itself, after those on the other study (see where they run). */
  private static final int TIMED_STUDY_WARM_UPS = 3;
  /** Caches of this run, deleted at its end (see {@link #retrieve}). */
  private static final List<Path> CACHES = new java.util.concurrent.CopyOnWriteArrayList<>();

  private BridgeRetrievalBench() {}

  /**
   * One download: curl's total time, bytes and time to the first byte; the CPU the JVM in the middle (the bridge's or
   * the relay's) used meanwhile and the part of it its JIT compiler threads used, the same for the responder's JVM,
   * curl's own CPU, and the share of the cores left idle (see {@link IdleCores}) (-1 where /proc does not tell).
   */
  record Timing(double seconds, long bytes, double firstByte, double jvmCpuSeconds, double jitCpuSeconds,
      double responderCpuSeconds, double responderJitSeconds, double curlCpuSeconds, double idleShare) {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench-bridge").toAbsolutePath();
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path folder = work.resolve("studies-" + mib);
    BenchStudy study = BenchStudy.ensure(folder, "s", mib, 900);
    // a second study of the same shape for the warm-up rounds: both paths run untimed, so that neither the responder
    // nor the bridge is timed while cold (JIT, first connections), and the timed study is not in any cache. The same
    // shape, not a smaller one: with 255 instances against the timed 398, the timed RAD-75 envelope made the XML
    // reader refill its buffer where the warm-up's never had, and C2's code for it was thrown away (an unstable_if
    // trap) and compiled again inside a timed cold round, in both runs logged (in one, the median cold round's JIT was
    // 0.08 of the bridge's 0.51 CPU-s)
    BenchStudy warmUp = BenchStudy.ensure(folder, "v", mib, 902);
    // a run stopped by a signal (timeout, ^C) runs no finally block, and its caches (the warm-ups' in /dev/shm among
    // them, up to the study's size) would stay; shutdown hooks do run. Best effort: the run may still be writing
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path cache : CACHES) {
        for (int attempt = 0; attempt < 3 && Files.exists(cache); attempt++) {
          try {
            deleteTree(cache);
          } catch (IOException | RuntimeException stillInUse) {
            // a file made while the tree was walked: walk it again
          }
        }
      }
    }));
    Vertx bridgeVertx = org.xcaibridge.ops.VertxRuntime.create(); // as Main runs: native transport where it loads
    Process orthanc = null;
    ChildJvm responder = null;
    ChildJvm relay = null;
    ChildJvm tee = null;
    try {
      // the responder and the bare relay each in a JVM of their own, as in production (see ChildJvm)
      responder = ChildJvm.start(work.resolve("responder.log"), BenchResponder.class, folder.toString(),
          work.resolve("responder-" + mib).toString());
      String responderBase = responder.url();
      String rad75Url = responderBase + RespondingGateway.RAD75_PATH;
      Path rad75 = work.resolve("rad75-request.xml");
      Files.write(rad75, study.rad75Request(rad75Url, ID.homeCommunityId(), ID.repositoryUniqueId()));
      Path rad75WarmUp = work.resolve("rad75-warm-up.xml");
      Files.write(rad75WarmUp, warmUp.rad75Request(rad75Url, ID.homeCommunityId(), ID.repositoryUniqueId()));
      String soapType = "Content-Type: application/soap+xml; charset=UTF-8; action=\""
          + IheTransaction.RAD_75.requestAction() + "\"";
      relay = ChildJvm.start(work.resolve("relay.log"), BareRelay.class, rad75Url,
          soapType.substring("Content-Type: ".length()), rad75.toString(),
          Integer.toString(CommunityClient.MAX_RESPONSE_PIECE_BYTES));
      tee = ChildJvm.start(work.resolve("tee.log"), TeeRelay.class, rad75Url, soapType.substring("Content-Type: "
          .length()), rad75.toString(), work.resolve("tee-relay").toString());
      Meters tee0 = new Meters(JvmMeter.of(tee), JvmMeter.of(responder));
      Meters direct0 = new Meters(JvmMeter.NONE, JvmMeter.of(responder));
      Meters relay0 = new Meters(JvmMeter.of(relay), JvmMeter.of(responder));
      Meters bridge0 = new Meters(JvmMeter.SELF, JvmMeter.of(responder));

      // Warm-up on another study, untimed, both paths, the cache's warm path too: WARM_UP_INSTANCES instances, then
      // until the JIT's share of a cold retrieval's CPU falls below a tenth, at most MAX_WARM_UPS rounds. Its caches
      // go to memory (/dev/shm) where there is one, each deleted after its round: the same code, without gigabytes of
      // disk, and without freeing thousands of inodes the timed rounds' files would then be allocated among
      Path warmUpCaches = Files.isDirectory(Path.of("/dev/shm")) && Files.isWritable(Path.of("/dev/shm"))
          ? Files.createTempDirectory(Path.of("/dev/shm"), "xcai-bench-warm-up-") : null;
      if (warmUpCaches != null) {
        CACHES.add(warmUpCaches); // deleted at the end too, should the warm-up fail
      }
      int minWarmUps = Math.max(2, -Math.floorDiv(-WARM_UP_INSTANCES, warmUp.instanceCount()));
      int warmUps = 0;
      Timing warmCold;
      do {
        curl(direct0, "-X", "POST", "-H", soapType, "--data-binary", "@" + rad75WarmUp, rad75Url);
        Path cache = (warmUpCaches != null ? warmUpCaches : work).resolve("bridge-cache-warm-up-" + warmUps);
        warmCold = retrieve(bridgeVertx, bridge0, responderBase, cache, warmUp, new ArrayList<>(), () -> null);
        if (warmUpCaches != null) {
          deleteTree(cache);
        }
        warmUps++;
      } while (warmUps < MAX_WARM_UPS
          && (warmUps < minWarmUps || warmCold.jitCpuSeconds() > warmCold.jvmCpuSeconds() / 10));
      // then a few rounds of the timed study itself, as a harness warms up on the workload it measures: the RAD-75
      // envelope's XML meets the reader's buffer ends at other places than the warm-up study's, and C2's code for the
      // reader (compiled without the branches the warm-up never took) was thrown away and compiled again in the
      // first two timed rounds of every run logged (-XX:+PrintCompilation: XMLEntityScanner.peekChar and
      // FragmentContentDriver.next, made not entrant in round 0, the latter recompiled in round 1). Their caches are
      // on disk where the timed rounds' are, kept until the run ends like theirs: with the disk's pace the viewer's
      // side falls behind the network at other places than with memory's, and the code for what it then does (join
      // stored downloads, send from the file) was compiled in the timed rounds instead (the JIT at 0.05-0.17 of
      // 0.3-0.5 CPU-s in four of six timed rounds of a run, after warm-ups all in /dev/shm)
      for (int i = 0; i < TIMED_STUDY_WARM_UPS; i++, warmUps++) {
        curl(direct0, "-X", "POST", "-H", soapType, "--data-binary", "@" + rad75, rad75Url);
        Path cache = work.resolve("bridge-cache-warm-up-" + warmUps);
        warmCold = retrieve(bridgeVertx, bridge0, responderBase, cache, study, new ArrayList<>(), () -> null);
      }
      if (warmUpCaches != null) {
        deleteTree(warmUpCaches);
      }
      System.out.printf(Locale.ROOT, "warm-up (untimed, %d MiB studies, the last %d rounds on the timed one): %d"
          + " rounds, %d instances%s; in the last, bridge cold %.3f s, JIT %.2f of %.2f CPU-s%n", mib,
          TIMED_STUDY_WARM_UPS, warmUps, warmUps * warmUp.instanceCount(),
          warmUpCaches != null ? ", caches in /dev/shm" : "", warmCold.seconds(), warmCold.jitCpuSeconds(),
          warmCold.jvmCpuSeconds());
      // the relay's warm-up, the same way (the study is the timed one: the relay keeps nothing)
      Timing relayWarm;
      int relayWarmUps = 0;
      do {
        relayWarm = curl(relay0, relay.url());
        relayWarmUps++;
      } while (relayWarmUps < MAX_WARM_UPS
          && (relayWarmUps < 3 || relayWarm.jitCpuSeconds() > relayWarm.jvmCpuSeconds() / 10));
      for (int i = 0; i < 3; i++) { // the tee relay compiles little: a copy loop
        curl(tee0, tee.url());
      }
      Path probe = work.resolve("file-creation-probe");
      deleteTree(probe); // left by a run that did not end (a run deletes it at its end)
      CACHES.add(probe);
      double createMicros = FileCreationProbe.microsPerFile(probe, study.instanceCount());
      // the page cache each cold round fills comes from page cache freed just before it (see RecycledPageCache)
      List<Double> scratchSeconds = new ArrayList<>();
      List<Timing> direct = new ArrayList<>();
      List<Timing> relayed = new ArrayList<>();
      List<Timing> teed = new ArrayList<>();
      List<Timing> cold = new ArrayList<>();
      List<Timing> warm = new ArrayList<>();
      // round -1 runs whole and untimed: the warm-ups ran each path alone, and in the first round that ran them one
      // after another both JVMs compiled again (-Xlog:jit+compilation: the responder's MtomWriter.write made not
      // entrant and Netty's write path compiled during the first cold round; the bridge's XML reader, see above)
      for (int run = -1; run < runs; run++) {
        boolean timed = run >= 0;
        Timing d = curl(direct0, "-X", "POST", "-H", soapType, "--data-binary", "@" + rad75, rad75Url);
        Timing r = curl(relay0, relay.url());
        RecycledPageCache.free(work.resolve("page-cache.scratch"), 2L * mib << 20); // as before the cold round
        Timing t = curl(tee0, tee.url());
        Path cache = work.resolve("bridge-cache-" + (timed ? run : "untimed"));
        Timing c = retrieve(bridgeVertx, bridge0, responderBase, cache, study, timed ? warm : new ArrayList<>(), () -> {
              double scratch = RecycledPageCache.free(work.resolve("page-cache.scratch"), 2L * mib << 20);
              return timed ? scratchSeconds.add(scratch) : null;
            });
        if (!timed) {
          continue;
        }
        direct.add(d);
        relayed.add(r);
        teed.add(t);
        cold.add(c);
        if (Boolean.getBoolean("bench.rounds")) { // -Dbench.rounds=true: each round, with the JVM's uptime
          System.out.printf(Locale.ROOT, "round %d ended at %d ms: direct %s; relay %s; tee %s; cold %s; warm %s%n",
              run, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), direct.get(run),
              relayed.get(run), teed.get(run), cold.get(run), warm.get(run));
        }
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path orthancData = work.resolve("orthanc-" + mib);
      deleteTree(orthancData);
      Path script = Path.of("../shared/tools/orthanc/run-orthanc.sh");
      List<Timing> orthancRuns = new ArrayList<>();
      if (Files.isRegularFile(script) && Files.isExecutable(Path.of("/usr/sbin/Orthanc"))
          && !Boolean.getBoolean("bench.noOrthanc")) { // -Dbench.noOrthanc=true: the cold comparison alone
        orthanc = new ProcessBuilder("sh", script.toString(), orthancData.toString(), Integer.toString(port))
            .redirectErrorStream(true).redirectOutput(work.resolve("orthanc.log").toFile()).start();
        loadOrthanc(port, folder, "s");
        String url = "http://127.0.0.1:" + port + "/dicom-web/studies/" + study.study();
        // Orthanc reads its files once; the bridge's warm run is its second
        curl(Meters.NONE, "-H", "Accept: " + ACCEPT, url);
        for (int run = 0; run < runs; run++) {
          orthancRuns.add(curl(Meters.NONE, "-H", "Accept: " + ACCEPT, url));
        }
      }
      System.out.printf(Locale.ROOT, "page cache: before each cold round a %d MiB scratch file was written and deleted"
          + " (see RecycledPageCache), in %s s%n", 2 * mib, scratchSeconds.stream()
          .map(x -> String.format(Locale.ROOT, "%.2f", x)).collect(java.util.stream.Collectors.joining(", ")));
      // at that rate, what the creations alone add to a cold round: minutes after an earlier run deleted its caches,
      // a fifth of the round and more here, which would read as the bridge's own cost
      double createMillis = createMicros * study.instanceCount() / 1e3;
      System.out.printf(Locale.ROOT, "file creation where the caches are: %.0f µs a file (%d empty files created just"
          + " before the timed rounds, as many as a cold round creates; see FileCreationProbe); at that rate a cold"
          + " round's creations cost %.0f ms of CPU, %.0f %% of its median time%n", createMicros, study.instanceCount(),
          createMillis, 100 * createMillis / (1e3 * RetrievalReport.median(cold).seconds()));
      RetrievalReport.print(mib, study, direct, relayed, teed, cold, warm, orthancRuns);
    } finally {
      for (ChildJvm child : new ChildJvm[] {tee, relay, responder}) {
        if (child != null) {
          child.close();
        }
      }
      if (orthanc != null) {
        orthanc.destroy();
        orthanc.waitFor(20, TimeUnit.SECONDS);
      }
      await(bridgeVertx.close());
      for (Path cache : CACHES) {
        deleteTree(cache);
      }
    }
  }

  /**
   * One cold WADO-RS retrieval of {@code study} through a bridge with an empty cache in {@code cache}, timed; then,
   * when {@code warm} is given, the same again from the cache, timed into it. The cache is deleted when the run ends.
   */
  private static Timing retrieve(Vertx vertx, Meters meters, String responderBase, Path cache, BenchStudy study,
      List<Timing> warm, java.util.concurrent.Callable<?> beforeCold) throws Exception {
    deleteTree(cache);
    CACHES.add(cache);
    try (BenchBridge b = BenchBridge.start(vertx, responderBase, cache)) {
      b.search(study.patient());
      String url = b.base + "/studies/" + study.study();
      beforeCold.call();
      Timing cold = curl(meters, "-H", "Accept: " + ACCEPT, url);
      if (warm != null) {
        warm.add(curl(meters, "-H", "Accept: " + ACCEPT, url));
      }
      return cold;
    }
    // the cache stays until the run ends: deleting a round's ~400 files just before the next round made ext4 scan
    // past those recently freed inodes at every file the next round created (find_inode_bit, recently_deleted:
    // ~0.7 ms a file, a quarter of the cold round's CPU), a cost of this harness, not of a cold retrieval
  }

  private static void loadOrthanc(int port, Path folder, String prefix) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system")).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        if (System.nanoTime() > end) {
          throw notYet;
        }
      }
      Thread.sleep(100);
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)
          && f.toString().endsWith(".dcm")).sorted().toList()) {
        curl(Meters.NONE, "-X", "POST", "--data-binary", "@" + f, "http://127.0.0.1:" + port + "/instances");
      }
    }
  }

  private static Timing curl(Meters meters, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", "/dev/null", "-w",
        "%{time_total} %{size_download} %{time_starttransfer}"));
    command.addAll(List.of(args));
    double[] before = meters.read();
    double curlBefore = ChildJvm.endedChildrenCpuSeconds();
    IdleCores idle = IdleCores.start(); // curl's start and end are in it, not in its own times: a few ms of one core
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IOException("curl " + String.join(" ", args) + ": " + out);
    }
    double[] after = meters.read();
    double curlAfter = ChildJvm.endedChildrenCpuSeconds();
    double idleShare = idle.share();
    String[] f = out.split(" ");
    return new Timing(Double.parseDouble(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]), after[0] - before[0],
        before[1] < 0 ? -1 : after[1] - before[1], after[2] - before[2], before[3] < 0 ? -1 : after[3] - before[3],
        curlBefore < 0 ? -1 : curlAfter - curlBefore, idleShare);
  }

  /** What a download is metered on: the JVM in the middle (bridge or relay; none for the direct one), the responder. */
  record Meters(JvmMeter middle, JvmMeter responder) {
    static final Meters NONE = new Meters(JvmMeter.NONE, JvmMeter.NONE);

    double[] read() {
      return new double[] {middle.cpu().getAsDouble(), middle.jit().getAsDouble(), responder.cpu().getAsDouble(),
          responder.jit().getAsDouble()};
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
