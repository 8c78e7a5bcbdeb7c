package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token validation settings fail at start-up when they would be unsafe or meaningless, and a JWK Set
 * keeps only keys that can verify an allowed algorithm: no symmetric, encryption, short RSA or
 * other-curve keys.
 */
class JwtSettingsAndKeysAreValidatedTest {
  private static final JwtKeySource STATIC = new JwtKeySource.Static(
      JwtKeySet.fromPem("k", TestTokens.publicPem(TestTokens.rsa()), JwtAlgorithm.RS256));

  @Test
  void settingsAreBounded() {
    JwtClaimMapping m = TestTokens.mapping();
    assertThatThrownBy(() -> JwtSettings.of(" ", "aud", m, STATIC)).hasMessageContaining("issuer must be configured");
    assertThatThrownBy(() -> JwtSettings.of("iss", "", m, STATIC)).hasMessageContaining("audience must be configured");
    assertThatThrownBy(() -> JwtSettings.of("iss", "aud", m, STATIC).withAlgorithms(EnumSet.noneOf(JwtAlgorithm.class)))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> new JwtSettings("iss", "aud", EnumSet.allOf(JwtAlgorithm.class), Duration.ofMinutes(6),
        8192, m, STATIC)).hasMessageContaining("clockSkew must be 0 to PT5M");
    assertThatThrownBy(() -> new JwtSettings("iss", "aud", EnumSet.allOf(JwtAlgorithm.class), Duration.ZERO,
        100, m, STATIC)).hasMessageContaining("maxTokenChars must be 512 to 65536");
    assertThat(JwtAlgorithm.named("HS256")).isEmpty();
    assertThat(JwtAlgorithm.named("none")).isEmpty();
    assertThat(JwtAlgorithm.named("rs256")).isEmpty();
  }

  @Test
  void jwksUrlsMustBeHttpsExceptOnLoopback() {
    assertThat(JwtKeySource.Jwks.of(URI.create("https://idp.example.org/certs")).maxBytes()).isEqualTo(65536);
    assertThat(JwtKeySource.Jwks.of(URI.create("http://127.0.0.1:8081/certs")).uri().getPort()).isEqualTo(8081);
    assertThatThrownBy(() -> JwtKeySource.Jwks.of(URI.create("http://idp.example.org/certs")))
        .hasMessageContaining("must use https");
    assertThatThrownBy(() -> JwtKeySource.Jwks.of(URI.create("https://user:pw@idp.example.org/certs")))
        .hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(() -> JwtKeySource.Jwks.of(URI.create("/certs"))).hasMessageContaining("absolute");
    URI u = URI.create("https://idp.example.org/certs");
    assertThatThrownBy(() -> new JwtKeySource.Jwks(u, Duration.ofMinutes(10), Duration.ZERO, Duration.ofSeconds(5), 4096))
        .hasMessageContaining("minRefreshInterval must be 1 s");
    assertThatThrownBy(() -> new JwtKeySource.Jwks(u, Duration.ofSeconds(10), Duration.ofSeconds(1),
        Duration.ofSeconds(5), 4096)).hasMessageContaining("refreshInterval must be 1 min to 24 h");
    assertThatThrownBy(() -> new JwtKeySource.Jwks(u, Duration.ofMinutes(10), Duration.ofSeconds(1),
        Duration.ofSeconds(5), 10)).hasMessageContaining("maxBytes");
  }

  @Test
  void onlySignatureKeysOfAcceptedKindsAreKept() throws Exception {
    KeyPair rsa = TestTokens.rsa();
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    KeyPair weak = small.generateKeyPair();
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    JwtKeySet set = JwtKeySet.fromJwks(TestTokens.jwks(
        TestTokens.rsaJwk(rsa, "good"),
        TestTokens.rsaJwk(rsa, "enc").put("use", "enc"),
        TestTokens.rsaJwk(rsa, "oaep").put("alg", "RSA-OAEP"),
        new JsonObject().put("kty", "oct").put("kid", "hmac").put("k", "c2VjcmV0"),
        new JsonObject().put("kty", "EC").put("crv", "P-384").put("kid", "p384").put("x", "AA").put("y", "AA"),
        TestTokens.rsaJwk(weak, "weak"),
        TestTokens.rsaJwk(rsa, "ps-only").put("alg", "PS256")));
    assertThat(set.candidates(null, JwtAlgorithm.RS256)).extracting(JwtKeySet.JwtKey::kid)
        .containsExactly("good");
    assertThat(set.candidates(null, JwtAlgorithm.PS256)).extracting(JwtKeySet.JwtKey::kid)
        .containsExactly("good", "ps-only");
    assertThat(set.candidates("hmac", JwtAlgorithm.RS256)).isEmpty();
    assertThat(set.candidates(null, JwtAlgorithm.ES256)).isEmpty();
    assertThatThrownBy(() -> JwtKeySet.fromPem("weak", TlsPem.encode("PUBLIC KEY", weak.getPublic().getEncoded()),
        JwtAlgorithm.RS256)).hasMessageContaining("cannot verify RS256");
    assertThatThrownBy(() -> JwtKeySet.fromPem("k", TestTokens.publicPem(rsa), JwtAlgorithm.ES256))
        .hasMessageContaining("cannot verify ES256");
  }

  @Test
  void brokenKeySetsAreRefused() {
    assertThatThrownBy(() -> JwtKeySet.fromJwks("not json")).hasMessageContaining("not a JWK Set");
    assertThatThrownBy(() -> JwtKeySet.fromJwks("{\"keys\":{}}")).hasMessageContaining("no \"keys\" array");
    assertThatThrownBy(() -> JwtKeySet.fromJwks(TestTokens.jwks(new JsonObject().put("kty", "RSA").put("e", "AQAB"))))
        .hasMessageContaining("lacks \"n\"");
    assertThatThrownBy(() -> JwtKeySet.fromJwks(TestTokens.jwks(TestTokens.rsaJwk(TestTokens.rsa(), "k").put("n", "a+b"))))
        .hasMessageContaining("not unpadded base64url");
    assertThatThrownBy(() -> JwtKeySet.fromJwks(TestTokens.jwks(TestTokens.ecJwk(TestTokens.ec(), "k").put("x", "AAAA"))))
        .hasMessageContaining("must be 32 bytes");
    JsonObject[] many = new JsonObject[101];
    java.util.Arrays.fill(many, new JsonObject().put("kty", "oct"));
    assertThatThrownBy(() -> JwtKeySet.fromJwks(TestTokens.jwks(many))).hasMessageContaining("more than 100");
    assertThatThrownBy(() -> new JwtKeySource.Static(JwtKeySet.fromJwks("{\"keys\":[]}")))
        .hasMessageContaining("none is usable");
    assertThat(JwtKeySet.fromJwk(TestTokens.ecJwk(TestTokens.ec(), "one").encode()).candidates("one", JwtAlgorithm.ES256))
        .hasSize(1);
    assertThatThrownBy(() -> JwtKeySet.fromJwk("[]")).hasMessageContaining("not a JWK");
    assertThatThrownBy(() -> JwtKeySet.fromPem("k", "nothing here", JwtAlgorithm.RS256))
        .hasMessageContaining("no PUBLIC KEY or CERTIFICATE");
  }

  @Test
  void mappingRulesNeedAClaimOrAValue() {
    assertThatThrownBy(() -> new JwtClaimMapping.Rule(List.of(), null)).hasMessageContaining("needs a claim path");
    assertThatThrownBy(() -> JwtClaimMapping.Rule.claim("a", "")).hasMessageContaining("empty segment");
    JsonObject claims = new JsonObject().put("https://example.org/claims.role", "309343006")
        .put("nested", new JsonObject().put("x", "y"));
    assertThat(JwtClaimMapping.Rule.claim("https://example.org/claims.role").apply(claims)).isEqualTo("309343006");
    assertThat(JwtClaimMapping.Rule.claim("nested", "x").apply(claims)).isEqualTo("y");
    assertThat(JwtClaimMapping.Rule.claim("nested", "x", "z").orElse("d").apply(claims)).isEqualTo("d");
    assertThat(JwtClaimMapping.Rule.fixed("TREATMENT").apply(claims)).isEqualTo("TREATMENT");
  }
}
