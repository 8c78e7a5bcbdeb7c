package org.xcaibridge.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicomweb.CorsSettings;
import org.xcaibridge.dicomweb.DicomWebFront;
import org.xcaibridge.dicomweb.DicomWebSettings;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.studies.CommunityProfile;
import org.xcaibridge.studies.StudyLocator;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.StudySettings;

/**
 * A study retrieved through the bridge, all on 127.0.0.1, fetched with curl in one run: a synthetic CT study (one
 * series, Explicit VR Little Endian) served by our responding gateway; (1) cold: WADO-RS {@code GET
 * /dicomweb/studies/{st}} from a bridge with an empty cache (it retrieves the series with one RAD-75 and streams
 * each instance on while it arrives) against the baseline, curl POSTing the same RAD-75 request to the responder
 * and downloading its MTOM answer; (2) warm: the same WADO-RS request again (served from the cache) against
 * Orthanc's WADO-RS for the same study, same Accept header. Prints medians, MB/s and the two ratios (target: cold
 * ≥ 0.8× the direct download, warm ≥ 1.5× Orthanc).
 *
 * <p>Usage: BridgeRetrievalBench workDir [sizeMiB] [runs]
 */
public final class BridgeRetrievalBench {
  private static final ResponderIdentity ID = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.900",
      "1.3.6.1.4.1.21367.13.80.900", "1.3.6.1.4.1.21367.13.20.900");
  private static final String ACCEPT = "multipart/related; type=\"application/dicom\"";

  private BridgeRetrievalBench() {}

  record Timing(double seconds, long bytes, double firstByte) {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench-bridge").toAbsolutePath();
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Properties study = ensureStudy(work.resolve("study-" + mib), mib);
    Vertx responderVertx = Vertx.vertx();
    Vertx bridgeVertx = Vertx.vertx();
    Process orthanc = null;
    try {
      FolderArchive archive = await(FolderArchive.start(responderVertx, new FolderArchive.Options(
          work.resolve("study-" + mib), work.resolve("responder-" + mib), new ManifestSettings(ID.repositoryUniqueId(),
          "BENCH"), Duration.ZERO)));
      HttpServer responder = await(new RespondingGateway(responderVertx, archive, ID, ResponderSettings.DEFAULT)
          .listen("127.0.0.1", 0));
      String responderBase = "http://127.0.0.1:" + responder.actualPort();
      Path rad75 = work.resolve("rad75-request.xml");
      Files.write(rad75, rad75Request(responderBase + RespondingGateway.RAD75_PATH, study));

      List<Timing> direct = new ArrayList<>();
      List<Timing> cold = new ArrayList<>();
      List<Timing> warm = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        direct.add(curl("-X", "POST", "-H", "Content-Type: application/soap+xml; charset=UTF-8; action=\""
            + IheTransaction.RAD_75.requestAction() + "\"", "--data-binary", "@" + rad75, responderBase
            + RespondingGateway.RAD75_PATH));
        Path cache = work.resolve("bridge-cache-" + run);
        deleteTree(cache);
        try (Bridge b = Bridge.start(bridgeVertx, responderBase, cache)) {
          b.search(study.getProperty("patient"));
          String url = b.base + "/studies/" + study.getProperty("study");
          cold.add(curl("-H", "Accept: " + ACCEPT, url));
          warm.add(curl("-H", "Accept: " + ACCEPT, url));
        }
        deleteTree(cache);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path orthancData = work.resolve("orthanc-" + mib);
      deleteTree(orthancData);
      Path script = Path.of("../shared/tools/orthanc/run-orthanc.sh");
      List<Timing> orthancRuns = new ArrayList<>();
      if (Files.isRegularFile(script) && Files.isExecutable(Path.of("/usr/sbin/Orthanc"))) {
        orthanc = new ProcessBuilder("sh", script.toString(), orthancData.toString(), Integer.toString(port))
            .redirectErrorStream(true).redirectOutput(work.resolve("orthanc.log").toFile()).start();
        loadOrthanc(port, work.resolve("study-" + mib));
        String url = "http://127.0.0.1:" + port + "/dicom-web/studies/" + study.getProperty("study");
        curl("-H", "Accept: " + ACCEPT, url); // Orthanc reads its files once; the bridge's warm run is its second
        for (int run = 0; run < runs; run++) {
          orthancRuns.add(curl("-H", "Accept: " + ACCEPT, url));
        }
      }
      report(mib, study, direct, cold, warm, orthancRuns);
    } finally {
      if (orthanc != null) {
        orthanc.destroy();
        orthanc.waitFor(20, TimeUnit.SECONDS);
      }
      await(bridgeVertx.close());
      await(responderVertx.close());
    }
  }

  /** The bridge with an empty cache in {@code cache}: gateway client, cache, locator, study core, DICOMweb front. */
  static final class Bridge implements AutoCloseable {
    final CommunityClient client;
    final InstanceStore store;
    final StudyLocator locator;
    final StudyService service;
    final HttpServer front;
    final String base;

    private Bridge(CommunityClient client, InstanceStore store, StudyLocator locator, StudyService service,
        HttpServer front, String base) {
      this.client = client;
      this.store = store;
      this.locator = locator;
      this.service = service;
      this.front = front;
      this.base = base;
    }

    static Bridge start(Vertx vertx, String responder, Path cache) throws Exception {
      CommunityClient client = CommunityClient.create(vertx, CommunityEndpoints.of(ID.homeCommunityId(), "Bench",
          URI.create(responder + RespondingGateway.ITI55_PATH), URI.create(responder + RespondingGateway.ITI38_PATH),
          URI.create(responder + RespondingGateway.ITI39_PATH), URI.create(responder + RespondingGateway.RAD75_PATH)),
          CommunitySettings.DEFAULT.withMaxDocumentRequestsPerCall(10_000), InitiatorSetup.demo());
      InstanceStore store = await(InstanceStore.open(vertx, CacheSettings.of(cache.resolve("cache"), 4L << 30)));
      StudyLocator locator = await(StudyLocator.open(vertx, cache.resolve("locator"), 1000));
      StudyService service = StudyService.create(vertx, CommunityDirectory.of(List.of(client)),
          List.of(CommunityProfile.ofDomain(ID.homeCommunityId(), ID.assigningAuthorityOid())), store, locator,
          StudySettings.DEFAULT.withPrefetchConcurrency(0));
      AtomicReference<Router> router = new AtomicReference<>();
      HttpServer front = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
          .requestHandler(req -> router.get().handle(req)).listen());
      String base = "http://127.0.0.1:" + front.actualPort() + "/dicomweb";
      router.set(DicomWebFront.create(vertx, service, DicomWebSettings.of(base, CorsSettings.NONE)));
      return new Bridge(client, store, locator, service, front, base);
    }

    void search(String patient) throws Exception {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
          + "/studies?PatientID=" + patient)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("the study search answered " + r.statusCode() + ": " + r.body());
      }
    }

    @Override
    public void close() throws Exception {
      await(front.close());
      await(service.close());
      await(locator.close());
      await(store.close());
      await(client.close());
    }
  }

  /** The synthetic study, written once: one CT series of about {@code mib} MiB. */
  private static Properties ensureStudy(Path folder, int mib) throws IOException {
    Path marker = folder.resolve(".bench-study");
    Properties p = new Properties();
    if (Files.isRegularFile(marker)) {
      try (var in = Files.newBufferedReader(marker)) {
        p.load(in);
      }
      return p;
    }
    deleteTree(folder);
    Files.createDirectories(folder);
    SyntheticStudies gen = new SyntheticStudies(new Random(900), Clock.systemUTC());
    SyntheticStudies.Study st = gen.ctOfSize(gen.patient(), (long) mib << 20);
    SyntheticSeries series = st.series().get(0);
    StringBuilder sops = new StringBuilder();
    for (int i = 0; i < series.instanceCount(); i++) {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(folder.resolve(
          String.format("%05d.dcm", i))), 1 << 18)) {
        SyntheticStudies.write(out, st, series, i);
      }
      sops.append(i == 0 ? "" : ",").append(SyntheticStudies.instance(st, series, i)
          .string(org.xcaibridge.dicom.Tag.SOPInstanceUID));
    }
    p.setProperty("patient", st.patient().id());
    p.setProperty("study", st.studyInstanceUid());
    p.setProperty("series", SyntheticStudies.instance(st, series, 0).string(org.xcaibridge.dicom.Tag.SeriesInstanceUID));
    p.setProperty("sops", sops.toString());
    try (var out = Files.newBufferedWriter(marker)) {
      p.store(out, "bench study");
    }
    return p;
  }

  /** The RAD-75 request the bridge sends for the series: every instance, Explicit VR Little Endian. */
  private static byte[] rad75Request(String to, Properties study) throws Exception {
    List<DocumentRequest> docs = new ArrayList<>();
    for (String sop : study.getProperty("sops").split(",")) {
      docs.add(new DocumentRequest(ID.homeCommunityId(), ID.repositoryUniqueId(), sop));
    }
    RetrieveImagingDocumentSetRequest request = new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(
        study.getProperty("study"), List.of(new SeriesRequest(study.getProperty("series"), docs)))),
        List.of("1.2.840.10008.1.2.1"));
    return new SoapWriter(UUID::randomUUID).request(IheTransaction.RAD_75.requestAction(), to, SecurityHeader.none(),
        w -> IheCodec.withDefaults().write(w, request)).envelope();
  }

  private static void loadOrthanc(int port, Path folder) throws Exception {
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
      for (Path f : files.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
        curl("-X", "POST", "--data-binary", "@" + f, "http://127.0.0.1:" + port + "/instances");
      }
    }
  }

  private static Timing curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-f", "-o", "/dev/null", "-w",
        "%{time_total} %{size_download} %{time_starttransfer}"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IOException("curl " + String.join(" ", args) + ": " + out);
    }
    String[] f = out.split(" ");
    return new Timing(Double.parseDouble(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]));
  }

  private static Timing median(List<Timing> runs) {
    List<Timing> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Timing::seconds));
    return sorted.get(sorted.size() / 2);
  }

  private static void report(int mib, Properties study, List<Timing> direct, List<Timing> cold, List<Timing> warm,
      List<Timing> orthanc) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MiB%n", rt.availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        rt.maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "study: one CT series, %d instances, about %d MiB, Explicit VR Little Endian; %d runs,"
        + " medians%n", study.getProperty("sops").split(",").length, mib, direct.size());
    System.out.printf(Locale.ROOT, "%-52s %9s %12s %9s %10s%n", "", "seconds", "bytes", "MB/s", "1st byte");
    line("RAD-75 MTOM answer, curl from the responder", median(direct));
    line("bridge WADO-RS, cold (empty cache)", median(cold));
    line("bridge WADO-RS, warm (from the cache)", median(warm));
    if (!orthanc.isEmpty()) {
      line("Orthanc WADO-RS (same study, same Accept)", median(orthanc));
    }
    double coldRatio = median(direct).seconds() / median(cold).seconds();
    System.out.printf(Locale.ROOT, "cold bridge / direct RAD-75 download: %.2f× (target ≥ 0.8×)%n", coldRatio);
    if (!orthanc.isEmpty()) {
      double warmRatio = median(orthanc).seconds() / median(warm).seconds();
      System.out.printf(Locale.ROOT, "warm bridge / Orthanc WADO-RS: %.2f× (target ≥ 1.5×)%n", warmRatio);
    } else {
      System.out.println("Orthanc (Debian orthanc, orthanc-dicomweb) is not installed: warm ratio not measured");
    }
  }

  private static void line(String what, Timing t) {
    System.out.printf(Locale.ROOT, "%-52s %9.3f %12d %9.1f %10.3f%n", what, t.seconds(), t.bytes(),
        t.bytes() / 1e6 / t.seconds(), t.firstByte());
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
