package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;

/**
 * The {@code audit:} trail over TLS presents the {@code tls:} client certificate, and a rotated one (a renewed
 * Secret) from the next connection on — not only after a restart. The repository here accepts both test CAs, notes
 * which certificate each connection presented, and hangs up after the first record of each, so that the next record
 * needs a new connection; it never saw the first pair again once the reloader had the second.
 */
class AuditConnectionFollowsTheRotatedTlsPairTest {
  @TempDir
  Path temp;
  private final Vertx vertx = Vertx.vertx();
  private TlsReloader reloader;
  private AuditSetup audit;
  private NetServer repository;
  private final List<X509Certificate> presented = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (audit != null) {
      get(audit.close());
    }
    if (reloader != null) {
      reloader.stop();
    }
    if (repository != null) {
      get(repository.close());
    }
    get(vertx.close());
  }

  @Test
  void theNextConnectionPresentsTheRotatedCertificate() throws Exception {
    PkiFiles first = PkiGenerator.ensure(temp.resolve("pki-1"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    PkiFiles second = PkiGenerator.ensure(temp.resolve("pki-2"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    int port = startRepository(first, second);
    Path tls = temp.resolve("tls");
    install(tls, first, second);
    BridgeConfig c = ConfigFiles.load(temp, "workDir: " + temp.resolve("work") + "\ntls: {directory: " + tls
        + "}\naudit: {host: 127.0.0.1, port: " + port + ", transport: tls}\n");
    reloader = get(TlsReloader.start(vertx, c.tls(), Duration.ofDays(1)));
    audit = get(AuditSetup.open(vertx, AuditSetup.Destination.of(c.audit(), c.workDir()), reloader.current(),
        Clock.systemUTC()));
    audit.follow(reloader);
    until(() -> presented.size() >= 1); // the start record
    assertThat(presented.get(0)).isEqualTo(leaf(first));

    install(tls, second, first);
    assertThat(get(reloader.poll())).as("the reloader took the new pair").isTrue();
    int before = presented.size();
    get(audit.sink.record(new AuditEvent.ApplicationActivity(EventOutcome.SUCCESS, true, null)));
    until(() -> presented.size() > before);
    assertThat(presented.subList(before, presented.size())).as("connections after the rotation")
        .containsOnly(leaf(second));
  }

  /** TLS, client certificates required from either test CA; each connection hangs up after its first bytes. */
  private int startRepository(PkiFiles a, PkiFiles b) throws Exception {
    NetServerOptions o = new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
        .setClientAuth(ClientAuth.REQUIRED)
        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(a.file(PkiFiles.SERVER_CHAIN).toString())
            .setKeyPath(a.file(PkiFiles.SERVER_KEY).toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(a.file(PkiFiles.CA_CERT).toString())
            .addCertPath(b.file(PkiFiles.CA_CERT).toString()));
    repository = vertx.createNetServer(o).connectHandler(s -> {
      try {
        presented.add((X509Certificate) s.sslSession().getPeerCertificates()[0]);
      } catch (Exception e) {
        s.close();
        return;
      }
      s.handler(data -> s.close());
    });
    return get(repository.listen()).actualPort();
  }

  /**
   * The client pair of {@code pair} as tls.crt / tls.key; ca.crt trusts both test CAs, as during a CA change, so
   * that the repository's server certificate (of the first) is trusted before and after.
   */
  private static void install(Path dir, PkiFiles pair, PkiFiles other) throws Exception {
    Files.createDirectories(dir);
    Files.copy(pair.file(PkiFiles.CLIENT_CHAIN), dir.resolve(TlsConfig.DEFAULT_CERTIFICATE),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pair.file(PkiFiles.CLIENT_KEY), dir.resolve(TlsConfig.DEFAULT_PRIVATE_KEY),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve(TlsConfig.DEFAULT_TRUSTED), Files.readString(pair.file(PkiFiles.CA_CERT))
        + Files.readString(other.file(PkiFiles.CA_CERT)));
  }

  private static X509Certificate leaf(PkiFiles pki) throws Exception {
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_CHAIN))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
