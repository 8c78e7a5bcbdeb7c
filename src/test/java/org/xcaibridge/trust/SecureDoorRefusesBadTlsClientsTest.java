package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;

/**
 * TLS at the responder's door: a client certificate from a CA the responder does not trust, an expired one from
 * the trusted demo CA, none at all, and a TLS 1.1 ClientHello are each refused in the handshake — the request,
 * though carrying a good signed assertion, is never answered — and each refusal is audited as a Security Alert
 * (Node Authentication) with a serious-failure outcome. A good client is answered after each.
 */
class SecureDoorRefusesBadTlsClientsTest {
  @TempDir
  static Path temp;
  private static SecureDoorRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = new SecureDoorRig(temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void clientCertificateFromAnUntrustedCa() throws Exception {
    TestCerts.Issued otherCa = TestCerts.ca("Some Other CA", Duration.ofDays(30));
    TestCerts.Issued stranger = TestCerts.validLeaf("stranger", otherCa, KeyPurposeId.id_kp_clientAuth);
    assertRefusedInTheHandshake(withKey(stranger.writePem(temp, "stranger")));
  }

  @Test
  void expiredClientCertificateOfTheTrustedCa() throws Exception {
    Instant now = Instant.now();
    TestCerts.Issued expired = TestCerts.leaf("old client", TestPki.caCertificate(), TestPki.caKey(),
        now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), List.of("localhost"), List.of("127.0.0.1"),
        KeyPurposeId.id_kp_clientAuth);
    assertRefusedInTheHandshake(withKey(expired.writePem(temp, "expired")));
  }

  @Test
  void noClientCertificate() throws Exception {
    assertRefusedInTheHandshake(TlsSettings.of(null, new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT))));
  }

  @Test
  void tls11ClientHelloIsAnsweredWithAProtocolVersionAlert() throws Exception {
    int before = rig.audits().size();
    byte[] answer = new byte[7];
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), rig.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(TlsRefusesTls11Test.tls11ClientHello());
      out.flush();
      new DataInputStream(s.getInputStream()).readFully(answer);
    }
    assertThat(answer[0] & 0xff).as("alert record").isEqualTo(0x15);
    assertThat(answer[5] & 0xff).as("fatal").isEqualTo(2);
    assertThat(answer[6] & 0xff).as("protocol_version").isEqualTo(70);
    assertSecurityAlert(before);
    assertGoodClientAnswered();
  }

  private static TlsSettings withKey(TlsKeyStore key) {
    return TlsSettings.of(key, new TlsTrustStore.Pem(TestPki.shared().file(PkiFiles.CA_CERT)));
  }

  private static AdhocQueryRequest query() {
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(rig.study.patient().id(),
        SecureDoorRig.IDENTITY.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()),
        ReturnType.LEAF_CLASS, SecureDoorRig.IDENTITY.homeCommunityId());
  }

  /** A client with these TLS settings and a good signed assertion fails before any answer; it is audited. */
  private static void assertRefusedInTheHandshake(TlsSettings tls) throws Exception {
    int before = rig.audits().size();
    InitiatorSetup setup = new InitiatorSetup(Optional.of(TlsSetup.load(tls)),
        rig.signed(SecureDoorRig.signer(Clock.fixed(rig.now, ZoneOffset.UTC))), java.util.UUID::randomUUID,
        new java.security.SecureRandom());
    CommunityClient client = rig.client(setup);
    Throwable failure = rig.harness.failure(() -> client.query(query()));
    assertThat(failure).as("%s", failure).isInstanceOfAny(GatewayException.Tls.class,
        GatewayException.ConnectionLost.class);
    if (failure instanceof GatewayException.ConnectionLost lost) {
      assertThat(lost.responseStarted()).as("no answer began").isFalse();
    }
    assertSecurityAlert(before);
    assertThat(rig.audits().subList(before, rig.audits().size())).as("no transaction reached the responder")
        .noneMatch(a -> "ITI-38".equals(a.eventType()));
    assertGoodClientAnswered();
  }

  private static void assertSecurityAlert(int before) throws Exception {
    SecureDoorRig.Audit alert = rig.awaitAudit(before, "security alert", a -> "110113".equals(a.eventId()));
    assertThat(alert.eventType()).isEqualTo("110126");
    assertThat(alert.outcome()).isEqualTo("8");
    assertThat(alert.description()).startsWith("TLS handshake refused");
  }

  private static void assertGoodClientAnswered() throws Exception {
    CommunityClient good = rig.goodClient();
    assertThat(rig.harness.await(() -> good.query(query())).status()).isEqualTo(ResponseStatus.SUCCESS);
  }
}
