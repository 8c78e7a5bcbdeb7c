package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.trust.XuaFixtures.AUDIENCE;
import static org.xcaibridge.trust.XuaFixtures.HCID;
import static org.xcaibridge.trust.XuaFixtures.RECIPIENT;
import static org.xcaibridge.trust.XuaFixtures.SUBJECT;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A request signed by {@link XuaSigner}, written by SoapWriter and read by SoapReader, passes
 * {@link XuaValidator}, and the responder sees exactly the values the initiator put in: under
 * holder-of-key and under sender-vouches.
 */
class XuaSignedRequestIsAcceptedTest {

  @Test
  void holderOfKeyRequestCarriesEveryAttribute() throws Exception {
    byte[] header = XuaFixtures.signer().securityHeaderXml(SUBJECT, RECIPIENT);
    XuaAssertion a = XuaFixtures.validator().validate(XuaFixtures.wire(header));

    assertThat(a.id()).isEqualTo("_00000000-005a-4d4c-0000-000000000001");
    assertThat(a.issueInstant()).isEqualTo(XuaTestPki.NOW);
    assertThat(a.issuer()).isEqualTo("gateway@test.example");
    assertThat(a.nameId().value()).isEqualTo(XuaTestPki.SIGNER.certificate().getSubjectX500Principal().getName());
    assertThat(a.nameId().format()).contains("urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
    assertThat(a.confirmationMethods()).containsExactly("urn:oasis:names:tc:SAML:2.0:cm:holder-of-key");
    assertThat(a.holderOfKey()).isTrue();
    assertThat(a.confirmationKey()).contains(XuaTestPki.SIGNER.certificate().getPublicKey());
    assertThat(a.notBefore()).isEqualTo(XuaTestPki.NOW.minus(Duration.ofMinutes(2)));
    assertThat(a.notOnOrAfter()).isEqualTo(XuaTestPki.NOW.plus(Duration.ofMinutes(5)));
    assertThat(a.audienceRestrictions()).containsExactly(List.of(AUDIENCE));
    assertThat(a.subjectId()).contains("Dr. Jane Viewer");
    assertThat(a.organization()).contains("XCA-I Bridge Test Hospital");
    assertThat(a.organizationId()).contains("urn:oid:1.2.840.99999.1");
    assertThat(a.homeCommunityId()).contains("urn:oid:" + HCID);
    assertThat(a.role()).contains(XuaFixtures.ROLE);
    assertThat(a.purposeOfUse()).contains(XuaCode.TREATMENT);
    assertThat(a.npi()).contains("1234567893");
    assertThat(a.resourceId()).contains("PID-42^^^&1.2.840.99999.2&ISO");
    assertThat(a.signer()).isEqualTo(XuaTestPki.SIGNER.certificate());
  }

  @Test
  void senderVouchesRequestIsAcceptedWithoutConfirmationKey() throws Exception {
    XuaSigner signer = XuaFixtures.signer(XuaFixtures.signerConfig()
        .withConfirmation(XuaSignerConfig.Confirmation.SENDER_VOUCHES));
    XuaAssertion a = XuaFixtures.validator().validate(XuaFixtures.wire(signer.securityHeaderXml(SUBJECT, RECIPIENT)));

    assertThat(a.confirmationMethods()).containsExactly("urn:oasis:names:tc:SAML:2.0:cm:sender-vouches");
    assertThat(a.holderOfKey()).isFalse();
    assertThat(a.confirmationKey()).isEmpty();
    assertThat(a.subjectId()).contains("Dr. Jane Viewer");
  }

  @Test
  void userNameIdAndBasicSubjectIdFormatPassThrough() throws Exception {
    XuaSubject user = SUBJECT.withNameId(XuaSubject.NameId.email("jane.viewer@hospital.test"));
    XuaRecipient basic = new XuaRecipient(AUDIENCE, XuaRecipient.SignatureSuite.RSA_SHA256,
        XuaRecipient.SubjectIdFormat.BASIC);
    byte[] header = XuaFixtures.signer().securityHeaderXml(user, basic);
    XuaAssertion a = XuaFixtures.validator().validate(XuaFixtures.wire(header));

    assertThat(a.nameId()).isEqualTo(new XuaAssertion.NameId("jane.viewer@hospital.test",
        Optional.of("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")));
    assertThat(XuaFixtures.text(header)).contains("Name=\"urn:oasis:names:tc:xspa:1.0:subject:subject-id\" "
        + "NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\"");
  }

  @Test
  void everyRequestGetsFreshIdsAndTheClocksTime() throws Exception {
    XuaSigner signer = XuaFixtures.signer();
    XuaAssertion first = XuaFixtures.validator().validate(XuaFixtures.wire(signer.securityHeaderXml(SUBJECT, RECIPIENT)));
    XuaAssertion second = XuaFixtures.validator().validate(XuaFixtures.wire(signer.securityHeaderXml(SUBJECT, RECIPIENT)));
    assertThat(second.id()).isNotEqualTo(first.id()).isEqualTo("_00000000-005a-4d4c-0000-000000000003");
    assertThat(second.issueInstant()).isEqualTo(first.issueInstant());
  }

  @Test
  void oneSignerServesSeveralThreads() throws Exception {
    XuaSigner signer = XuaFixtures.signer();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<byte[]>> headers = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        headers.add(pool.submit(() -> signer.securityHeaderXml(SUBJECT, RECIPIENT)));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (java.util.concurrent.Future<byte[]> h : headers) {
        ids.add(XuaFixtures.validator().validate(XuaFixtures.wire(h.get())).id());
      }
      assertThat(ids).hasSize(12);
    } finally {
      pool.shutdownNow();
    }
  }
}
