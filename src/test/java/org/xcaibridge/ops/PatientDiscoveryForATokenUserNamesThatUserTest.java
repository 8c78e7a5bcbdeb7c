package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicomweb.CorsSettings;
import org.xcaibridge.dicomweb.DicomWebFront;
import org.xcaibridge.dicomweb.DicomWebSettings;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityDirectory;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSecurity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.CommunityProfile;
import org.xcaibridge.studies.StudyLocator;
import org.xcaibridge.studies.StudyService;
import org.xcaibridge.studies.StudySettings;
import org.xcaibridge.trust.AuditChecks;
import org.xcaibridge.trust.AuditCodes;
import org.xcaibridge.trust.AuditEvents;
import org.xcaibridge.trust.AuditNode;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.AuditTrail;
import org.xcaibridge.trust.AuditTrailSettings;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.SyslogHeader;
import org.xcaibridge.trust.SyslogUdpTransport;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaRecipient;
import org.xcaibridge.trust.XuaSigner;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaSubject;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;

/**
 * Issue 7: "the subject comes from the front-door identity of the viewer's user" holds for patient discovery too. A
 * viewer's QIDO, with a bearer token, for a patient of another identity domain makes the bridge ask a community
 * without a configured domain with XCPD (ITI-55) before ITI-38. The community is our responder behind a guard like
 * the secure demo's (two-way TLS with the generated test PKI, XUA validation, ATNA audit to a UDP receiver here);
 * its own audit of the ITI-55 — Query (110112) with event type ITI-55, written from the assertion it validated —
 * names the token's user as the requestor, not the bridge's service identity. The patient correlation it gave is
 * cached, and only the id: another user's later search for that patient needs no ITI-55, and its ITI-38 names
 * that other user.
 *
 * <p>Wired from the product's pieces: the front door ({@link TokenDoor}, configured from the environment as the
 * launcher reads it), the gateway client signing an assertion per request for the service or the request's user,
 * the guarded responder, the study core and the DICOMweb front.
 */
class PatientDiscoveryForATokenUserNamesThatUserTest {
  private static final String VIEWER_QUERY = "/dicomweb/studies?PatientID=LOCAL-7&IssuerOfPatientID=1.2.3.999"
      + "&PatientName=Doe%5EPeter&PatientSex=M";
  private static final ResponderIdentity COMMUNITY = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.361",
      "1.3.6.1.4.1.21367.13.80.361", "1.3.6.1.4.1.21367.13.20.361");
  private static final String SERVICE = "xcai-bridge service";
  private static final String REQUESTOR = "/AuditMessage/ActiveParticipant[@UserIsRequestor='true' and @UserName]";

  @TempDir
  Path temp;
  private final Vertx vertx = Vertx.vertx();
  private final List<String> audits = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final BearerTokens tokens = new BearerTokens();
  private DatagramSocket syslog;
  private AuditTrail trail;
  private FolderArchive archive;
  private RespondingGateway gateway;
  private HttpServer responder;
  private CommunityClient client;
  private InstanceStore store;
  private StudyLocator locator;
  private StudyService service;
  private HttpServer front;
  private String responderBase;
  private String frontBase;

  @BeforeEach
  void start() throws Exception {
    syslog = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(1 << 20));
    syslog.handler(p -> audits.add(p.data().toString(StandardCharsets.UTF_8)));
    await(syslog.listen(0, "127.0.0.1"));
    BridgeConfig config = ConfigFiles.load(temp, "{}\n",
        BearerTokens.env(tokens.writePublicKey(temp.resolve("keys"))));
    assertThat(config.frontDoor()).as("token validation configured").isNotNull();
    IdentityConfig identity = config.identity();
    Clock clock = Clock.systemUTC();
    PkiFiles pki = await(PkiGenerator.ensure(vertx, temp.resolve("pki"), PkiSettings.demo(), clock));
    TlsSetup serverTls = TlsSetup.load(pki.serverTls());
    trail = await(AuditTrail.open(vertx, AuditTrailSettings.of(temp.resolve("audit"),
        SyslogHeader.ihe("responder.test", "xcai-responder", "361"), clock), new SyslogUdpTransport(vertx,
        new DatagramSocketOptions(), "127.0.0.1", syslog.localAddress().port(), SyslogUdpTransport.MAX_IPV4_PAYLOAD)));
    AuditSink audit = AuditSink.of(new AuditEvents(new AuditNode("xcai-responder-test", null,
        AuditCodes.APPLICATION_SERVER_PROCESS, "xcai-responder", "361", "127.0.0.1"), clock), trail);
    ResponderSecurity guard = ResponderSecurity.none().withTls(serverTls)
        .withXua(at -> new XuaValidator(XuaValidatorConfig.of(new HashSet<>(serverTls.trustAnchors()),
            RespondingGateway.endpointUrls(at)), clock))
        .withAudit(audit);
    XuaSignerConfig.SigningKey key = clientKey(pki);
    XuaSigner signer = new XuaSigner(XuaSignerConfig.of(XuaSignerConfig.Issuer.x509(
        key.certificate().getSubjectX500Principal().getName()), identity.homeCommunityId(), key), clock,
        UUID::randomUUID);
    XuaSubject serviceSubject = XuaSubject.of(SERVICE, identity.organisationName(), identity.organisationOid(),
        XuaCode.snomedRole("224608005", "Administrative AND/OR managerial worker"), XuaCode.TREATMENT);
    InitiatorSetup initiator = InitiatorSetup.demo().withTls(TlsSetup.load(pki.clientTls()))
        .withSecurity(SecurityHeaderSource.xua(vertx, signer, serviceSubject, at -> XuaRecipient.of(at.toString())));

    Path folder = temp.resolve("community");
    copy(Fixtures.sharedDicom().resolve("study-sets").resolve("98892003"), folder);
    archive = await(FolderArchive.start(vertx, new FolderArchive.Options(folder, temp.resolve("archive-work"),
        new ManifestSettings(COMMUNITY.repositoryUniqueId(), "XCAI_361"), Duration.ZERO)));
    gateway = new RespondingGateway(vertx, archive, COMMUNITY, ResponderSettings.DEFAULT, guard);
    responder = await(gateway.listen("127.0.0.1", 0));
    responderBase = "https://127.0.0.1:" + responder.actualPort();
    URI base = URI.create(responderBase);
    client = CommunityClient.create(vertx, CommunityEndpoints.of(COMMUNITY.homeCommunityId(), "XCPD community",
        base.resolve(RespondingGateway.ITI55_PATH), base.resolve(RespondingGateway.ITI38_PATH),
        base.resolve(RespondingGateway.ITI39_PATH), base.resolve(RespondingGateway.RAD75_PATH)),
        CommunitySettings.DEFAULT, initiator);

    store = await(InstanceStore.open(vertx, CacheSettings.of(temp.resolve("cache"), 256L << 20)));
    locator = await(StudyLocator.open(vertx, temp.resolve("locator"), 10_000));
    service = StudyService.create(vertx, CommunityDirectory.of(List.of(client)),
        List.of(CommunityProfile.ofXcpd(COMMUNITY.homeCommunityId(), COMMUNITY.assigningAuthorityOid())), store,
        locator, StudySettings.DEFAULT.withPrefetchConcurrency(0)
            .withXcpdIdentity(identity.homeCommunityId(), identity.organisationOid()));
    TokenDoor door = TokenDoor.create(vertx, config.frontDoor(), identity, AuditSink.none(), clock);
    AtomicReference<Router> router = new AtomicReference<>();
    front = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> router.get().handle(req)).listen());
    frontBase = "http://127.0.0.1:" + front.actualPort();
    router.set(DicomWebFront.create(vertx, service, DicomWebSettings.of(frontBase + "/dicomweb", CorsSettings.NONE),
        door));
  }

  @AfterEach
  void stop() throws Exception {
    for (Supplier<Future<?>> close : List.<Supplier<Future<?>>>of(
        () -> front == null ? null : front.close(), () -> service == null ? null : service.close(),
        () -> locator == null ? null : locator.close(), () -> store == null ? null : store.close(),
        () -> client == null ? null : client.close(), () -> responder == null ? null : responder.close(),
        () -> gateway == null ? null : gateway.close(), () -> archive == null ? null : archive.close(),
        () -> trail == null ? null : trail.close())) {
      Future<?> f = close.get();
      if (f != null) {
        await(f);
      }
    }
    await(vertx.close());
  }

  @Test
  void theResponderAuditsTheTokensUserForTheIti55AndTheNextUserForTheirIti38() throws Exception {
    HttpResponse<String> alice = get(VIEWER_QUERY, tokens.token(BearerTokens.claims(BearerTokens.USER)));
    assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
    assertThat(new JsonArray(alice.body())).as("the studies found under the community's own id").isNotEmpty();

    waitFor("the responder's ITI-55 audit", () -> !respondingSide("ITI-55").isEmpty());
    List<Document> discoveries = respondingSide("ITI-55");
    assertThat(discoveries).as("one ITI-55, audited once by the responder").hasSize(1);
    Document discovery = discoveries.get(0);
    assertThat(AuditChecks.text(discovery, "/AuditMessage/EventIdentification/EventID/@csd-code")).isEqualTo("110112");
    assertThat(AuditChecks.text(discovery, "/AuditMessage/EventIdentification/@EventActionCode")).isEqualTo("E");
    assertThat(AuditChecks.text(discovery, "/AuditMessage/EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
    assertThat(AuditChecks.text(discovery, "/AuditMessage/ParticipantObjectIdentification/ParticipantObjectIDTypeCode"
        + "[@csd-code='ITI-55']/../ParticipantObjectQuery")).as("the QueryByParameter").isNotBlank();
    assertThat(AuditChecks.text(discovery, REQUESTOR + "/@UserName")).as("the ITI-55's requestor")
        .isEqualTo(BearerTokens.USER);
    assertThat(AuditChecks.text(discovery, REQUESTOR + "/@UserName")).isNotEqualTo(SERVICE);
    // and the ITI-38 that followed, with the id the ITI-55 gave
    String communityId = "98890234^^^&" + COMMUNITY.assigningAuthorityOid() + "&ISO";
    waitFor("the responder's ITI-38 audit for Alice", () -> respondingSide("ITI-38").stream()
        .anyMatch(d -> BearerTokens.USER.equals(AuditChecks.text(d, REQUESTOR + "/@UserName"))
            && patientIds(d).contains(communityId)));
    assertThat(respondingSide("ITI-38")).as("no ITI-38 in the service's name")
        .noneMatch(d -> SERVICE.equals(AuditChecks.text(d, REQUESTOR + "/@UserName")));

    // Bob searches the same patient, narrowed by date so that Alice's ITI-38 answer is not reused: the correlation
    // is (no second ITI-55), and the ITI-38 is asked in Bob's name
    int iti38Before = respondingSide("ITI-38").size();
    HttpResponse<String> bob = get(VIEWER_QUERY + "&StudyDate=19000101-21001231",
        tokens.token(BearerTokens.claims("Dr. Bob Other")));
    assertThat(bob.statusCode()).as(bob.body()).isEqualTo(200);
    assertThat(new JsonArray(bob.body())).hasSize(new JsonArray(alice.body()).size());
    waitFor("the responder's ITI-38 audit for Bob", () -> respondingSide("ITI-38").size() > iti38Before);
    List<Document> later = respondingSide("ITI-38").subList(iti38Before, respondingSide("ITI-38").size());
    assertThat(later).as("Bob's ITI-38").hasSize(1);
    assertThat(AuditChecks.text(later.get(0), REQUESTOR + "/@UserName")).isEqualTo("Dr. Bob Other");
    assertThat(patientIds(later.get(0))).contains(communityId);
    assertThat(respondingSide("ITI-55")).as("the correlation was reused").hasSize(1);
  }

  /** The bridge signs with the key of the client certificate it shows in TLS, as the secure demo does. */
  private static XuaSignerConfig.SigningKey clientKey(PkiFiles pki) throws Exception {
    char[] password = pki.passwords().get(PkiFiles.CLIENT_STORE).toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_STORE))) {
      store.load(in, password);
    }
    return XuaSignerConfig.SigningKey.fromKeyStore(store, store.aliases().nextElement(), password);
  }

  private static List<String> patientIds(Document d) {
    List<String> ids = new java.util.ArrayList<>();
    org.w3c.dom.NodeList nodes;
    try {
      nodes = (org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath().evaluate(
          "/AuditMessage/ParticipantObjectIdentification[@ParticipantObjectTypeCodeRole='1']/@ParticipantObjectID", d,
          XPathConstants.NODESET);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    for (int i = 0; i < nodes.getLength(); i++) {
      ids.add(nodes.item(i).getNodeValue());
    }
    return ids;
  }

  /** Audit messages of {@code type} the responder wrote (not the bridge's of the same exchange). */
  private List<Document> respondingSide(String type) {
    return AuditChecks.writtenBy(audits, type, responderBase);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(frontBase + path)).header("Accept", "application/dicom+json")
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void waitFor(String what, Supplier<Boolean> condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.get()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }
}
