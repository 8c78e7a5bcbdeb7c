package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.AuditChecks;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.SyslogTestReceiver;

/**
 * The start-up line of a bridge with configured communities, when not everything is on: {@code tls:} and an
 * {@code audit:} over UDP but no {@code xua:}. It says TLS yes, XUA assertions no, the audit's destination, as a
 * warning, and warns that gateways requiring XUA will refuse the requests. The UDP trail is live: the start record
 * reaches the repository, and the spool is on /metrics and in readiness. The secure demo, when {@code secure.auditHost}
 * names no repository, audits to the {@code audit:} section's, and its line says where.
 */
class StartupLineSaysWhatGuardsTheCommunitiesTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private final SyslogTestReceiver repository = new SyslogTestReceiver();
  private OpsLog log;

  @BeforeEach
  void watchTheLog() {
    log = OpsLog.watch();
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      get(running.close());
    }
    if (vertx != null) {
      get(vertx.close());
    }
    repository.close();
    log.close();
  }

  @Test
  void tlsWithoutXuaIsNamedAndWarnedAbout() throws Exception {
    PkiFiles pki = PkiGenerator.ensure(temp.resolve("pki"), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
    int port = repository.startUdp();
    Path file = temp.resolve("application.yaml");
    Files.writeString(file, """
        workDir: %s
        responder: {enabled: false}
        tls: {directory: %s, certificate: %s, privateKey: %s, trustedCertificates: %s}
        audit: {host: 127.0.0.1, port: %d, transport: udp}
        communities:
          - homeCommunityId: urn:oid:1.2.40.87.9
            name: Nowhere
            iti38Url: https://127.0.0.1:9/xca/iti38
            iti39Url: https://127.0.0.1:9/xca/iti39
            rad75Url: https://127.0.0.1:9/xcai/rad75
            assigningAuthority: 1.2.40.89.9
        """.formatted(temp.resolve("work"), pki.directory(), PkiFiles.CLIENT_CHAIN, PkiFiles.CLIENT_KEY,
        PkiFiles.CA_CERT, port));
    vertx = Vertx.vertx();
    running = get(ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--config", file.toString(),
        "--port", "0"}, Map.of(), Clock.systemUTC()));

    ILoggingEvent line = log.events().stream().filter(e -> e.getFormattedMessage().startsWith("communities: 1 configured;"))
        .findFirst().orElseThrow();
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getFormattedMessage()).contains("TLS yes (two-way, from " + pki.directory() + ")")
        .contains("XUA assertions no")
        .contains("ATNA audit yes (syslog over UDP (RFC 5426) to 127.0.0.1:" + port + ", spooled in "
            + temp.resolve("work").resolve("audit"));
    assertThat(log.events()).anyMatch(e -> e.getLevel() == Level.WARN
        && e.getFormattedMessage().startsWith("tls is configured but xua is not"));

    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (repository.datagrams().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    assertThat(repository.datagrams()).as("the start record").isNotEmpty();
    AuditChecks.Syslog start = AuditChecks.parse(repository.datagrams().get(0));
    AuditChecks.validate(start.xml());
    assertThat(AuditChecks.text(AuditChecks.dom(start.xml()),
        "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).isEqualTo("110120");

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + running.frontPort();
    for (Map.Entry<String, String> probe : Map.of(OpsRuntime.METRICS_PATH, "xcai_audit_spool_pending",
        OpsRuntime.READY_PATH, "auditSpool").entrySet()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + probe.getKey()))
          .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).as(probe.getKey()).contains(probe.getValue());
    }
  }

  @Test
  void theSecureDemoAuditsToTheAuditSection() throws Exception {
    Path folder = temp.resolve("dicom");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    assertThat(GenerateCommand.run(new String[] {"--out", folder.toString(), "--size-mb", "1"},
        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true), new java.io.PrintStream(err, true)))
        .as("generate: %s", err).isZero();
    int port = repository.startUdp();
    Path file = temp.resolve("application.yaml");
    Files.writeString(file, "audit: {host: 127.0.0.1, port: " + port + ", transport: udp}\n");
    vertx = Vertx.vertx();
    running = get(ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--config", file.toString(),
        "--secure", "--data", folder.toString(), "--port", "0", "--responder-port", "0", "--work-dir",
        temp.resolve("work").toString()}, Map.of(), Clock.systemUTC()));
    assertThat(log.events()).noneMatch(e -> e.getFormattedMessage().startsWith("secure demo: no audit record repository"));
    assertThat(log.events()).anyMatch(e -> e.getFormattedMessage().startsWith("secure demo: the responder requires")
        && e.getFormattedMessage().endsWith("; ATNA audit syslog over UDP (RFC 5426) to 127.0.0.1:" + port
        + ", spooled in " + temp.resolve("work").resolve("audit")));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end && repository.datagrams().stream().filter(d -> new String(d,
        java.nio.charset.StandardCharsets.UTF_8).contains("csd-code=\"ITI-38\"")).count() < 2) {
      Thread.sleep(50);
    }
    assertThat(repository.datagrams().stream().map(d -> AuditChecks.text(AuditChecks.dom(AuditChecks.parse(d).xml()),
        "/AuditMessage/EventIdentification/EventTypeCode/@csd-code")).toList())
        .as("the start, and both sides' ITI-38 of the start-up probe").contains("110120")
        .filteredOn("ITI-38"::equals).hasSizeGreaterThanOrEqualTo(2);
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
