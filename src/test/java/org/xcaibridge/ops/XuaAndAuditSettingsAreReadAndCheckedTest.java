package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.ops.ConfigFiles.load;
import static org.xcaibridge.ops.ConfigFiles.problems;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.PkiFiles;
import org.xcaibridge.trust.PkiGenerator;
import org.xcaibridge.trust.PkiSettings;
import org.xcaibridge.trust.XuaRecipient;
import org.xcaibridge.trust.XuaSignerConfig;

/**
 * The {@code xua} and {@code audit} sections and a community's {@code xua} overrides: read from the file and the
 * environment, the signing key loaded (its own PEM pair, or the {@code tls:} client pair when none is named), and every
 * mistake refused at start-up by key path with what to do — a missing key file, an unknown confirmation method, an
 * audit transport other than tls or udp, xua or audit over TLS without {@code tls:}.
 */
class XuaAndAuditSettingsAreReadAndCheckedTest {
  @TempDir
  static Path pkiDir;
  private static PkiFiles pki;
  @TempDir
  Path dir;

  @BeforeAll
  static void generate() {
    pki = PkiGenerator.ensure(pkiDir.resolve("pki"), PkiSettings.demo(), Clock.systemUTC(), new SecureRandom());
  }

  /** A tls: section over the PKI's client pair (file names inside its directory). */
  private static String tls() {
    return "tls: {directory: " + pki.directory() + ", certificate: " + PkiFiles.CLIENT_CHAIN + ", privateKey: "
        + PkiFiles.CLIENT_KEY + ", trustedCertificates: " + PkiFiles.CA_CERT + "}\n";
  }

  private static final String COMMUNITY = """
      communities:
        - homeCommunityId: urn:oid:1.2.3.4.5
          name: Old Hospital
          iti38Url: https://old.example/xca/iti38
          iti39Url: https://old.example/xca/iti39
          rad75Url: https://old.example/xcai/rad75
          assigningAuthority: 1.2.3.4.5.6
      """;

  @Test
  void everythingConfiguredIsReadAndTheKeyLoaded() throws Exception {
    BridgeConfig c = load(dir, tls() + COMMUNITY + """
        xua:
          certificate: %s
          privateKey: %s
          issuer: bridge@hospital.example
          subjectConfirmation: sender-vouches
          subjectId: Imaging bridge
          organization: General Hospital
          organizationId: urn:oid:1.2.840.99.1
          role: '309343006'
          roleName: Physician
          npi: '1234567893'
          clockSkew: 30s
          validity: 2m
        audit: {host: audit.example, transport: udp, auditSourceId: bridge-1, enterpriseSiteId: GH}
        """.formatted(pki.file(PkiFiles.CLIENT_CHAIN), pki.file(PkiFiles.CLIENT_KEY)),
        Map.of("XCAI_COMMUNITIES_0_XUA_DIGEST", "sha1", "XCAI_COMMUNITIES_0_XUA_AUDIENCE", "urn:oid:1.2.3.4.5"));
    XuaConfig x = c.xua();
    assertThat(x.key().certificate()).isEqualTo(clientCertificate());
    assertThat(x.issuer()).isEqualTo(XuaSignerConfig.Issuer.email("bridge@hospital.example"));
    assertThat(x.confirmation()).isEqualTo(XuaSignerConfig.Confirmation.SENDER_VOUCHES);
    assertThat(x.service().subjectId()).isEqualTo("Imaging bridge");
    assertThat(x.service().organization()).isEqualTo("General Hospital");
    assertThat(x.service().organizationId()).isEqualTo("1.2.840.99.1");
    assertThat(x.service().role().code()).isEqualTo("309343006");
    assertThat(x.service().role().displayName()).contains("Physician");
    assertThat(x.service().purposeOfUse().code()).isEqualTo("TREATMENT");
    assertThat(x.service().npi()).contains("1234567893");
    assertThat(x.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(x.validity()).isEqualTo(Duration.ofMinutes(2));
    CommunityXua peer = c.communities().get(0).xua();
    assertThat(peer.suite()).isEqualTo(XuaRecipient.SignatureSuite.RSA_SHA1);
    assertThat(peer.audience()).isEqualTo("urn:oid:1.2.3.4.5");
    assertThat(peer.recipient(java.net.URI.create("https://old.example/xca/iti38")).audience())
        .isEqualTo("urn:oid:1.2.3.4.5");
    AuditConfig a = c.audit();
    assertThat(a.host()).isEqualTo("audit.example");
    assertThat(a.port()).as("RFC 5426's port for UDP").isEqualTo(514);
    assertThat(a.transport()).isEqualTo(SecureConfig.AuditTransport.UDP);
    assertThat(a.spool(Path.of("/w"))).isEqualTo(Path.of("/w/audit"));
    assertThat(a.auditSourceId()).isEqualTo("bridge-1");
    assertThat(a.enterpriseSiteId()).isEqualTo("GH");
  }

  @Test
  void withoutAKeyOfItsOwnXuaSignsWithTheTlsClientCertificate() throws Exception {
    BridgeConfig c = load(dir, tls() + COMMUNITY + "xua: {subjectConfirmation: holder-of-key}\naudit: {host: "
        + "127.0.0.1}\n");
    assertThat(c.xua().key().certificate()).isEqualTo(clientCertificate());
    assertThat(c.xua().issuer().value()).isEqualTo(clientCertificate().getSubjectX500Principal().getName());
    assertThat(c.xua().service().subjectId()).isEqualTo(XuaConfig.DEFAULT_SUBJECT_ID);
    assertThat(c.xua().service().organization()).isEqualTo(c.identity().organisationName());
    assertThat(c.xua().service().role().code()).isEqualTo(XuaConfig.DEFAULT_ROLE);
    assertThat(c.communities().get(0).xua()).isEqualTo(CommunityXua.DEFAULT);
    assertThat(c.audit().transport()).isEqualTo(SecureConfig.AuditTransport.TLS);
    assertThat(c.audit().port()).as("RFC 5425's port for TLS").isEqualTo(6514);
    assertThat(load(dir, tls() + COMMUNITY).xua()).as("no section, no assertions").isNull();
    assertThat(load(dir, tls() + COMMUNITY).audit()).isNull();
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path missing = dir.resolve("nowhere-key.pem");
    problems(dir, tls() + "xua: {certificate: " + pki.file(PkiFiles.CLIENT_CHAIN) + ", privateKey: " + missing + "}\n")
        .singleElement().satisfies(p -> assertThat(p).startsWith("xua.certificate: the signing key: ")
            .contains(missing.toString()));
    problems(dir, tls() + "xua: {certificate: " + pki.file(PkiFiles.CLIENT_CHAIN) + "}\n")
        .anyMatch(p -> p.startsWith("xua.privateKey: required with certificate"));
    problems(dir, tls() + "xua: {keyStore: " + pki.file(PkiFiles.CLIENT_STORE) + "}\n")
        .anyMatch(p -> p.startsWith("xua.keyStorePassword: required with keyStore")
            && p.contains("XCAI_XUA_KEY_STORE_PASSWORD"));
  }

  @Test
  void aPkcs12KeyStoreIsReadToo() throws Exception {
    BridgeConfig c = load(dir, tls() + "xua: {keyStore: " + pki.file(PkiFiles.CLIENT_STORE) + "}\n",
        Map.of("XCAI_XUA_KEY_STORE_PASSWORD", pki.passwords().get(PkiFiles.CLIENT_STORE)));
    assertThat(c.xua().key().certificate()).isEqualTo(clientCertificate());
    problems(dir, tls() + "xua: {keyStore: " + pki.file(PkiFiles.CLIENT_STORE) + ", keyStorePassword: wrong}\n")
        .singleElement().satisfies(p -> assertThat(p).startsWith("xua.keyStore: the signing key: wrong password"));
  }

  @Test
  void wrongValuesAreRefusedByKeyPath() {
    problems(dir, tls() + """
        xua: {subjectConfirmation: bearer, npi: '12', clockSkew: 11m}
        audit: {host: audit.example, transport: tcp}
        communities:
          - homeCommunityId: urn:oid:1.2.3.4.5
            iti38Url: https://old.example/xca/iti38
            iti39Url: https://old.example/xca/iti39
            rad75Url: https://old.example/xcai/rad75
            assigningAuthority: 1.2.3.4.5.6
            xua: {digest: md5, audience: not a uri, subjectIdFormat: x500, colour: red}
        """)
        .anyMatch(p -> p.equals("xua.subjectConfirmation: expected holder-of-key or sender-vouches, was 'bearer'"))
        .anyMatch(p -> p.startsWith("xua: the service subject: npi must be 10 digits"))
        .anyMatch(p -> p.startsWith("xua.clockSkew: must be between"))
        .anyMatch(p -> p.equals("audit.transport: expected tls (RFC 5425) or udp (RFC 5426), was 'tcp'"))
        .anyMatch(p -> p.startsWith("communities[0].xua.digest: expected sha256 or sha1"))
        .anyMatch(p -> p.startsWith("communities[0].xua.audience: an absolute URI"))
        .anyMatch(p -> p.startsWith("communities[0].xua.subjectIdFormat: expected uri or basic"))
        .anyMatch(p -> p.startsWith("communities[0].xua.colour: unknown key"));
    problems(dir, "audit: {port: 6514}\n").anyMatch(p -> p.startsWith("audit.host: required"));
  }

  @Test
  void xuaAndTlsAuditNeedTls() {
    problems(dir, "xua: {certificate: " + pki.file(PkiFiles.CLIENT_CHAIN) + ", privateKey: "
        + pki.file(PkiFiles.CLIENT_KEY) + "}\n")
        .anyMatch(p -> p.startsWith("xua: needs tls (tls.directory)"));
    problems(dir, "xua: {subjectId: someone}\n").singleElement()
        .satisfies(p -> assertThat(p).startsWith("xua: needs tls (tls.directory)"));
    problems(dir, "audit: {host: audit.example}\n").singleElement()
        .satisfies(p -> assertThat(p).startsWith("audit.transport: tls presents the tls: client certificate")
            .contains("transport: udp"));
    problems(dir, "audit: {host: audit.example, transport: udp}\nsecure: {auditHost: other.example}\n")
        .anyMatch(p -> p.startsWith("audit: secure.auditHost names an audit repository too"));
  }

  /** The commented examples of conf/application.yaml, uncommented, are a valid configuration. */
  @Test
  void theShippedExamplesLoad() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("conf/application.yaml"));
    StringBuilder yaml = new StringBuilder(tls());
    for (String section : List.of("# xua:", "# audit:")) {
      int i = lines.indexOf(section);
      assertThat(i).as(section).isPositive();
      for (; i < lines.size() && !lines.get(i).isBlank(); i++) {
        yaml.append(lines.get(i).substring(2)).append('\n');
      }
    }
    BridgeConfig c = load(dir, yaml.toString());
    assertThat(c.xua().confirmation()).isEqualTo(XuaSignerConfig.Confirmation.HOLDER_OF_KEY);
    assertThat(c.xua().service().subjectId()).isEqualTo(XuaConfig.DEFAULT_SUBJECT_ID);
    assertThat(c.audit().host()).isEqualTo("audit.hospital.example");
    StringBuilder community = new StringBuilder("communities:\n");
    for (int i = lines.indexOf("#  - homeCommunityId: urn:oid:1.2.3.4.5"); !lines.get(i).isBlank(); i++) {
      String line = lines.get(i).substring(1);
      // the community's xua example is commented twice; its other commented keys stay comments
      community.append(line.startsWith("    # xua:") || line.startsWith("    #   ") ? "    " + line.substring(6)
          : line).append('\n');
    }
    CommunityXua peer = load(dir, tls() + community).communities().get(0).xua();
    assertThat(peer.suite()).isEqualTo(XuaRecipient.SignatureSuite.RSA_SHA1);
    assertThat(peer.audience()).isEqualTo("urn:oid:1.2.3.4.5");
    assertThat(peer.subjectIdFormat()).isEqualTo(XuaRecipient.SubjectIdFormat.BASIC);
  }

  private static X509Certificate clientCertificate() throws Exception {
    try (InputStream in = Files.newInputStream(pki.file(PkiFiles.CLIENT_CHAIN))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
