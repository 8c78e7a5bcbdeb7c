package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.Init;
import org.apache.xml.security.signature.XMLSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.trust.AuditChecks;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.SyslogTestReceiver;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaAssertion;
import org.xcaibridge.trust.XuaRejectedException;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;

/**
 * XUA and ATNA for configured communities, through the real configuration path: a YAML file with {@code tls:},
 * {@code xua:}, {@code audit:} and three communities, started as {@code serve --config} starts it. The communities
 * are our Responding Gateway behind two-way TLS with a generated test PKI ({@link GuardedCommunity}):
 * <ul>
 *   <li>"Guarded" validates XUA (trusting the PKI's CA, audiences its endpoint URLs): a QIDO search and a WADO-RS
 *       study retrieval through the front succeed, and the assertion it validated names the configured service
 *       subject (subject-id, organization, organization-id, role, purpose of use, NPI) and the bridge's
 *       homeCommunityId;</li>
 *   <li>"Old" is configured with {@code digest: sha1}: the assertion it receives is signed RSA-SHA1 with SHA-1
 *       digests, which Apache Santuario verifies (our validator, SHA-256 and up only, refuses it; so "Old" checks TLS
 *       alone);</li>
 *   <li>"Strict" is Guarded's gateway again under another homeCommunityId, configured with an audience the gateway does
 *       not accept: it answers with a SOAP fault and the front answers 502 naming the community.</li>
 * </ul>
 * The audit records (RFC 5425 over TLS with the bridge's client certificate to a test repository) of the query and
 * the retrieval arrive, valid per the PS3.15 schema; the start-up line names TLS, XUA and the audit destination.
 */
class ConfiguredCommunitiesGetXuaAndAuditTest {
  static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String DS = "http://www.w3.org/2000/09/xmldsig#";
  static final String WRONG_AUDIENCE = "urn:oid:1.2.40.99.99";

  @TempDir
  Path temp;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private Vertx vertx;
  private Launcher.Running running;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
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
    for (AutoCloseable c : closing) {
      c.close();
    }
    log.close();
  }

  @Test
  void assertionsAreSignedAsEachCommunityNeedsAndTheTransactionsAudited() throws Exception {
    RotatedCertificateReachesTheCommunityThroughTheFrontTest.warmUpNettyTls();
    Init.init();
    PkiFiles pki = PkiGenerator.ensure(temp.resolve("pki"), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
    GuardedCommunity guarded = community(pki, "guarded", new ResponderIdentity("1.2.40.87.1", "1.2.40.88.1",
        "1.2.40.89.1"), 11, true);
    GuardedCommunity old = community(pki, "old", new ResponderIdentity("1.2.40.87.2", "1.2.40.88.2",
        "1.2.40.89.2"), 12, false);
    SyslogTestReceiver repository = new SyslogTestReceiver();
    closing.add(repository::close);
    int syslogPort = repository.startTls(TlsSetup.load(pki.serverTls()).netServerOptions(), 0);
    repository.warmUpTls(TlsSetup.load(pki.clientTls()).netClientOptions());

    String yaml = """
        workDir: %s
        responder: {enabled: false}
        cache: {queryTtl: 0s}
        identity: {homeCommunityId: 'urn:oid:1.2.40.77.1', organisationName: General Hospital, \
        organisationOid: 1.2.40.77.2}
        tls: {directory: %s, certificate: %s, privateKey: %s, trustedCertificates: %s}
        xua:
          subjectId: Imaging bridge service
          organizationId: 1.2.40.77.3
          role: '309343006'
          roleName: Physician
          npi: '1234567893'
        audit: {host: 127.0.0.1, port: %d, transport: tls, auditSourceId: bridge-under-test, enterpriseSiteId: GH}
        communities:
        """.formatted(temp.resolve("work"), pki.directory(), PkiFiles.CLIENT_CHAIN, PkiFiles.CLIENT_KEY,
        PkiFiles.CA_CERT, syslogPort)
        + guarded.yaml("Guarded", "1.2.40.89.1")
        + old.yaml("Old", "1.2.40.89.2", "xua: {digest: sha1}")
        + guarded.yaml("Strict", "1.2.40.89.3", "xua: {audience: '" + WRONG_AUDIENCE + "'}")
            .replace("homeCommunityId: " + guarded.identity.homeCommunityId(), "homeCommunityId: urn:oid:1.2.40.87.3");
    Path file = temp.resolve("application.yaml");
    Files.writeString(file, yaml);
    vertx = Vertx.vertx();
    running = get(ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, new String[] {"--config", file.toString(),
        "--port", "0"}, Map.of(), Clock.systemUTC()));

    String startLine = messages().stream().filter(m -> m.startsWith("communities: 3 configured;")).findFirst()
        .orElseThrow();
    assertThat(startLine).contains("TLS yes (two-way, from " + pki.directory())
        .contains("XUA assertions yes (holder-of-key, issuer ")
        .contains("service subject 'Imaging bridge service' of General Hospital")
        .contains("RSA-SHA1/SHA-1 for Old")
        .contains("Strict → " + WRONG_AUDIENCE)
        .contains("ATNA audit yes (syslog over TLS (RFC 5425) to 127.0.0.1:" + syslogPort);
    assertThat(messages()).noneMatch(m -> m.startsWith("tls is configured but xua is not"));

    // Guarded: a search and a study retrieval through the front, each with a validated assertion
    String dicomweb = "http://127.0.0.1:" + running.frontPort() + FrontConfig.DEFAULT_BASE_PATH;
    HttpResponse<String> found = send(dicomweb + "/studies?PatientID=" + guarded.study.patient().id()
        + "&IssuerOfPatientID=1.2.40.89.1", "application/dicom+json");
    assertThat(found.statusCode()).as("%s", found.body()).isEqualTo(200);
    assertThat(found.body()).contains(guarded.study.studyInstanceUid());
    assertThat(found.headers().allValues("Warning")).as("every community asked answered").isEmpty();
    HttpResponse<byte[]> study = http.send(HttpRequest.newBuilder(URI.create(dicomweb + "/studies/"
        + guarded.study.studyInstanceUid())).header("Accept", "multipart/related; type=\"application/dicom\"; "
        + "transfer-syntax=*").timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(study.statusCode()).isEqualTo(200);
    for (String path : List.of(RespondingGateway.ITI38_PATH, RespondingGateway.RAD75_PATH)) {
      List<GuardedCommunity.Captured> sent = guarded.at(path);
      assertThat(sent).as("requests to %s", path).isNotEmpty();
      XuaAssertion a = validate(pki, guarded, sent.get(sent.size() - 1));
      assertThat(a.holderOfKey()).isTrue();
      assertThat(a.audienceRestrictions()).containsExactly(List.of(guarded.base() + path));
      assertThat(a.subjectId()).contains("Imaging bridge service");
      assertThat(a.organization()).contains("General Hospital");
      assertThat(a.organizationId()).contains("urn:oid:1.2.40.77.3");
      assertThat(a.homeCommunityId()).contains("urn:oid:1.2.40.77.1");
      assertThat(a.npi()).contains("1234567893");
      assertThat(a.role().orElseThrow().code()).isEqualTo("309343006");
      assertThat(a.role().orElseThrow().codeSystem()).isEqualTo("2.16.840.1.113883.6.96");
      assertThat(a.purposeOfUse().orElseThrow().code()).isEqualTo("TREATMENT");
      assertThat(a.issuer()).isEqualTo(a.signer().getSubjectX500Principal().getName());
      assertThat(digests(sent.get(sent.size() - 1))).containsOnly("http://www.w3.org/2001/04/xmlenc#sha256");
    }

    // Old: SHA-1, verified by Santuario
    HttpResponse<String> oldFound = send(dicomweb + "/studies?PatientID=" + old.study.patient().id()
        + "&IssuerOfPatientID=1.2.40.89.2", "application/dicom+json");
    assertThat(oldFound.statusCode()).as("%s", oldFound.body()).isEqualTo(200);
    assertThat(oldFound.body()).contains(old.study.studyInstanceUid());
    GuardedCommunity.Captured sha1 = old.at(RespondingGateway.ITI38_PATH).get(0);
    assertThat(digests(sha1)).containsOnly("http://www.w3.org/2000/09/xmldsig#sha1");
    Element security = security(sha1);
    Element assertion = (Element) security.getElementsByTagNameNS(SAML2, "Assertion").item(0);
    assertion.setIdAttributeNS(null, "ID", true);
    XMLSignature signature = new XMLSignature(child(assertion, DS, "Signature"), "", true);
    assertThat(signature.getSignedInfo().getSignatureMethodURI()).isEqualTo("http://www.w3.org/2000/09/xmldsig#rsa-sha1");
    X509Certificate signer = signature.getKeyInfo().getX509Certificate();
    signer.verify(GuardedCommunity.caCertificate(pki).getPublicKey());
    assertThat(signature.checkSignatureValue(signer)).as("Santuario verifies the SHA-1 assertion").isTrue();
    assertThatThrownBy(() -> validate(pki, old, sha1)).as("our validator takes SHA-256 and up only")
        .isInstanceOf(XuaRejectedException.class);

    // Strict: the audience it is configured with is not one the gateway accepts
    int before = guarded.at(RespondingGateway.ITI38_PATH).size();
    HttpResponse<String> refused = send(dicomweb + "/studies?PatientID=" + guarded.study.patient().id()
        + "&IssuerOfPatientID=1.2.40.89.3", "application/dicom+json");
    assertThat(refused.statusCode()).as("%s", refused.body()).isEqualTo(502);
    assertThat(refused.body()).contains("Strict (urn:oid:1.2.40.87.3)");
    List<GuardedCommunity.Captured> strict = guarded.at(RespondingGateway.ITI38_PATH);
    assertThat(strict).hasSizeGreaterThan(before);
    assertThatThrownBy(() -> validate(pki, guarded, strict.get(strict.size() - 1)))
        .isInstanceOf(XuaRejectedException.class).hasMessageContaining(WRONG_AUDIENCE);

    // the audit trail: the search's ITI-38 and the retrieval's RAD-75, each a valid PS3.15 message
    waitFor("the bridge's ITI-38 and RAD-75 records", () -> audits(repository).stream().anyMatch(d ->
        eventType(d).equals("ITI-38") && outcome(d).equals("0")) && audits(repository).stream().anyMatch(d ->
        eventType(d).equals("RAD-75") && outcome(d).equals("0")));
    for (Document d : audits(repository)) {
      assertThat(AuditChecks.text(d, "/AuditMessage/AuditSourceIdentification/@AuditSourceID"))
          .isEqualTo("bridge-under-test");
      assertThat(AuditChecks.text(d, "/AuditMessage/AuditSourceIdentification/@AuditEnterpriseSiteID"))
          .isEqualTo("GH");
    }
    Document query = audits(repository).stream().filter(d -> eventType(d).equals("ITI-38")).findFirst().orElseThrow();
    assertThat(AuditChecks.text(query, "/AuditMessage/ActiveParticipant[@UserID='" + guarded.base()
        + RespondingGateway.ITI38_PATH + "']/RoleIDCode/@csd-code")).as("the responding gateway, Destination")
        .isEqualTo("110152");
    assertThat(AuditChecks.text(query, "/AuditMessage/ParticipantObjectIdentification[ParticipantObjectIDTypeCode"
        + "/@csd-code='2']/@ParticipantObjectID")).as("the patient").startsWith(guarded.study.patient().id() + "^^^");
    assertThat(audits(repository)).as("the refused query to Strict is recorded as failed")
        .anyMatch(d -> eventType(d).equals("ITI-38") && !outcome(d).equals("0"));

    get(running.close());
    running = null;
    waitFor("the stop record", () -> audits(repository).stream().anyMatch(d -> AuditChecks.text(d,
        "/AuditMessage/EventIdentification/EventID/@csd-code").equals("110100") && AuditChecks.text(d,
        "/AuditMessage/EventIdentification/EventTypeCode/@csd-code").equals("110121")));
  }

  private GuardedCommunity community(PkiFiles pki, String name, ResponderIdentity id, long seed, boolean xua)
      throws Exception {
    GuardedCommunity c = new GuardedCommunity(temp.resolve(name), pki, id, seed, xua);
    closing.add(c);
    return c;
  }

  /** The assertion validated as the guarded gateway validates it (trusting the CA, its endpoint URLs). */
  private static XuaAssertion validate(PkiFiles pki, GuardedCommunity c, GuardedCommunity.Captured sent)
      throws Exception {
    return new XuaValidator(XuaValidatorConfig.of(Set.of(GuardedCommunity.caCertificate(pki)),
        RespondingGateway.endpointUrls(URI.create(c.base()))), Clock.systemUTC()).validate(security(sent));
  }

  /** Every DigestMethod of the request's wsse:Security block. */
  private static List<String> digests(GuardedCommunity.Captured sent) throws Exception {
    List<String> out = new ArrayList<>();
    var methods = security(sent).getElementsByTagNameNS(DS, "DigestMethod");
    for (int i = 0; i < methods.getLength(); i++) {
      out.add(((Element) methods.item(i)).getAttribute("Algorithm"));
    }
    return out;
  }

  /** The request's wsse:Security element, parsed by the JDK from the SOAP envelope (or MTOM's root part). */
  private static Element security(GuardedCommunity.Captured sent) throws Exception {
    byte[] xml = sent.body();
    String type = sent.contentType() == null ? "" : sent.contentType();
    if (type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/related")) {
      String text = new String(xml, StandardCharsets.ISO_8859_1);
      int start = text.indexOf("\r\n\r\n") + 4;
      int end = text.indexOf("\r\n--", start);
      xml = text.substring(start, end).getBytes(StandardCharsets.ISO_8859_1);
    }
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    Element security = (Element) d.getElementsByTagNameNS(WSSE, "Security").item(0);
    assertThat(security).as("a wsse:Security header in %s", type).isNotNull();
    return security;
  }

  private static Element child(Element parent, String ns, String local) {
    for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName())) {
        return e;
      }
    }
    throw new AssertionError("no " + local + " under " + parent.getLocalName());
  }

  private static List<Document> audits(SyslogTestReceiver repository) {
    List<Document> out = new ArrayList<>();
    for (byte[] frame : repository.frames()) {
      AuditChecks.Syslog s = AuditChecks.parse(frame);
      AuditChecks.validate(s.xml());
      out.add(AuditChecks.dom(s.xml()));
    }
    return out;
  }

  private static String eventType(Document d) {
    return AuditChecks.text(d, "/AuditMessage/EventIdentification/EventTypeCode/@csd-code");
  }

  private static String outcome(Document d) {
    return AuditChecks.text(d, "/AuditMessage/EventIdentification/@EventOutcomeIndicator");
  }

  private HttpResponse<String> send(String url, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
        .timeout(Duration.ofSeconds(90)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> messages() {
    return log.messages();
  }

  private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }
}
