package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;

/**
 * An {@code xua:} section without a key of its own signs with the {@code tls:} client pair, and keeps doing so when
 * that pair is rotated (a renewed Secret): once the reloader has taken the new files, assertions are signed with the
 * new certificate and the issuer, which named the old certificate, names the new one. A key named in the section
 * does not follow.
 */
class XuaKeyFollowsTheRotatedTlsPairTest {
  @TempDir
  Path temp;
  private final Vertx vertx = Vertx.vertx();
  private TlsReloader reloader;

  @AfterEach
  void stop() throws Exception {
    if (reloader != null) {
      reloader.stop();
    }
    get(vertx.close());
  }

  @Test
  void theRotatedCertificateSigns() throws Exception {
    PkiFiles first = PkiGenerator.ensure(temp.resolve("pki-1"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    PkiFiles second = PkiGenerator.ensure(temp.resolve("pki-2"), PkiSettings.demo(), Clock.systemUTC(),
        new SecureRandom());
    Path tls = temp.resolve("tls");
    install(tls, first);
    BridgeConfig c = ConfigFiles.load(temp, "tls: {directory: " + tls + "}\nxua: {subjectConfirmation: "
        + "holder-of-key}\n");
    assertThat(c.xua().followsTls()).isTrue();
    reloader = get(TlsReloader.start(vertx, c.tls(), Duration.ofDays(1)));
    XuaSigning signing = XuaSigning.of(c.xua(), c.identity(), Clock.systemUTC());
    signing.follow(reloader, c.tls());
    assertThat(signing.signer()).isEqualTo(leaf(first));
    assertThat(signing.config().issuer().value()).isEqualTo(leaf(first).getSubjectX500Principal().getName());

    install(tls, second);
    assertThat(get(reloader.poll())).as("the reloader took the new pair").isTrue();
    assertThat(signing.signer()).isEqualTo(leaf(second));
    assertThat(signing.config().issuer().value()).isEqualTo(leaf(second).getSubjectX500Principal().getName());
    SecurityHeader header = get(vertx.executeBlocking(() -> signing.source(vertx, CommunityXua.DEFAULT), false)
        .compose(source -> source.header(IheTransaction.ITI_38, URI.create("https://peer.example/xca/iti38"),
            Optional.empty())));
    assertThat(header).isInstanceOf(SecurityHeader.Spliced.class);

    BridgeConfig own = ConfigFiles.load(temp, "tls: {directory: " + tls + "}\nxua: {certificate: "
        + first.file(PkiFiles.CLIENT_CHAIN) + ", privateKey: " + first.file(PkiFiles.CLIENT_KEY)
        + ", issuer: bridge@hospital.example}\n");
    assertThat(own.xua().followsTls()).as("a key of its own").isFalse();
  }

  /** The pair as tls.crt / tls.key / ca.crt, replaced in place. */
  private static void install(Path dir, PkiFiles pki) throws Exception {
    Files.createDirectories(dir);
    Files.copy(pki.file(PkiFiles.CLIENT_CHAIN), dir.resolve(TlsConfig.DEFAULT_CERTIFICATE),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pki.file(PkiFiles.CLIENT_KEY), dir.resolve(TlsConfig.DEFAULT_PRIVATE_KEY),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(pki.file(PkiFiles.CA_CERT), dir.resolve(TlsConfig.DEFAULT_TRUSTED), StandardCopyOption.REPLACE_EXISTING);
  }

  private static X509Certificate leaf(PkiFiles pki) throws Exception {
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_CHAIN))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
