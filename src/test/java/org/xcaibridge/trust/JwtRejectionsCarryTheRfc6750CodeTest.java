package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.concurrent.ExecutionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xcaibridge.trust.FrontDoorAuthException.Reason;

/**
 * Every way a token can be wrong is refused with its own reason and the RFC 6750 error code the front
 * puts in WWW-Authenticate: expired, not yet valid, wrong issuer or audience, alg none, HS256 keyed
 * with the public key, an algorithm not allowed, a tampered payload, a foreign signature, malformed or
 * oversized tokens, a critical header, a missing exp or attribute, a malformed Authorization header.
 * After each refusal a good token still passes.
 */
class JwtRejectionsCarryTheRfc6750CodeTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static KeyPair rsa;
  private static KeyPair ec;
  private static JwtValidator validator;
  private static JwtSettings settings;

  @BeforeAll
  static void keys() {
    rsa = TestTokens.rsa();
    ec = TestTokens.ec();
    JwtKeySet keys = JwtKeySet.fromJwks(TestTokens.jwks(TestTokens.rsaJwk(rsa, "rsa-1"), TestTokens.ecJwk(ec, "ec-1")));
    settings = JwtSettings.of(TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.mapping(), new JwtKeySource.Static(keys));
    validator = JwtValidator.create(null, settings, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static String rs256(JsonObject claims) {
    return TestTokens.token(TestTokens.header("RS256", "rsa-1"), claims, TestTokens.bcRs256(rsa));
  }

  private static FrontDoorAuthException refused(JwtValidator v, String authorization) throws Exception {
    try {
      FrontDoorSubject s = TlsRig.await(v.authenticate(authorization));
      throw new AssertionError("accepted: " + s);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(FrontDoorAuthException.class);
      return (FrontDoorAuthException) e.getCause();
    }
  }

  /** Refused for this reason with this code; then a good token passes. */
  private static void assertRefused(String token, Reason reason, String code) throws Exception {
    assertRefused(validator, "Bearer " + token, reason, code);
  }

  private static void assertRefused(JwtValidator v, String authorization, Reason reason, String code) throws Exception {
    FrontDoorAuthException e = refused(v, authorization);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.errorCode()).isEqualTo(code);
    assertThat(TlsRig.await(v.authenticate("Bearer " + rs256(TestTokens.claims(NOW)))).subjectId())
        .isEqualTo("Dr. Alice Example");
  }

  @Test
  void expiredAndNotYetValidTokensAreRefusedOutsideTheSkew() throws Exception {
    assertRefused(rs256(TestTokens.claims(NOW).put("exp", NOW.getEpochSecond() - 60)), Reason.EXPIRED, "invalid_token");
    // 59 s past exp is inside the 60 s skew
    TlsRig.await(validator.validate(rs256(TestTokens.claims(NOW).put("exp", NOW.getEpochSecond() - 59))));
    assertRefused(rs256(TestTokens.claims(NOW).put("nbf", NOW.getEpochSecond() + 61)), Reason.NOT_YET_VALID,
        "invalid_token");
    TlsRig.await(validator.validate(rs256(TestTokens.claims(NOW).put("nbf", NOW.getEpochSecond() + 60))));
    assertRefused(rs256(TestTokens.claims(NOW).put("iat", NOW.getEpochSecond() + 3600)), Reason.NOT_YET_VALID,
        "invalid_token");
    JsonObject noExp = TestTokens.claims(NOW);
    noExp.remove("exp");
    assertRefused(rs256(noExp), Reason.MISSING_CLAIM, "invalid_token");
    assertRefused(rs256(TestTokens.claims(NOW).put("exp", "tomorrow")), Reason.MALFORMED_TOKEN, "invalid_token");
  }

  @Test
  void issuerAndAudienceMustMatch() throws Exception {
    assertRefused(rs256(TestTokens.claims(NOW).put("iss", "https://evil.example.org")), Reason.WRONG_ISSUER, "invalid_token");
    assertRefused(rs256(TestTokens.claims(NOW).put("iss", TestTokens.ISSUER + "/")), Reason.WRONG_ISSUER, "invalid_token");
    JsonObject noIss = TestTokens.claims(NOW);
    noIss.remove("iss");
    assertRefused(rs256(noIss), Reason.WRONG_ISSUER, "invalid_token");
    assertRefused(rs256(TestTokens.claims(NOW).put("aud", "another-service")), Reason.WRONG_AUDIENCE, "invalid_token");
    assertRefused(rs256(TestTokens.claims(NOW).put("aud", new io.vertx.core.json.JsonArray().add("a").add("b"))),
        Reason.WRONG_AUDIENCE, "invalid_token");
  }

  @Test
  void algNoneAndHmacWithThePublicKeyAreRefusedBeforeAnyKeyIsUsed() throws Exception {
    JsonObject claims = TestTokens.claims(NOW);
    String unsigned = TestTokens.B64.encode(new JsonObject().put("alg", "none").encode()) + "."
        + TestTokens.B64.encode(claims.encode()) + ".";
    assertRefused(unsigned, Reason.ALGORITHM_NOT_ALLOWED, "invalid_token");
    assertRefused(unsigned.replace(TestTokens.B64.encode(new JsonObject().put("alg", "none").encode()),
        TestTokens.B64.encode(new JsonObject().put("alg", "None").encode())), Reason.ALGORITHM_NOT_ALLOWED, "invalid_token");
    // the classic confusion: HS256 keyed with the RSA public key, as PEM text and as DER
    for (byte[] secret : new byte[][] {TestTokens.publicPem(rsa).getBytes(StandardCharsets.US_ASCII),
        rsa.getPublic().getEncoded()}) {
      String hs = TestTokens.token(TestTokens.header("HS256", "rsa-1"), claims, input -> {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(input);
      });
      assertRefused(hs, Reason.ALGORITHM_NOT_ALLOWED, "invalid_token");
    }
    JsonObject noAlg = new JsonObject().put("kid", "rsa-1");
    assertRefused(TestTokens.token(noAlg, claims, TestTokens.bcRs256(rsa)), Reason.ALGORITHM_NOT_ALLOWED, "invalid_token");
  }

  @Test
  void onlyConfiguredAlgorithmsAndFittingKeysAreUsed() throws Exception {
    JwtValidator esOnly = JwtValidator.create(null, settings.withAlgorithms(EnumSet.of(JwtAlgorithm.ES256)),
        Clock.fixed(NOW, ZoneOffset.UTC));
    FrontDoorAuthException e = refused(esOnly, "Bearer " + rs256(TestTokens.claims(NOW)));
    assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ALLOWED);
    TlsRig.await(esOnly.validate(TestTokens.token(TestTokens.header("ES256", "ec-1"), TestTokens.claims(NOW),
        TestTokens.bcEs256(ec))));
    // ES256 claimed with the kid of an RSA key: no key fits, the RSA key is never tried as EC
    assertRefused(TestTokens.token(TestTokens.header("ES256", "rsa-1"), TestTokens.claims(NOW), TestTokens.bcEs256(ec)),
        Reason.UNKNOWN_KEY, "invalid_token");
    assertRefused(TestTokens.token(TestTokens.header("RS256", "nobody"), TestTokens.claims(NOW), TestTokens.bcRs256(rsa)),
        Reason.UNKNOWN_KEY, "invalid_token");
  }

  @Test
  void tamperedOrForeignSignaturesAreRefused() throws Exception {
    String good = rs256(TestTokens.claims(NOW));
    String[] parts = good.split("\\.");
    String tampered = parts[0] + "." + TestTokens.B64.encode(TestTokens.claims(NOW).put("role", "admin").encode())
        + "." + parts[2];
    assertRefused(tampered, Reason.BAD_SIGNATURE, "invalid_token");
    String foreign = TestTokens.token(TestTokens.header("RS256", "rsa-1"), TestTokens.claims(NOW),
        TestTokens.bcRs256(TestTokens.rsa()));
    assertRefused(foreign, Reason.BAD_SIGNATURE, "invalid_token");
    // an ES256 signature in DER instead of R ‖ S does not verify
    String der = TestTokens.token(TestTokens.header("ES256", "ec-1"), TestTokens.claims(NOW), input -> {
      java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
      s.initSign(ec.getPrivate());
      s.update(input);
      return s.sign();
    });
    assertRefused(der, Reason.BAD_SIGNATURE, "invalid_token");
    assertRefused(parts[0] + "." + parts[1] + ".", Reason.BAD_SIGNATURE, "invalid_token");
  }

  @Test
  void malformedOversizedAndCriticalTokensAreRefused() throws Exception {
    String good = rs256(TestTokens.claims(NOW));
    String[] parts = good.split("\\.");
    assertRefused(parts[0] + "." + parts[1], Reason.MALFORMED_TOKEN, "invalid_token");
    assertRefused(good + ".x.y", Reason.MALFORMED_TOKEN, "invalid_token");
    // padding is a valid b64token for RFC 6750 but not base64url for RFC 7515
    assertRefused(good + "=", Reason.MALFORMED_TOKEN, "invalid_token");
    assertRefused(TestTokens.B64.encode("not json") + "." + parts[1] + "." + parts[2], Reason.MALFORMED_TOKEN,
        "invalid_token");
    assertRefused(TestTokens.B64.encode("[1]") + "." + parts[1] + "." + parts[2], Reason.MALFORMED_TOKEN,
        "invalid_token");
    assertRefused(rs256(TestTokens.claims(NOW).put("pad", "x".repeat(9000))), Reason.TOKEN_TOO_LONG, "invalid_token");
    JsonObject crit = TestTokens.header("RS256", "rsa-1").put("crit", new io.vertx.core.json.JsonArray().add("exp"))
        .put("exp", 1);
    assertRefused(TestTokens.token(crit, TestTokens.claims(NOW), TestTokens.bcRs256(rsa)), Reason.UNSUPPORTED_HEADER,
        "invalid_token");
  }

  @Test
  void aMissingAttributeIsInsufficientScope() throws Exception {
    JsonObject noRole = TestTokens.claims(NOW);
    noRole.remove("role");
    assertRefused(rs256(noRole), Reason.MISSING_ATTRIBUTE, "insufficient_scope");
    assertRefused(rs256(TestTokens.claims(NOW).put("name", 42)), Reason.MISSING_ATTRIBUTE, "insufficient_scope");
    FrontDoorAuthException e = refused(validator, "Bearer " + rs256(noRole));
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.getMessage()).contains("role");
  }

  @Test
  void theAuthorizationHeaderIsParsedStrictly() throws Exception {
    assertRefused(validator, null, Reason.NO_TOKEN, null);
    assertRefused(validator, "  ", Reason.NO_TOKEN, null);
    assertRefused(validator, "Basic dXNlcjpwdw==", Reason.NO_TOKEN, null);
    assertRefused(validator, "Bearer", Reason.MALFORMED_REQUEST, "invalid_request");
    assertRefused(validator, "Bearer a b", Reason.MALFORMED_REQUEST, "invalid_request");
    assertRefused(validator, "Bearer a\"b", Reason.MALFORMED_REQUEST, "invalid_request");
    assertThat(TlsRig.await(validator.authenticate("bearer  " + rs256(TestTokens.claims(NOW)))).role())
        .isEqualTo("112247003");
  }

  @Test
  void challengesFollowRfc6750() throws Exception {
    assertThat(refused(validator, null).wwwAuthenticate("xcai-bridge")).isEqualTo("Bearer realm=\"xcai-bridge\"");
    FrontDoorAuthException expired = refused(validator,
        "Bearer " + rs256(TestTokens.claims(NOW).put("exp", NOW.getEpochSecond() - 3600)));
    assertThat(expired.httpStatus()).isEqualTo(401);
    assertThat(expired.wwwAuthenticate("xcai-bridge")).isEqualTo(
        "Bearer realm=\"xcai-bridge\", error=\"invalid_token\", error_description=\"The token expired\"");
    assertThat(refused(validator, "Bearer a b").httpStatus()).isEqualTo(400);
    assertThatThrownBy(() -> expired.wwwAuthenticate("bad\"realm")).isInstanceOf(IllegalArgumentException.class);
    // what the token said stays out of the challenge
    FrontDoorAuthException issuer = refused(validator,
        "Bearer " + rs256(TestTokens.claims(NOW).put("iss", "https://evil\n\"injected")));
    assertThat(issuer.wwwAuthenticate("r")).doesNotContain("evil");
    assertThat(issuer.getMessage()).doesNotContain("\n");
  }
}
