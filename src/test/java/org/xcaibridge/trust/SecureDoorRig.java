package org.xcaibridge.trust;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.w3c.dom.Document;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.soap.SecurityHeader;

/**
 * Our Responding Imaging Gateway behind its whole door, on loopback, with the PKI the product generates
 * ({@link TestPki}): two-way TLS with the demo server certificate, XUA validation trusting the demo CA (skew
 * {@link #SKEW}, the responder's clock held at {@link #now} so that time windows are exact), and an ATNA audit
 * trail sending RFC 5426 datagrams to a {@link SyslogTestReceiver}. It serves a generated CT study of three slices
 * from a folder. Initiating clients are our gateway's {@link CommunityClient}s on a {@link GatewayHarness}'s own
 * Vert.x, with whatever TLS and security header a test gives them.
 */
final class SecureDoorRig implements AutoCloseable {
  static final ResponderIdentity IDENTITY = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.301",
      "1.3.6.1.4.1.21367.13.80.301", "1.3.6.1.4.1.21367.13.20.301");
  static final Duration SKEW = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(5);
  /** The initiating community's own patient identity domain, other than the responder's. */
  static final String BRIDGE_AUTHORITY = "1.3.6.1.4.1.21367.13.20.999";

  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  final MutableClock responderClock = new MutableClock(now);
  final Vertx vertx = Vertx.vertx();
  final SyslogTestReceiver syslog = new SyslogTestReceiver();
  final GatewayHarness harness = new GatewayHarness();
  final SyntheticStudies.Study study;
  /** SHA-256 of each instance file, by SOP Instance UID. */
  final Map<String, String> files = new LinkedHashMap<>();
  private final List<CommunityClient> clients = new ArrayList<>();
  private AuditTrail trail;
  private FolderArchive archive;
  private RespondingGateway gateway;
  private HttpServer server;

  SecureDoorRig(Path temp) throws Exception {
    SyntheticStudies gen = new SyntheticStudies(new Random(7), Clock.fixed(now, ZoneOffset.UTC));
    study = gen.ctChestAbdomen(gen.patient(), 3);
    Path folder = temp.resolve("images");
    Files.createDirectories(folder);
    SyntheticSeries series = study.series().get(0);
    for (int i = 0; i < series.instanceCount(); i++) {
      Path f = folder.resolve("ct-" + i + ".dcm");
      try (OutputStream out = Files.newOutputStream(f)) {
        SyntheticStudies.write(out, study, series, i);
      }
      byte[] bytes = Files.readAllBytes(f);
      files.put(org.xcaibridge.dicom.DicomReader.read(bytes, org.xcaibridge.dicom.ReadOptions.HEADERS).dataset()
          .string(org.xcaibridge.dicom.Tag.SOPInstanceUID), sha256(bytes));
    }
    int port = syslog.startUdp();
    trail = await(AuditTrail.open(vertx, AuditTrailSettings.of(temp.resolve("spool"),
        SyslogHeader.ihe("responder.test", "xcai-responder", "77"), responderClock)
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)),
        new SyslogUdpTransport(vertx, new DatagramSocketOptions(), "127.0.0.1", port,
            SyslogUdpTransport.MAX_IPV4_PAYLOAD)));
    AuditEvents events = new AuditEvents(new AuditNode("xcai-responder-test", null,
        AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-responder", "77", "127.0.0.1"), responderClock);
    archive = await(FolderArchive.start(vertx, new FolderArchive.Options(folder, temp.resolve("work"),
        new ManifestSettings(IDENTITY.repositoryUniqueId(), "XCAI_SECURE"), Duration.ZERO)));
    ResponderSecurity security = ResponderSecurity.none()
        .withTls(TlsSetup.load(TestPki.shared().serverTls()))
        .withXua(base -> new XuaValidator(XuaValidatorConfig.of(Set.of(TestPki.caCertificate()),
            RespondingGateway.endpointUrls(base)).withClockSkew(SKEW), responderClock))
        .withAudit(AuditSink.of(events, trail));
    gateway = new RespondingGateway(vertx, archive, IDENTITY, ResponderSettings.DEFAULT, security);
    server = await(gateway.listen("127.0.0.1", 0));
  }

  String base() {
    return "https://127.0.0.1:" + server.actualPort();
  }

  int port() {
    return server.actualPort();
  }

  CommunityEndpoints endpoints() {
    return CommunityEndpoints.of(IDENTITY.homeCommunityId(), "Secure responder",
        URI.create(base() + RespondingGateway.ITI55_PATH), URI.create(base() + RespondingGateway.ITI38_PATH),
        URI.create(base() + RespondingGateway.ITI39_PATH), URI.create(base() + RespondingGateway.RAD75_PATH));
  }

  /**
   * Generous timeouts: a TLS handshake on a loaded 2-core machine can take seconds, and no test here is about
   * timing.
   */
  static final CommunitySettings SETTINGS = CommunitySettings.DEFAULT.withTimeouts(Duration.ofSeconds(30),
      Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120));

  /** A client of the responder on the harness's Vert.x. */
  CommunityClient client(InitiatorSetup setup) {
    CommunityClient c = CommunityClient.create(harness.vertx, endpoints(), SETTINGS, setup);
    clients.add(c);
    return c;
  }

  /** The bridge as it should be: its client certificate, and assertions signed with its key at {@link #now}. */
  CommunityClient goodClient() {
    return client(clientTls().withSecurity(signed(signer(Clock.fixed(now, ZoneOffset.UTC)))));
  }

  /** The demo client certificate, and no security header yet. */
  static InitiatorSetup clientTls() {
    return InitiatorSetup.demo().withTls(TlsSetup.load(TestPki.shared().clientTls()));
  }

  /** The product's source of signed assertions: audience = the endpoint called. */
  SecurityHeaderSource signed(XuaSigner signer) {
    return SecurityHeaderSource.xua(harness.vertx, signer, XuaFixtures.SUBJECT, endpoint -> XuaRecipient.of(
        endpoint.toString()));
  }

  /** A header made by hand for the endpoint called (on a worker, as signing is). */
  SecurityHeaderSource crafted(Function<URI, byte[]> header) {
    return (transaction, endpoint, subject) -> harness.vertx.executeBlocking(
        () -> SecurityHeader.ofXml(header.apply(endpoint)), false);
  }

  /** Signs with the demo client key, exact windows: no skew of its own, {@link #LIFETIME} for both. */
  static XuaSigner signer(Clock clock) {
    return new XuaSigner(signerConfig(clientKey()), clock, UUID::randomUUID);
  }

  static XuaSignerConfig signerConfig(XuaSignerConfig.SigningKey key) {
    return XuaSignerConfig.of(XuaSignerConfig.Issuer.email("bridge@test.example"), "1.3.6.1.4.1.21367.13.70.999",
        key).withClockSkew(Duration.ZERO).withLifetimes(LIFETIME, LIFETIME);
  }

  /** The demo PKI's client key: the bridge signs with the certificate it shows in TLS (one Carequality certificate). */
  static XuaSignerConfig.SigningKey clientKey() {
    PkiFiles pki = TestPki.shared();
    char[] password = pki.passwords().get(PkiFiles.CLIENT_STORE).toCharArray();
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_STORE))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return XuaSignerConfig.SigningKey.fromKeyStore(store, "client", password);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One audit record as received, schema-checked. */
  record Audit(AuditChecks.Syslog syslog, Document xml) {
    String eventId() {
      return AuditChecks.text(xml, "/AuditMessage/EventIdentification/EventID/@csd-code");
    }

    String eventType() {
      return AuditChecks.text(xml, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code");
    }

    String outcome() {
      return AuditChecks.text(xml, "/AuditMessage/EventIdentification/@EventOutcomeIndicator");
    }

    String description() {
      return AuditChecks.text(xml, "/AuditMessage/EventIdentification/EventOutcomeDescription");
    }

    String text(String xpath) {
      return AuditChecks.text(xml, xpath);
    }
  }

  /** Every record received so far, each valid per PS3.15 A.5.1. */
  List<Audit> audits() {
    List<Audit> out = new ArrayList<>();
    for (byte[] d : syslog.datagrams()) {
      AuditChecks.Syslog s = AuditChecks.parse(d);
      AuditChecks.validate(s.xml());
      out.add(new Audit(s, AuditChecks.dom(s.xml())));
    }
    return out;
  }

  /** Waits until a record received after the first {@code skip} matches; returns it. */
  Audit awaitAudit(int skip, String what, Predicate<Audit> wanted) throws InterruptedException {
    Audit[] found = {null};
    AuditTrailHarness.waitUntil(what, 30, () -> {
      List<Audit> all = audits();
      for (Audit a : all.subList(Math.min(skip, all.size()), all.size())) {
        if (wanted.test(a)) {
          found[0] = a;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    for (CommunityClient c : clients) {
      GatewayHarness.get(c.close());
    }
    harness.close();
    if (gateway != null) {
      await(gateway.close());
    }
    if (archive != null) {
      await(archive.close());
    }
    if (trail != null) {
      await(trail.close());
    }
    await(vertx.close());
    syslog.close();
  }
}
