package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.trust.JwtAlgorithm;
import org.xcaibridge.trust.JwtClaimMapping;
import org.xcaibridge.trust.JwtKeySource;

/**
 * {@code frontDoor}: absent means no token validation; present, it needs an issuer, an audience, exactly one key
 * source and a role, reads key files (a PEM key named by its kid, a JWK Set), and maps claims as written (a nested
 * claim as a comma list, as environment variables carry it). Every mistake names its key.
 */
class FrontDoorSettingsAreReadAndCheckedTest {
  @TempDir
  Path dir;

  @Test
  void absentMeansNoTokenValidation() throws Exception {
    assertThat(ConfigFiles.load(dir, "front:\n  port: 0\n").frontDoor()).isNull();
  }

  @Test
  void aPemKeyAndAClaimMappingAreRead() throws Exception {
    Path pem = new BearerTokens().writePublicKey(dir.resolve("keys"));
    FrontDoorConfig c = ConfigFiles.load(dir, String.join("\n",
        "identity:",
        "  organisationName: Radiology Network",
        "frontDoor:",
        "  issuer: https://idp.example.org/realms/imaging",
        "  audience: xcai-bridge",
        "  publicKeys: [" + pem + "]",
        "  algorithms: [RS256]",
        "  clockSkew: 30s",
        "  roleClaim: [realm_access, role]",
        "  role: '309343006'",
        "")).frontDoor();
    assertThat(c.realm()).isEqualTo("xcai-bridge");
    assertThat(c.jwt().issuer()).isEqualTo("https://idp.example.org/realms/imaging");
    assertThat(c.jwt().algorithms()).containsExactly(JwtAlgorithm.RS256);
    assertThat(c.jwt().clockSkew()).hasSeconds(30);
    assertThat(c.jwt().keys()).isInstanceOf(JwtKeySource.Static.class);
    assertThat(((JwtKeySource.Static) c.jwt().keys()).keys().size()).isEqualTo(1);
    JwtClaimMapping m = c.jwt().mapping();
    assertThat(m.subjectId()).isEqualTo(JwtClaimMapping.Rule.claim("name"));
    assertThat(m.role()).isEqualTo(JwtClaimMapping.Rule.claim("realm_access", "role").orElse("309343006"));
    assertThat(m.organization()).isEqualTo(JwtClaimMapping.Rule.fixed("Radiology Network"));
    assertThat(m.purposeOfUse()).isEqualTo(JwtClaimMapping.Rule.fixed("TREATMENT"));
  }

  @Test
  void theEnvironmentCanTurnItOnWithAJwksUrl() throws Exception {
    FrontDoorConfig c = ConfigFiles.load(dir, "front:\n  port: 0\n", Map.of(
        "XCAI_FRONT_DOOR_ISSUER", "https://idp.example.org", "XCAI_FRONT_DOOR_AUDIENCE", "bridge",
        "XCAI_FRONT_DOOR_JWKS_URL", "https://idp.example.org/certs", "XCAI_FRONT_DOOR_ROLE", "309343006",
        "XCAI_FRONT_DOOR_ORGANIZATION_CLAIM", "org,name")).frontDoor();
    assertThat(((JwtKeySource.Jwks) c.jwt().keys()).uri()).hasToString("https://idp.example.org/certs");
    assertThat(c.jwt().mapping().organization().claimPath()).containsExactly("org", "name");
  }

  @Test
  void mistakesNameTheirKeys() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("notakey.pem"), "hello");
    ConfigFiles.problems(dir, String.join("\n",
        "frontDoor:",
        "  jwksUrl: http://idp.example.org/certs",
        "  keyAlgorithm: HS256",
        "  realm: 'a\"b'",
        "")).anyMatch(p -> p.startsWith("frontDoor.issuer: required"))
        .anyMatch(p -> p.startsWith("frontDoor.audience: required"))
        .anyMatch(p -> p.startsWith("frontDoor.jwksUrl: JWKS URL must use https"))
        .anyMatch(p -> p.startsWith("frontDoor.keyAlgorithm: 'HS256' is not an accepted algorithm"))
        .anyMatch(p -> p.startsWith("frontDoor.realm:"))
        .anyMatch(p -> p.contains("roleClaim or role"));
    ConfigFiles.problems(dir, String.join("\n",
        "frontDoor:",
        "  issuer: https://idp.example.org",
        "  audience: bridge",
        "  role: '309343006'",
        "  jwksUrl: https://idp.example.org/certs",
        "  publicKeys: [" + notAKey + "]",
        "")).containsExactly("frontDoor: either jwksUrl (the issuer's JWK Set) or publicKeys (key files), exactly one");
    ConfigFiles.problems(dir, String.join("\n",
        "frontDoor:",
        "  issuer: https://idp.example.org",
        "  audience: bridge",
        "  role: '309343006'",
        "  publicKeys: [" + notAKey + ", " + dir.resolve("missing.pem") + "]",
        "")).anyMatch(p -> p.startsWith("frontDoor.publicKeys: " + notAKey + ": PEM holds no PUBLIC KEY"))
        .anyMatch(p -> p.startsWith("frontDoor.publicKeys: " + dir.resolve("missing.pem")));
  }
}
