package org.xcaibridge.trust;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * Both gateways of a retrieval, each auditing over RFC 5425 syslog/TLS (mutual TLS) to its own
 * {@link SyslogTestReceiver} on 127.0.0.1: our Responding Imaging Gateway behind its whole door (two-way TLS with
 * the generated demo PKI, XUA validation) serving many small generated radiographs from a folder, and our
 * initiating {@link CommunityClient} signing an assertion per request. Each receiver can be taken down and brought
 * back on its port while retrievals go on.
 */
final class AuditedDoorRig implements AutoCloseable {
  /** One retrievable instance: its study, series and SOP Instance UIDs and its file's SHA-256. */
  record Item(String study, String series, String instance, String sha256) {}

  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final Vertx vertx = Vertx.vertx();
  final GatewayHarness harness = new GatewayHarness();
  final SyslogTestReceiver responderSyslog = new SyslogTestReceiver();
  final SyslogTestReceiver initiatorSyslog = new SyslogTestReceiver();
  final List<Item> items = new ArrayList<>();
  final AuditTestPki syslogPki;
  final int responderSyslogPort;
  final int initiatorSyslogPort;
  AuditTrail responderTrail;
  AuditTrail initiatorTrail;
  private FolderArchive archive;
  private RespondingGateway gateway;
  private HttpServer server;
  private CommunityClient client;

  /**
   * @param studies   two-view chest radiographs of {@code rows}×{@code rows} pixels, so {@code 2 × studies} instances
   * @param settle    the syslog transports' settle time
   */
  AuditedDoorRig(Path temp, int studies, int rows, Duration settle) throws Exception {
    long t0 = System.nanoTime();
    writeImages(temp.resolve("images"), studies, rows);
    long t1 = System.nanoTime();
    syslogPki = AuditTestPki.generate();
    responderSyslogPort = responderSyslog.startTls(syslogPki.serverOptions(), 0);
    responderSyslog.warmUpTls(syslogPki.clientOptions());
    initiatorSyslogPort = initiatorSyslog.startTls(syslogPki.serverOptions(), 0);
    initiatorSyslog.warmUpTls(syslogPki.clientOptions());

    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    responderTrail = SecureDoorRig.await(AuditTrail.open(vertx, settings(temp.resolve("responder-spool"),
        "responder.test", "xcai-responder", "77", clock), new SyslogTlsTransport(vertx, syslogPki.clientOptions(),
        "127.0.0.1", responderSyslogPort, settle, SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES)));
    AuditEvents responderEvents = new AuditEvents(new AuditNode("xcai-responder-test", null,
        AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-responder", "77", "127.0.0.1"), clock);
    long t2 = System.nanoTime();
    archive = SecureDoorRig.await(FolderArchive.start(vertx, new FolderArchive.Options(temp.resolve("images"),
        temp.resolve("work"), new ManifestSettings(SecureDoorRig.IDENTITY.repositoryUniqueId(), "XCAI_AUDIT"),
        Duration.ZERO)));
    long t3 = System.nanoTime();
    ResponderSecurity security = ResponderSecurity.none()
        .withTls(TlsSetup.load(TestPki.shared().serverTls()))
        .withXua(base -> new XuaValidator(XuaValidatorConfig.of(Set.of(TestPki.caCertificate()),
            RespondingGateway.endpointUrls(base)).withClockSkew(SecureDoorRig.SKEW), clock))
        .withAudit(AuditSink.of(responderEvents, responderTrail));
    gateway = new RespondingGateway(vertx, archive, SecureDoorRig.IDENTITY, ResponderSettings.DEFAULT, security);
    server = SecureDoorRig.await(gateway.listen("127.0.0.1", 0));

    initiatorTrail = SecureDoorRig.await(AuditTrail.open(harness.vertx, settings(temp.resolve("bridge-spool"),
        "bridge.test", "xcai-bridge", "88", clock), new SyslogTlsTransport(harness.vertx, syslogPki.clientOptions(),
        "127.0.0.1", initiatorSyslogPort, settle, SyslogTlsTransport.DEFAULT_MAX_MESSAGE_BYTES)));
    AuditEvents initiatorEvents = new AuditEvents(new AuditNode("xcai-bridge-test", null,
        AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-bridge", "88", "127.0.0.1"), clock);
    XuaSigner signer = SecureDoorRig.signer(clock);
    client = CommunityClient.create(harness.vertx, endpoints(), SecureDoorRig.SETTINGS, SecureDoorRig.clientTls()
        .withSecurity(org.xcaibridge.gateway.SecurityHeaderSource.xua(harness.vertx, signer, XuaFixtures.SUBJECT,
            endpoint -> XuaRecipient.of(endpoint.toString())))
        .withAudit(AuditSink.of(initiatorEvents, initiatorTrail)));
    System.out.printf("audited door: images %.1f s, syslog receivers and trail %.1f s, archive %.1f s, rest %.1f s%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9);
  }

  private static AuditTrailSettings settings(Path spool, String host, String app, String proc, Clock clock) {
    return AuditTrailSettings.of(spool, SyslogHeader.ihe(host, app, proc), clock)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  private void writeImages(Path folder, int studies, int rows) throws Exception {
    Files.createDirectories(folder);
    SyntheticStudies gen = new SyntheticStudies(new Random(11), Clock.fixed(now, ZoneOffset.UTC));
    SyntheticStudies.Patient patient = gen.patient();
    for (int s = 0; s < studies; s++) {
      if (s % 50 == 0) {
        patient = gen.patient();
      }
      SyntheticStudies.Study study = gen.crChest(patient, rows, rows);
      SyntheticSeries series = study.series().get(0);
      for (int i = 0; i < series.instanceCount(); i++) {
        Path f = folder.resolve("cr-" + s + "-" + i + ".dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
          SyntheticStudies.write(out, study, series, i);
        }
        Dataset d = SyntheticStudies.instance(study, series, i);
        items.add(new Item(study.studyInstanceUid(), d.string(Tag.SeriesInstanceUID), d.string(Tag.SOPInstanceUID),
            SecureDoorRig.sha256(Files.readAllBytes(f))));
      }
    }
  }

  CommunityEndpoints endpoints() {
    String base = "https://127.0.0.1:" + server.actualPort();
    return CommunityEndpoints.of(SecureDoorRig.IDENTITY.homeCommunityId(), "Audited responder",
        URI.create(base + RespondingGateway.ITI55_PATH), URI.create(base + RespondingGateway.ITI38_PATH),
        URI.create(base + RespondingGateway.ITI39_PATH), URI.create(base + RespondingGateway.RAD75_PATH));
  }

  CommunityClient client() {
    return client;
  }

  /** JPEG Baseline (Process 1), the radiographs' own syntax: served as stored, no transcoding. */
  static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

  /** RAD-75 for one instance, in its own syntax. */
  static RetrieveImagingDocumentSetRequest rad75(Item item) {
    return new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(item.study(), List.of(new SeriesRequest(
        item.series(), List.of(new DocumentRequest(SecureDoorRig.IDENTITY.homeCommunityId(),
            SecureDoorRig.IDENTITY.repositoryUniqueId(), item.instance())))))),
        List.of(JPEG_BASELINE));
  }

  @Override
  public void close() throws Exception {
    if (client != null) {
      GatewayHarness.get(harness.onLoop(client::close));
    }
    if (initiatorTrail != null) {
      SecureDoorRig.await(initiatorTrail.close());
    }
    harness.close();
    if (gateway != null) {
      SecureDoorRig.await(gateway.close());
    }
    if (archive != null) {
      SecureDoorRig.await(archive.close());
    }
    if (responderTrail != null) {
      SecureDoorRig.await(responderTrail.close());
    }
    SecureDoorRig.await(vertx.close());
    responderSyslog.close();
    initiatorSyslog.close();
  }
}
