package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.DS;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SAML2;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;
import static org.xcaibridge.trust.XuaFixtures.WSU;
import static org.xcaibridge.trust.XuaFixtures.assertRejected;
import static org.xcaibridge.trust.XuaFixtures.child;
import static org.xcaibridge.trust.XuaFixtures.edit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.xcaibridge.soap.SecurityHeader;
import org.xcaibridge.soap.SoapWriter;
import org.xcaibridge.trust.XuaRejectedException.Reason;

/**
 * The negative suite: each broken request, sent through SoapWriter and read by SoapReader, is refused
 * with its reason, the fault written for it reads back as Sender + the WS-Security subcode (WS-Security
 * 1.1 §12, as IHE XUA ITI TF-2b §3.40.4.1.3 requires), and a good request passes right after.
 */
class XuaRejectionsCarryWsSecurityFaultsTest {

  private static byte[] good() {
    return XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT);
  }

  @Test
  void unsignedAssertion() throws Exception {
    byte[] unsigned = edit(good(), s -> {
      Element a = child(s, SAML2, "Assertion");
      a.removeChild(child(a, DS, "Signature"));
    });
    assertRejected(unsigned, Reason.UNSIGNED, "FailedAuthentication");
  }

  @Test
  void expiredAssertion() throws Exception {
    assertRejected(XuaFixtures.validatorConfig(), XuaTestPki.NOW.plus(Duration.ofHours(1)), good(),
        Reason.EXPIRED, "MessageExpired");
  }

  @Test
  void notYetValidAssertion() throws Exception {
    assertRejected(XuaFixtures.validatorConfig(), XuaTestPki.NOW.minus(Duration.ofHours(1)), good(),
        Reason.NOT_YET_VALID, "InvalidSecurityToken");
  }

  @Test
  void wrongAudience() throws Exception {
    byte[] elsewhere = XuaFixtures.signer().securityHeaderXml(SUBJECT,
        XuaRecipient.of("https://another-responder.test.example/xcai/rad75"));
    assertRejected(elsewhere, Reason.WRONG_AUDIENCE, "FailedAuthentication");
  }

  @Test
  void untrustedSigner() throws Exception {
    XuaSignerConfig foreign = XuaSignerConfig.of(XuaSignerConfig.Issuer.email("gw@elsewhere.example"),
        XuaFixtures.HCID, XuaTestPki.signingKey(XuaTestPki.UNTRUSTED_SIGNER, XuaTestPki.OTHER_CA));
    assertRejected(XuaFixtures.signer(foreign).securityHeaderXml(SUBJECT, RECIPIENT), Reason.UNTRUSTED_SIGNER,
        "FailedAuthentication");
  }

  @Test
  void signerCertificateOfOurCaButExpired() throws Exception {
    XuaSignerConfig expired = XuaSignerConfig.of(XuaSignerConfig.Issuer.email("gw@test.example"),
        XuaFixtures.HCID, XuaTestPki.signingKey(XuaTestPki.EXPIRED_SIGNER, XuaTestPki.CA));
    XuaRejectedException e = assertRejected(XuaFixtures.signer(expired).securityHeaderXml(SUBJECT, RECIPIENT),
        Reason.UNTRUSTED_SIGNER, "FailedAuthentication");
    assertThat(e.getMessage()).contains("expired");
  }

  @Test
  void tamperedAttribute() throws Exception {
    byte[] tampered = edit(good(), s -> {
      Element value = (Element) child(s, SAML2, "Assertion").getElementsByTagNameNS(SAML2, "AttributeValue").item(0);
      assertThat(value.getTextContent()).isEqualTo("Dr. Jane Viewer");
      value.setTextContent("Mallory");
    });
    assertRejected(tampered, Reason.BAD_SIGNATURE, "FailedCheck");
  }

  @Test
  void tamperedRoleCode() throws Exception {
    byte[] tampered = edit(good(), s -> ((Element) s.getElementsByTagNameNS("urn:hl7-org:v3", "Role").item(0))
        .setAttribute("code", "309343006"));
    assertRejected(tampered, Reason.BAD_SIGNATURE, "FailedCheck");
  }

  @Test
  void tamperedTimestamp() throws Exception {
    byte[] tampered = edit(good(), s -> child(child(s, WSU, "Timestamp"), WSU, "Expires")
        .setTextContent("2025-06-03T10:05:00Z"));
    assertRejected(tampered, Reason.BAD_SIGNATURE, "FailedCheck");
  }

  @Test
  void timestampSignedByAnotherKeyThanTheHolderOfKey() throws Exception {
    // The same SecurityTokenReference to the assertion, but the signature made with another key.
    Element str = (Element) XuaFixtures.parse(good()).getDocumentElement()
        .getElementsByTagNameNS(XuaFixtures.WSSE, "SecurityTokenReference").item(0);
    byte[] resigned = edit(good(), s -> {
      Element original = child(s, DS, "Signature");
      assertThat(original.getElementsByTagNameNS(XuaFixtures.WSSE, "KeyIdentifier").item(0).getTextContent())
          .isEqualTo(str.getTextContent());
      s.removeChild(original);
      Element ts = child(s, WSU, "Timestamp");
      SamlSignatures.sign(ts, WSU, "Id", ts.getAttributeNS(WSU, "Id"), false, s, null,
          XuaTestPki.UNTRUSTED_SIGNER.key(), XuaRecipient.SignatureSuite.RSA_SHA256, List.of(),
          (Element) s.getOwnerDocument().importNode(str, true));
    });
    assertRejected(resigned, Reason.BAD_SIGNATURE, "FailedCheck");
  }

  @Test
  void unsignedTimestamp() throws Exception {
    byte[] unsigned = edit(good(), s -> s.removeChild(child(s, DS, "Signature")));
    assertRejected(unsigned, Reason.MISSING, "InvalidSecurity");
  }

  @Test
  void noTimestampAtAll() throws Exception {
    byte[] none = edit(good(), s -> {
      s.removeChild(child(s, DS, "Signature"));
      s.removeChild(child(s, WSU, "Timestamp"));
    });
    assertRejected(none, Reason.MISSING, "InvalidSecurity");
    // Tolerated where configured: the assertion alone then suffices.
    new XuaValidator(XuaFixtures.validatorConfig().withRequireTimestamp(false), XuaFixtures.at(XuaTestPki.NOW))
        .validate(XuaFixtures.wire(none));
  }

  @Test
  void noSecurityHeader() throws Exception {
    byte[] envelope = new SoapWriter(XuaFixtures.ids())
        .request(XuaFixtures.ITI38, XuaFixtures.AUDIENCE, SecurityHeader.none(), XuaFixtures.BODY).envelope();
    XuaValidator validator = XuaFixtures.validator();
    XuaRejectedException e = org.assertj.core.api.Assertions.catchThrowableOfType(XuaRejectedException.class,
        () -> validator.validate(XuaFixtures.received(envelope)));
    assertThat(e.reason()).isEqualTo(Reason.MISSING);
    assertThat(e.toSoapFault().subcodes()).containsExactly(Reason.MISSING.subcode());
    XuaFixtures.assertAccepted(validator, XuaTestPki.NOW);
  }

  @Test
  void securityHeaderWithoutAssertion() throws Exception {
    byte[] none = edit(good(), s -> s.removeChild(child(s, SAML2, "Assertion")));
    assertRejected(none, Reason.MISSING, "InvalidSecurity");
  }

  @Test
  void requiredAttributeMissing() throws Exception {
    Set<String> required = new HashSet<>(XuaValidatorConfig.CAREQUALITY_ATTRIBUTES);
    required.add("urn:oasis:names:tc:xspa:2.0:subject:npi");
    XuaSubject withoutNpi = XuaSubject.of(SUBJECT.subjectId(), SUBJECT.organization(), SUBJECT.organizationId(),
        SUBJECT.role(), SUBJECT.purposeOfUse());
    XuaRejectedException e = assertRejected(XuaFixtures.validatorConfig().withRequiredAttributes(required),
        XuaTestPki.NOW, XuaFixtures.signer().securityHeaderXml(withoutNpi, RECIPIENT), Reason.INVALID_TOKEN,
        "InvalidSecurityToken");
    assertThat(e.getMessage()).contains("subject:npi");
  }

  @Test
  void digestAlgorithmOutsideThePolicy() throws Exception {
    byte[] md5 = edit(good(), s -> ((Element) child(child(s, SAML2, "Assertion"), DS, "Signature")
        .getElementsByTagNameNS(DS, "DigestMethod").item(0))
        .setAttribute("Algorithm", "http://www.w3.org/2001/04/xmldsig-more#md5"));
    assertRejected(md5, Reason.UNSUPPORTED_ALGORITHM, "UnsupportedAlgorithm");
  }

  @Test
  void faultCarriesNoAssertionContent() throws Exception {
    Instant late = XuaTestPki.NOW.plus(Duration.ofDays(1));
    XuaRejectedException e = assertRejected(XuaFixtures.validatorConfig(), late, good(), Reason.EXPIRED,
        "MessageExpired");
    assertThat(e.getMessage()).contains("2025-06-02T10:05:00Z"); // for the log and audit
    assertThat(e.toSoapFault().reasonText()).doesNotContain("2025").doesNotContain("Jane");
  }
}
