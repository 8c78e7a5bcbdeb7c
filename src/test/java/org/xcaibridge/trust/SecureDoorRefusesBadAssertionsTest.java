package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import javax.xml.namespace.QName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.GatewayException;
import org.xcaibridge.gateway.SecurityHeaderSource;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Cx;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.soap.SoapFault;

/**
 * The negative suite at the responder's door, over two-way TLS with the generated PKI: requests whose
 * {@code wsse:Security} block is missing, unsigned, expired or not yet valid (one second either side of the skew
 * window), meant for another audience, signed by an untrusted signer, tampered with after signing, or rearranged by
 * XML signature wrapping (XSW1–XSW8) are each answered with a SOAP 1.2 Sender fault carrying the WS-Security
 * subcode, and each leaves two audit records: a User Authentication failure naming the TLS client and the reason, and
 * the ITI-38 Query with a serious-failure outcome. A good request after each is answered.
 */
class SecureDoorRefusesBadAssertionsTest {
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
  void noSecurityHeader() throws Exception {
    assertRefused(SecurityHeaderSource.none(), "MISSING", "InvalidSecurity");
  }

  @Test
  void unsignedAssertion() throws Exception {
    assertRefused(edited(security -> {
      Element assertion = XuaFixtures.child(security, XuaFixtures.SAML2, "Assertion");
      assertion.removeChild(XuaFixtures.child(assertion, XuaFixtures.DS, "Signature"));
    }), "UNSIGNED", "FailedAuthentication");
  }

  @Test
  void expiredOneSecondPastTheSkewAndAcceptedOneSecondBefore() throws Exception {
    Instant edge = rig.now.minus(SecureDoorRig.LIFETIME).minus(SecureDoorRig.SKEW);
    assertRefused(signedAt(edge), "EXPIRED", "MessageExpired");
    assertRefused(signedAt(edge.minusSeconds(1)), "EXPIRED", "MessageExpired");
    assertAnswered(signedAt(edge.plusSeconds(1)));
  }

  @Test
  void notYetValidOneSecondBeyondTheSkewAndAcceptedAtIt() throws Exception {
    Instant edge = rig.now.plus(SecureDoorRig.SKEW);
    assertRefused(signedAt(edge.plusSeconds(1)), "NOT_YET_VALID", "InvalidSecurityToken");
    assertAnswered(signedAt(edge));
    assertAnswered(signedAt(edge.minusSeconds(1)));
  }

  @Test
  void wrongAudience() throws Exception {
    XuaSigner signer = SecureDoorRig.signer(Clock.fixed(rig.now, ZoneOffset.UTC));
    assertRefused(rig.crafted(endpoint -> signer.securityHeaderXml(XuaFixtures.SUBJECT,
        XuaRecipient.of("https://another-responder.example" + endpoint.getPath()))), "WRONG_AUDIENCE",
        "FailedAuthentication");
  }

  @Test
  void untrustedSigner() throws Exception {
    TestCerts.Issued otherCa = TestCerts.ca("Some Other CA", Duration.ofDays(30));
    TestCerts.Issued stranger = TestCerts.validLeaf("gateway.elsewhere.example", otherCa,
        KeyPurposeId.id_kp_clientAuth);
    XuaSigner signer = new XuaSigner(SecureDoorRig.signerConfig(new XuaSignerConfig.SigningKey(stranger.key(),
        stranger.chain())), Clock.fixed(rig.now, ZoneOffset.UTC), UUID::randomUUID);
    assertRefused(rig.signed(signer), "UNTRUSTED_SIGNER", "FailedAuthentication");
  }

  @Test
  void attributeTamperedAfterSigning() throws Exception {
    assertRefused(edited(security -> security.getElementsByTagNameNS(XuaFixtures.SAML2, "AttributeValue").item(0)
        .setTextContent("Mallory")), "BAD_SIGNATURE", "FailedCheck");
  }

  @ParameterizedTest
  @EnumSource(XswAttack.class)
  void signatureWrapping(XswAttack attack) throws Exception {
    XuaSigner signer = SecureDoorRig.signer(Clock.fixed(rig.now, ZoneOffset.UTC));
    assertRefused(rig.crafted(endpoint -> {
      try {
        return attack.apply(signer.securityHeaderXml(XuaFixtures.SUBJECT, XuaRecipient.of(endpoint.toString())));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }), "STRUCTURE", "InvalidSecurity");
  }

  /** Signed as the bridge signs, at another instant. */
  private static SecurityHeaderSource signedAt(Instant t) {
    return rig.signed(SecureDoorRig.signer(Clock.fixed(t, ZoneOffset.UTC)));
  }

  /** A good signed block for the endpoint, changed after signing. */
  private static SecurityHeaderSource edited(java.util.function.Consumer<Element> change) {
    XuaSigner signer = SecureDoorRig.signer(Clock.fixed(rig.now, ZoneOffset.UTC));
    Function<URI, byte[]> header = endpoint -> {
      try {
        return XuaFixtures.edit(signer.securityHeaderXml(XuaFixtures.SUBJECT, XuaRecipient.of(endpoint.toString())),
            change);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    return rig.crafted(header);
  }

  private static AdhocQueryRequest query() {
    return new AdhocQueryRequest(new StoredQuery.FindDocuments(new Cx(rig.study.patient().id(),
        SecureDoorRig.IDENTITY.assigningAuthorityOid()), DocumentEntryFilter.approvedImagingManifests()),
        ReturnType.LEAF_CLASS, SecureDoorRig.IDENTITY.homeCommunityId());
  }

  /**
   * The ITI-38 query with this header is refused with a Sender fault whose subcode is {@code wsse:<code>}, the
   * audit trail gets the authentication failure and the failed query, and a good request is answered next.
   */
  private static void assertRefused(SecurityHeaderSource header, String reason, String wsseCode) throws Exception {
    int before = rig.audits().size();
    CommunityClient client = rig.client(SecureDoorRig.clientTls().withSecurity(header));
    Throwable failure = rig.harness.failure(() -> client.query(query()));
    assertThat(failure).isInstanceOf(GatewayException.Fault.class);
    SoapFault fault = ((GatewayException.Fault) failure).fault();
    assertThat(fault.code()).isEqualTo(SoapFault.SENDER);
    assertThat(fault.subcodes()).containsExactly(new QName(SamlNames.WSSE, wsseCode));
    assertThat(fault.reasonText()).startsWith("WS-Security: ");

    SecureDoorRig.Audit login = rig.awaitAudit(before, "authentication failure", a -> "110114".equals(a.eventId()));
    assertThat(login.outcome()).isEqualTo("8");
    assertThat(login.eventType()).isEqualTo("110122");
    assertThat(login.description()).contains("ITI-38").contains(reason);
    assertThat(login.text("/AuditMessage/ActiveParticipant[@UserIsRequestor='true']/@UserID"))
        .contains("CN=XCA-I Bridge client");
    assertThat(login.text("/AuditMessage/ActiveParticipant[@UserIsRequestor='true']/@NetworkAccessPointID"))
        .isEqualTo("127.0.0.1");
    SecureDoorRig.Audit query = rig.awaitAudit(before, "the refused query", a -> "ITI-38".equals(a.eventType())
        && !"0".equals(a.outcome()));
    assertThat(query.outcome()).isEqualTo("8");
    assertThat(rig.audits().subList(before, rig.audits().size())).as("nothing recorded as a success")
        .noneMatch(a -> "0".equals(a.outcome()));
    assertThat(query.text("/AuditMessage/ParticipantObjectIdentification/@ParticipantObjectID"))
        .contains(rig.study.patient().id());
    assertAnswered(rig.signed(SecureDoorRig.signer(Clock.fixed(rig.now, ZoneOffset.UTC))));
  }

  /** The query is answered, and its success is audited (waited for, so the next case counts from after it). */
  private static void assertAnswered(SecurityHeaderSource header) throws Exception {
    int before = rig.audits().size();
    CommunityClient client = rig.client(SecureDoorRig.clientTls().withSecurity(header));
    AdhocQueryResponse r = rig.harness.await(() -> client.query(query()));
    assertThat(r.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(r.documentEntries()).hasSize(1);
    rig.awaitAudit(before, "the answered query", a -> "ITI-38".equals(a.eventType()) && "0".equals(a.outcome()));
  }
}
