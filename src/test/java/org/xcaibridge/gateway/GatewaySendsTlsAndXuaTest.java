package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapHeaders;
import org.xcaibridge.soap.SoapReader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.soap.XmlLimits;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.TlsSetup;
import org.xcaibridge.trust.XuaAssertion;
import org.xcaibridge.trust.XuaCode;
import org.xcaibridge.trust.XuaSigner;
import org.xcaibridge.trust.XuaSignerConfig;
import org.xcaibridge.trust.XuaSubject;
import org.xcaibridge.trust.XuaValidator;
import org.xcaibridge.trust.XuaValidatorConfig;
import org.xcaibridge.trust.XuaRecipient;

/**
 * With a PKI made by the trust package's generator (keytool): an {@code https} community is called over two-way
 * TLS with the client certificate of {@link InitiatorSetup#tls()}, and each request carries a signed XUA
 * assertion from {@link SecurityHeaderSource#xua}, whose audience is the endpoint called and whose subject is the
 * service identity, or the user of {@link CommunityClient#forSubject}. The peer is an HTTPS server requiring a
 * client certificate that checks the header with the trust package's validator before it answers. A client
 * without the PKI's trust anchors fails with {@link GatewayException.Tls}.
 */
class GatewaySendsTlsAndXuaTest {
  private static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.77";
  private static final ConcurrentLinkedQueue<XuaAssertion> SEEN = new ConcurrentLinkedQueue<>();
  private static final ConcurrentLinkedQueue<String> CLIENT_CERTS = new ConcurrentLinkedQueue<>();
  @TempDir
  static Path temp;
  private static GatewayHarness harness;
  private static HttpServer server;
  private static String url;
  private static InitiatorSetup secure;
  private static volatile XuaValidator validator;

  @BeforeAll
  static void start() throws Exception {
    PkiFiles pki = PkiGenerator.ensure(temp.resolve("pki"), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
    X509Certificate ca;
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CA_CERT))) {
      ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore client = KeyStore.getInstance("PKCS12");
    char[] password = pki.passwords().get(PkiFiles.CLIENT_STORE).toCharArray();
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_STORE))) {
      client.load(in, password);
    }
    XuaSignerConfig.SigningKey key = XuaSignerConfig.SigningKey.fromKeyStore(client, "client", password);
    harness = new GatewayHarness();
    XuaSigner signer = new XuaSigner(XuaSignerConfig.of(XuaSignerConfig.Issuer.x509(
        key.certificate().getSubjectX500Principal().getName()), HOME, key), Clock.systemUTC(), UUID::randomUUID);
    XuaSubject service = XuaSubject.of("XCA-I Bridge service", "Bridge Org", "1.3.6.1.4.1.21367.13.70.77",
        XuaCode.snomedRole("224608005", "Administrative AND/OR managerial worker"), XuaCode.TREATMENT);
    secure = InitiatorSetup.demo().withTls(TlsSetup.load(pki.clientTls()))
        .withSecurity(SecurityHeaderSource.xua(harness.vertx, signer, service, u -> XuaRecipient.of(u.toString())));

    server = GatewayHarness.get(harness.vertx.createHttpServer(TlsSetup.load(pki.serverTls()).httpServerOptions()
        .setHost("127.0.0.1").setPort(0)).requestHandler(req -> req.body().compose(body ->
            harness.vertx.executeBlocking(() -> answer(body))).onComplete(ar -> {
              try {
                CLIENT_CERTS.add(((X509Certificate) req.connection().peerCertificates().get(0))
                    .getSubjectX500Principal().getName());
              } catch (Exception e) {
                CLIENT_CERTS.add("none: " + e);
              }
              if (ar.succeeded()) {
                req.response().putHeader("Content-Type", "application/soap+xml; charset=UTF-8").end(ar.result());
              } else {
                req.response().setStatusCode(500).end(String.valueOf(ar.cause()));
              }
            })).listen());
    url = "https://localhost:" + server.actualPort() + "/xca/iti38";
    // the audience the peer accepts is its own endpoint URL, known once it listens
    validator = new XuaValidator(XuaValidatorConfig.of(Set.of(ca), Set.of(url)), Clock.systemUTC());
  }

  /** Validates the request's security header, then answers an empty Success (our codec: the request is tested). */
  private static Buffer answer(Buffer body) throws Exception {
    SoapHeaders headers = SoapReader.read(body.getBytes(), XmlLimits.DEFAULT,
        in -> {
          try {
            return IheCodec.withDefaults().read(in, AdhocQueryRequest.class);
          } catch (org.xcaibridge.ihe.IheParseException e) {
            throw new javax.xml.stream.XMLStreamException(e);
          }
        }).headers();
    XuaAssertion assertion = validator.validate(headers);
    SEEN.add(assertion);
    return Buffer.buffer(new SoapWriter(UUID::randomUUID).response(IheTransaction.ITI_38.responseAction(),
        headers.addressing().messageId().orElse(null), SecurityHeader.none(),
        w -> IheCodec.withDefaults().write(w, AdhocQueryResponse.ofEntries(List.of()))));
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  private static AdhocQueryRequest query() {
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx("P1", "1.2.3.4"),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS, HOME);
  }

  private static CommunityClient client(InitiatorSetup setup) {
    return CommunityClient.create(harness.vertx, new CommunityEndpoints(HOME, "Secure peer", Optional.empty(),
        URI.create(url), URI.create(url), URI.create(url)),
        // a first TLS handshake on a loaded test machine can take seconds: this test is not about timeouts
        CommunitySettings.DEFAULT.withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(60)), setup);
  }

  @Test
  void requestsGoOverTwoWayTlsWithASignedAssertionForTheEndpoint() throws Exception {
    CommunityClient client = client(secure);
    AdhocQueryResponse r = harness.await(() -> client.query(query()));
    assertThat(r.documentEntries()).isEmpty();
    XuaAssertion service = SEEN.poll();
    assertThat(service.subjectId()).contains("XCA-I Bridge service");
    assertThat(service.audienceRestrictions()).containsExactly(List.of(url));
    assertThat(service.homeCommunityId()).contains(HOME);
    assertThat(CLIENT_CERTS.poll()).contains("CN=XCA-I Bridge client");

    XuaSubject user = XuaSubject.of("Dr. Jane Reader", "Radiology Group", "1.3.6.1.4.1.21367.13.70.78",
        XuaCode.snomedRole("309343006", "Physician"), XuaCode.TREATMENT);
    harness.await(() -> client.forSubject(user).query(query()));
    XuaAssertion asUser = SEEN.poll();
    assertThat(asUser.subjectId()).contains("Dr. Jane Reader");
    assertThat(asUser.id()).isNotEqualTo(service.id());
    harness.await(client::close);
  }

  @Test
  void aServerCertificateFromAnUnknownCaIsATlsFailure() throws Exception {
    CommunityClient client = client(InitiatorSetup.demo());
    Throwable t = harness.failure(() -> client.query(query()));
    assertThat(t).isInstanceOf(GatewayException.Tls.class).hasMessageContaining("Secure peer");
    harness.await(client::close);
  }
}
