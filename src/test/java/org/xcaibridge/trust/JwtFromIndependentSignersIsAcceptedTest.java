package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens signed by BouncyCastle's signers and by {@code openssl dgst} — not by the JDK code the
 * validator verifies with — are accepted for RS256, PS256 and ES256, with keys given as a JWK Set or
 * as PEM, and their claims become the subject attributes the mapping names.
 */
class JwtFromIndependentSignersIsAcceptedTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static KeyPair rsa;
  private static KeyPair ec;
  private static JwtValidator validator;
  @TempDir Path dir;

  @BeforeAll
  static void keys() {
    rsa = TestTokens.rsa();
    ec = TestTokens.ec();
    JwtKeySet keys = JwtKeySet.fromJwks(TestTokens.jwks(TestTokens.rsaJwk(rsa, "rsa-1"), TestTokens.ecJwk(ec, "ec-1")));
    validator = JwtValidator.create(null, JwtSettings.of(TestTokens.ISSUER, TestTokens.AUDIENCE,
        TestTokens.mapping(), new JwtKeySource.Static(keys)), CLOCK);
  }

  private static FrontDoorSubject accept(JwtValidator v, String token) throws Exception {
    return TlsRig.await(v.authenticate("Bearer " + token));
  }

  @Test
  void bouncyCastleSignaturesOfAllThreeAlgorithmsVerify() throws Exception {
    JsonObject claims = TestTokens.claims(NOW);
    FrontDoorSubject s = accept(validator, TestTokens.token(TestTokens.header("RS256", "rsa-1"), claims,
        TestTokens.bcRs256(rsa)));
    assertThat(s).isEqualTo(new FrontDoorSubject("Dr. Alice Example", "General Hospital", "112247003",
        "TREATMENT", TestTokens.ISSUER, "f1a2b3", NOW.plusSeconds(300)));
    accept(validator, TestTokens.token(TestTokens.header("PS256", "rsa-1"), claims, TestTokens.bcPs256(rsa)));
    accept(validator, TestTokens.token(TestTokens.header("ES256", "ec-1"), claims, TestTokens.bcEs256(ec)));
  }

  @Test
  void opensslSignaturesOfAllThreeAlgorithmsVerify() throws Exception {
    TrustTools.requireOpenssl();
    JsonObject claims = TestTokens.claims(NOW).put("purpose", "PUBLICHEALTH");
    for (String alg : new String[] {"RS256", "PS256"}) {
      FrontDoorSubject s = accept(validator, TestTokens.token(TestTokens.header(alg, "rsa-1"), claims,
          TestTokens.openssl(rsa, alg, dir)));
      assertThat(s.purposeOfUse()).isEqualTo("PUBLICHEALTH");
    }
    accept(validator, TestTokens.token(TestTokens.header("ES256", "ec-1"), claims, TestTokens.openssl(ec, "ES256", dir)));
  }

  @Test
  void pemKeysWithoutKidAndAFallbackOrganizationWork() throws Exception {
    JwtKeySet pem = JwtKeySet.fromPem(null, TestTokens.publicPem(ec), JwtAlgorithm.ES256)
        .plus(JwtKeySet.fromPem("rsa-pem", TestTokens.publicPem(rsa), JwtAlgorithm.RS256));
    JwtValidator v = JwtValidator.create(null, JwtSettings.of(TestTokens.ISSUER, TestTokens.AUDIENCE,
        TestTokens.mapping(), new JwtKeySource.Static(pem)), CLOCK);
    JsonObject claims = TestTokens.claims(NOW).put("aud", TestTokens.AUDIENCE);
    claims.remove("org");
    FrontDoorSubject s = accept(v, TestTokens.token(TestTokens.header("ES256", null), claims, TestTokens.bcEs256(ec)));
    assertThat(s.organization()).isEqualTo("Bridge Org");
    accept(v, TestTokens.token(TestTokens.header("RS256", "rsa-pem"), claims, TestTokens.bcRs256(rsa)));
  }

  @Test
  void aKeyFromACertificateWorks() throws Exception {
    String pem = java.nio.file.Files.readString(TestPki.shared().file(PkiFiles.CLIENT_CHAIN));
    KeyPair client = new KeyPair(TlsSetup.load(TestPki.shared().clientTls()).certificateChain().get(0).getPublicKey(),
        TlsSetup.load(TestPki.shared().clientTls()).privateKey());
    JwtValidator v = JwtValidator.create(null, JwtSettings.of(TestTokens.ISSUER, TestTokens.AUDIENCE,
        TestTokens.mapping(), new JwtKeySource.Static(JwtKeySet.fromPem("cert", pem, JwtAlgorithm.RS256))), CLOCK);
    assertThat(accept(v, TestTokens.token(TestTokens.header("RS256", "cert"), TestTokens.claims(NOW),
        TestTokens.bcRs256(client))).subjectId()).isEqualTo("Dr. Alice Example");
  }
}
