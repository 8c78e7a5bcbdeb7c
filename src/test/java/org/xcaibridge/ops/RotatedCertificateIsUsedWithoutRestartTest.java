package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.TlsKeyStore;
import org.xcaibridge.trust.TlsSettings;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.TlsTrustStore;

/**
 * The bridge runs with {@code tls.directory} holding the first of two client certificates (two PKIs made by
 * {@link PkiGenerator}) and one community at a loopback TLS server that requires a client certificate, records the
 * one each connection presents, and closes every connection after its answer. Replacing the files in the directory
 * — as a Secret update does, by swapping a symlink — makes the next connection present the second certificate,
 * without a restart; a half-written replacement is refused and the first stays in use meanwhile.
 */
class RotatedCertificateIsUsedWithoutRestartTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private final List<X509Certificate> presented = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theNextConnectionPresentsTheNewCertificate() throws Exception {
    RotatedCertificateReachesTheCommunityThroughTheFrontTest.warmUpNettyTls();
    PkiFiles first = PkiGenerator.ensure(temp.resolve("pki-1"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    PkiFiles second = PkiGenerator.ensure(temp.resolve("pki-2"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    vertx = Vertx.vertx();

    // the peer: first PKI's server certificate, trusting both CAs, recording the client certificate
    Path bothCas = temp.resolve("both-cas.pem");
    Files.writeString(bothCas, Files.readString(first.file(PkiFiles.CA_CERT))
        + Files.readString(second.file(PkiFiles.CA_CERT)));
    TlsSetup serverTls = TlsSetup.load(TlsSettings.of(new TlsKeyStore.Pem(first.file(PkiFiles.SERVER_CHAIN),
        first.file(PkiFiles.SERVER_KEY)), new TlsTrustStore.Pem(bothCas)));
    HttpServer peer = vertx.createHttpServer(serverTls.httpServerOptions()).requestHandler(req -> {
      try {
        for (Certificate c : req.connection().peerCertificates()) {
          presented.add((X509Certificate) c);
          break;
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      req.response().setStatusCode(503).putHeader("Connection", "close").end();
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    // the Secret's layout: the files are symlinks into a ..data directory that an update swaps
    Path secret = temp.resolve("secret");
    install(secret, first, "v1");
    String base = "https://127.0.0.1:" + peer.actualPort();
    Map<String, String> env = Map.of(
        "XCAI_RESPONDER_ENABLED", "false",
        "XCAI_TLS_DIRECTORY", secret.toString(),
        "XCAI_TLS_RELOAD_INTERVAL", "1s",
        "XCAI_COMMUNITIES_0_HOME_COMMUNITY_ID", "urn:oid:1.2.40.9",
        "XCAI_COMMUNITIES_0_ITI38_URL", base + "/iti38",
        "XCAI_COMMUNITIES_0_ITI39_URL", base + "/iti39",
        "XCAI_COMMUNITIES_0_RAD75_URL", base + "/rad75",
        "XCAI_COMMUNITIES_0_ASSIGNING_AUTHORITY", "1.2.40.9.1");
    Files.writeString(temp.resolve("none.yaml"), "# from the environment\n");
    running = ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--work-dir",
            temp.resolve("work").toString(), "--port", "0", "--config", temp.resolve("none.yaml").toString()}, env,
        Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);

    X509Certificate cert1 = leaf(first);
    X509Certificate cert2 = leaf(second);
    assertThat(cert1).isNotEqualTo(cert2);
    query();
    assertThat(presented).containsExactly(cert1);

    // a half-written update (the new certificate beside the old key) is refused; the old pair stays in use
    Path half = secret.resolve("..half");
    Files.createDirectories(half);
    Files.copy(second.file(PkiFiles.CLIENT_CHAIN), half.resolve("tls.crt"));
    Files.copy(first.file(PkiFiles.CLIENT_KEY), half.resolve("tls.key"));
    Files.copy(first.file(PkiFiles.CA_CERT), half.resolve("ca.crt"));
    swap(secret, half);
    assertThat(get(running.tls.poll())).isFalse();
    assertThat(running.tls.lastProblem()).contains("cannot be used");
    query();
    assertThat(presented).containsExactly(cert1, cert1);

    install(secret, second, "v2");
    waitFor(() -> running.tls.current().certificateChain().get(0).equals(cert2));
    query();
    assertThat(presented).containsExactly(cert1, cert1, cert2);
    assertThat(get(running.ops.health.ready())).filteredOn(c -> c.name().equals("tls"))
        .singleElement().satisfies(c -> assertThat(c.up()).as(c.detail()).isTrue());
    get(peer.close());
  }

  private void query() throws Exception {
    CommunityClient client = running.roster.directory().all().get(0);
    AdhocQueryRequest q = new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx("P1", "1.2.40.9.1"),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, "urn:oid:1.2.40.9");
    // the peer answers 503 to every request: what counts is the certificate the handshake presented
    vertx.getOrCreateContext().runOnContext(v -> client.query(q));
    int before = presented.size();
    waitFor(() -> presented.size() > before);
  }

  /** Writes the PKI's client pair and CA as {@code ..<version>/…} and points {@code ..data} at it. */
  private static void install(Path secret, PkiFiles pki, String version) throws Exception {
    Path dir = secret.resolve(".." + version);
    Files.createDirectories(dir);
    Files.copy(pki.file(PkiFiles.CLIENT_CHAIN), dir.resolve("tls.crt"));
    Files.copy(pki.file(PkiFiles.CLIENT_KEY), dir.resolve("tls.key"));
    // the client keeps trusting the peer's CA (the first PKI's)
    Files.copy(secret.getParent().resolve("pki-1").resolve(PkiFiles.CA_CERT), dir.resolve("ca.crt"));
    swap(secret, dir);
  }

  /** Points {@code ..data} at {@code dir} in one rename, and the file names at {@code ..data}. */
  private static void swap(Path secret, Path dir) throws Exception {
    Path tmp = secret.resolve("..data_tmp");
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, dir.getFileName());
    Files.move(tmp, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    for (String name : List.of("tls.crt", "tls.key", "ca.crt")) {
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

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
