package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Configuration and per-request values are checked when built, each failure naming the setting; a valid
 * value right after each shows the check is not simply always on.
 */
class XuaConfigIsValidatedTest {
  private static final XuaSignerConfig.Issuer ISSUER = XuaSignerConfig.Issuer.email("gw@test.example");

  @Test
  void homeCommunityIdMustBeAnOid() {
    XuaSignerConfig.SigningKey key = XuaTestPki.signingKey(XuaTestPki.SIGNER, XuaTestPki.CA);
    assertThatThrownBy(() -> XuaSignerConfig.of(ISSUER, "urn:oid:not-an-oid", key))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("homeCommunityId");
    assertThat(XuaSignerConfig.of(ISSUER, "urn:oid:1.2.3", key).homeCommunityId()).isEqualTo("1.2.3");
  }

  @Test
  void skewAndLifetimesAreBounded() {
    XuaSignerConfig config = XuaFixtures.signerConfig();
    assertThatThrownBy(() -> config.withClockSkew(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
    assertThatThrownBy(() -> config.withClockSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
    assertThatThrownBy(() -> config.withLifetimes(Duration.ZERO, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("assertionLifetime");
    assertThatThrownBy(() -> config.withLifetimes(Duration.ofMinutes(5), Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timestampLifetime");
    assertThat(config.withClockSkew(Duration.ofMinutes(10)).clockSkew()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void signingKeyMustBeRsaOfAtLeast2048BitsFromAPrivateKeyEntry() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", XuaTestPki.CA.certificate());
    assertThatThrownBy(() -> XuaSignerConfig.SigningKey.fromKeyStore(store, "ca", XuaTestPki.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a private key entry");
    assertThatThrownBy(() -> XuaSignerConfig.SigningKey.fromKeyStore(store, "missing", XuaTestPki.PASSWORD))
        .isInstanceOf(IllegalArgumentException.class);

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(256);
    assertThatThrownBy(() -> new XuaSignerConfig.SigningKey(ec.generateKeyPair().getPrivate(),
        java.util.List.of(XuaTestPki.SIGNER.certificate())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA");
    assertThat(XuaTestPki.signingKey(XuaTestPki.SIGNER, XuaTestPki.CA).certificate())
        .isEqualTo(XuaTestPki.SIGNER.certificate());
  }

  @Test
  void subjectValuesAreChecked() {
    assertThatThrownBy(() -> XuaFixtures.SUBJECT.withNpi("12345"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("npi");
    assertThatThrownBy(() -> XuaSubject.of(" ", "Org", "1.2.3", XuaFixtures.ROLE, XuaCode.TREATMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subjectId");
    assertThatThrownBy(() -> XuaSubject.of("Jane\u0000", "Org", "1.2.3", XuaFixtures.ROLE, XuaCode.TREATMENT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
    assertThatThrownBy(() -> new XuaCode("x", "SNOMED", java.util.Optional.empty(), java.util.Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codeSystem");
    assertThat(XuaFixtures.SUBJECT.withNpi("1234567893").npi()).contains("1234567893");
  }

  @Test
  void recipientAndValidatorNeedAbsoluteAudiencesAndAnchors() {
    assertThatThrownBy(() -> XuaRecipient.of("/relative/path"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    assertThatThrownBy(() -> XuaValidatorConfig.of(Set.of(), Set.of(XuaFixtures.AUDIENCE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust anchor");
    assertThatThrownBy(() -> XuaValidatorConfig.of(Set.of(XuaTestPki.CA.certificate()), Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    assertThatThrownBy(() -> XuaFixtures.validatorConfig().withClockSkew(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
    assertThat(XuaFixtures.validatorConfig().audiences()).containsExactly(XuaFixtures.AUDIENCE);
  }
}
