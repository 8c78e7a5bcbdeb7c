package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.TlsKeyStore;
import org.xcaibridge.trust.TlsSettings;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.TlsTrustStore;

/**
 * Certificate rotation through the whole bridge: one configured community is our Responding Gateway over a folder,
 * behind two-way TLS (trusting two test CAs), recording the client certificate of each request's connection and
 * closing every connection after its answer, so that each request comes on a new connection. The bridge takes its
 * key and trust files from a Secret-style directory (files as symlinks through {@code ..data}, which an update
 * swaps in one rename). A QIDO search through the DICOMweb front reaches the community with certificate A; the
 * Secret is swapped to certificate B; without a restart the next search (ITI-38) and a WADO-RS study retrieval
 * (RAD-75) reach it with B only. (Connections already open when the files change keep the certificate they
 * were opened with: the responder here closes each one, so every request is a new connection.)
 */
class RotatedCertificateReachesTheCommunityThroughTheFrontTest {
  @TempDir
  Path temp;
  private final Vertx responders = Vertx.vertx();
  private Vertx vertx;
  private Launcher.Running running;
  private FolderArchive archive;
  private final List<X509Certificate> presented = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      get(running.close());
    }
    if (vertx != null) {
      get(vertx.close());
    }
    if (archive != null) {
      get(archive.close());
    }
    get(responders.close());
  }

  @Test
  void newConnectionsPresentTheSwappedCertificate() throws Exception {
    warmUpNettyTls();
    PkiFiles first = PkiGenerator.ensure(temp.resolve("pki-1"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    PkiFiles second = PkiGenerator.ensure(temp.resolve("pki-2"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    X509Certificate certA = leaf(first);
    X509Certificate certB = leaf(second);

    SyntheticStudies gen = new SyntheticStudies(new Random(9), Clock.systemUTC());
    SyntheticStudies.Study study = gen.ctHead(gen.patient(), 2);
    Path folder = temp.resolve("community");
    Files.createDirectories(folder);
    SyntheticSeries series = study.series().get(0);
    for (int i = 0; i < series.instanceCount(); i++) {
      try (OutputStream out = Files.newOutputStream(folder.resolve(i + ".dcm"))) {
        SyntheticStudies.write(out, study, series, i);
      }
    }
    ResponderIdentity id = new ResponderIdentity("1.2.40.87.1", "1.2.40.88.1", "1.2.40.89.1");
    archive = get(FolderArchive.start(responders, new FolderArchive.Options(folder, temp.resolve("responder"),
        new ManifestSettings(id.repositoryUniqueId(), "XCAI_87"), Duration.ZERO)));
    Router router = new RespondingGateway(responders, archive, id, ResponderSettings.DEFAULT).router();
    Path bothCas = temp.resolve("both-cas.pem");
    Files.writeString(bothCas, Files.readString(first.file(PkiFiles.CA_CERT))
        + Files.readString(second.file(PkiFiles.CA_CERT)));
    TlsSetup serverTls = TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pem(first.file(PkiFiles.SERVER_CHAIN),
        first.file(PkiFiles.SERVER_KEY)), new TlsTrustStore.Pem(bothCas)));
    HttpServer server = get(responders.createHttpServer(serverTls.httpServerOptions().setHost("127.0.0.1")
        .setPort(0)).requestHandler(req -> {
          try {
            Certificate[] chain = req.connection().peerCertificates().toArray(new Certificate[0]);
            paths.add(req.path());
            presented.add((X509Certificate) chain[0]);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          req.response().putHeader("Connection", "close");
          router.handle(req);
        }).listen());

    Path secret = temp.resolve("secret");
    install(secret, first, "v1");
    String base = "https://127.0.0.1:" + server.actualPort();
    Files.writeString(temp.resolve("none.yaml"), "# from the environment\n");
    vertx = Vertx.vertx();
    running = get(ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--work-dir",
        temp.resolve("work").toString(), "--port", "0", "--config", temp.resolve("none.yaml").toString()},
        Map.of("XCAI_RESPONDER_ENABLED", "false",
            "XCAI_TLS_DIRECTORY", secret.toString(),
            "XCAI_TLS_RELOAD_INTERVAL", "1s",
            "XCAI_CACHE_QUERY_TTL", "0s",
            "XCAI_COMMUNITIES_0_HOME_COMMUNITY_ID", id.homeCommunityId(),
            "XCAI_COMMUNITIES_0_ITI38_URL", base + RespondingGateway.ITI38_PATH,
            "XCAI_COMMUNITIES_0_ITI39_URL", base + RespondingGateway.ITI39_PATH,
            "XCAI_COMMUNITIES_0_RAD75_URL", base + RespondingGateway.RAD75_PATH,
            "XCAI_COMMUNITIES_0_ASSIGNING_AUTHORITY", id.assigningAuthorityOid(),
            // a loaded test machine must not turn a slow answer into "no answer"
            "XCAI_COMMUNITIES_0_QUERY_TIMEOUT", "60s"), Clock.systemUTC()));
    String dicomweb = "http://127.0.0.1:" + running.frontPort() + FrontConfig.DEFAULT_BASE_PATH;
    String search = dicomweb + "/studies?PatientID=" + study.patient().id() + "&IssuerOfPatientID="
        + id.assigningAuthorityOid();

    assertThat(body(search, "application/dicom+json")).contains(study.studyInstanceUid());
    assertThat(presented).isNotEmpty().allMatch(certA::equals);

    int before = presented.size();
    install(secret, second, "v2");
    waitFor(() -> running.tls.current().certificateChain().get(0).equals(certB));
    assertThat(body(search, "application/dicom+json")).contains(study.studyInstanceUid());
    HttpResponse<byte[]> wado = http.send(HttpRequest.newBuilder(URI.create(dicomweb + "/studies/"
        + study.studyInstanceUid())).header("Accept", "multipart/related; type=\"application/dicom\"; "
        + "transfer-syntax=*").timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(wado.statusCode()).isEqualTo(200);
    List<X509Certificate> after = new ArrayList<>(presented.subList(before, presented.size()));
    assertThat(paths.subList(before, paths.size())).as("the search's query and the retrieval's RAD-75")
        .contains(RespondingGateway.ITI38_PATH, RespondingGateway.RAD75_PATH);
    assertThat(after).as("every request after the swap").allMatch(certB::equals);
  }

  /**
   * Netty's JDK TLS contexts check an RSA key once per JVM, in a static initialiser run by the event loop that first
   * needs them; with Bouncy Castle on the test class path that is a primality test which, on a loaded machine, takes
   * longer than a query's deadline. Run here first, on the test's thread.
   */
  static void warmUpNettyTls() throws ClassNotFoundException {
    Class.forName("io.netty.handler.ssl.JdkSslServerContext");
    Class.forName("io.netty.handler.ssl.JdkSslClientContext");
  }

  private String body(String url, String accept) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s", r.body()).isEqualTo(200);
    assertThat(r.headers().allValues("Warning")).as("the community answered").isEmpty();
    return r.body();
  }

  /** Writes the PKI's client pair and the peer's CA as {@code ..<version>/…} and swaps {@code ..data} to it. */
  private static void install(Path secret, PkiFiles pki, String version) throws Exception {
    Path dir = secret.resolve(".." + version);
    Files.createDirectories(dir);
    Files.copy(pki.file(PkiFiles.CLIENT_CHAIN), dir.resolve(TlsConfig.DEFAULT_CERTIFICATE));
    Files.copy(pki.file(PkiFiles.CLIENT_KEY), dir.resolve("tls.key"));
    Files.copy(secret.getParent().resolve("pki-1").resolve(PkiFiles.CA_CERT), dir.resolve(TlsConfig.DEFAULT_TRUSTED));
    Path tmp = secret.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, dir.getFileName());
    Files.move(tmp, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : List.of(TlsConfig.DEFAULT_CERTIFICATE, "tls.key", TlsConfig.DEFAULT_TRUSTED)) {
      if (!Files.isSymbolicLink(secret.resolve(name))) {
        Files.createSymbolicLink(secret.resolve(name), Path.of("..data", name));
      }
    }
  }

  private static X509Certificate leaf(PkiFiles pki) throws Exception {
    try (var in = Files.newInputStream(pki.file(PkiFiles.CLIENT_CHAIN))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
