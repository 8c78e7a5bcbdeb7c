package org.xcaibridge.ops;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.xcaibridge.trust.JwtAlgorithm;
import org.xcaibridge.trust.JwtClaimMapping;
import org.xcaibridge.trust.JwtKeySet;
import org.xcaibridge.trust.JwtKeySource;
import org.xcaibridge.trust.JwtSettings;

/**
 * Bearer tokens on the DICOMweb routes (issue 7 point 4): OIDC JWTs of one issuer for one audience, verified with
 * the issuer's JWK Set (fetched from {@code jwksUrl}) or with keys given as files ({@code publicKeys}: a JWK Set, or
 * a PEM public key or certificate whose file name without extension is its kid), and the claims that name the user
 * in the SAML assertions sent for their requests. Without this section the front listens on loopback only.
 *
 * @param jwt   the validator's settings
 * @param realm the {@code realm} of the {@code WWW-Authenticate} challenge
 */
public record FrontDoorConfig(JwtSettings jwt, String realm) {
  static final String DEFAULT_REALM = "xcai-bridge";
  static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
  static final String DEFAULT_PURPOSE = "TREATMENT";
  /** A key file larger than this is not a key (a JWK Set of the 100 keys allowed is far smaller). */
  static final long MAX_KEY_FILE_BYTES = 1 << 20;

  public FrontDoorConfig {
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(realm, "realm");
  }

  /**
   * Null when the section is absent (no token validation) or a problem was recorded. The organization defaults to
   * the bridge's ({@code identity.organisationName}).
   */
  static FrontDoorConfig readOrNull(ConfigReader r, IdentityConfig identity) {
    boolean any = ConfigSchema.SECTIONS.get("frontDoor").stream().anyMatch(r::has);
    if (!any) {
      return null;
    }
    int before = r.problems().count();
    String issuer = r.text("issuer", null);
    String audience = r.text("audience", null);
    if (issuer == null) {
      r.problem("issuer", "required when frontDoor is configured: the exact iss of accepted tokens");
    }
    if (audience == null) {
      r.problem("audience", "required when frontDoor is configured: a value the tokens' aud must hold");
    }
    URI jwksUrl = r.httpUrl("jwksUrl", null);
    List<String> files = r.texts("publicKeys", List.of());
    if ((jwksUrl == null) == files.isEmpty()) {
      r.problem("either jwksUrl (the issuer's JWK Set) or publicKeys (key files), exactly one");
    }
    JwtAlgorithm pemAlgorithm = algorithm(r, "keyAlgorithm", r.text("keyAlgorithm", "RS256"), JwtAlgorithm.RS256);
    Set<JwtAlgorithm> algorithms = EnumSet.noneOf(JwtAlgorithm.class);
    for (String a : r.texts("algorithms", List.of("RS256", "PS256", "ES256"))) {
      algorithms.add(algorithm(r, "algorithms", a, JwtAlgorithm.RS256));
    }
    Duration skew = r.duration("clockSkew", DEFAULT_SKEW, Duration.ZERO, Duration.ofMinutes(5));
    String realm = r.text("realm", DEFAULT_REALM);
    if (!realm.matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}")) {
      r.problem("realm", "1 to 100 printable ASCII characters without \" or \\");
    }
    JwtClaimMapping mapping = mapping(r, identity.organisationName());
    JwtKeySource keys = null;
    if (jwksUrl != null) {
      try {
        keys = JwtKeySource.Jwks.of(jwksUrl);
      } catch (IllegalArgumentException e) {
        r.problem("jwksUrl", e.getMessage());
      }
    } else if (!files.isEmpty()) {
      keys = keys(r, files, pemAlgorithm);
    }
    if (r.problems().count() > before || mapping == null || keys == null) {
      return null;
    }
    try {
      return new FrontDoorConfig(new JwtSettings(issuer, audience, algorithms, skew, 8192, mapping, keys), realm);
    } catch (IllegalArgumentException e) {
      r.problem(e.getMessage());
      return null;
    }
  }

  private static JwtAlgorithm algorithm(ConfigReader r, String key, String name, JwtAlgorithm dflt) {
    return JwtAlgorithm.named(name.toUpperCase(Locale.ROOT)).orElseGet(() -> {
      r.problem(key, "'" + name + "' is not an accepted algorithm (RS256, PS256, ES256)");
      return dflt;
    });
  }

  /**
   * Each subject attribute from a claim (a path: {@code name}, or {@code realm_access,role} for a nested member), a
   * fixed value, or the claim with the value as fallback. subject-id comes from {@code name} unless told otherwise;
   * the role must be configured (a claim or a value); organization and purpose of use are often the bridge's, not
   * the user's, and default to the bridge's organisation and TREATMENT.
   */
  private static JwtClaimMapping mapping(ConfigReader r, String organisation) {
    try {
      return new JwtClaimMapping(
          rule(r, "subjectIdClaim", List.of("name"), null, null),
          rule(r, "organizationClaim", List.of(), "organization", organisation),
          rule(r, "roleClaim", List.of(), "role", null),
          rule(r, "purposeOfUseClaim", List.of(), "purposeOfUse", DEFAULT_PURPOSE));
    } catch (IllegalArgumentException e) {
      r.problem("roleClaim or role: the SNOMED CT role code of the users (a claim, or one value for all), "
          + "at least one");
      return null;
    }
  }

  private static JwtClaimMapping.Rule rule(ConfigReader r, String claimKey, List<String> claimDflt, String fixedKey,
      String fixedDflt) {
    List<String> path = r.texts(claimKey, claimDflt);
    String fixed = fixedKey == null ? null : r.text(fixedKey, fixedDflt);
    return new JwtClaimMapping.Rule(path, fixed);
  }

  private static JwtKeySource keys(ConfigReader r, List<String> files, JwtAlgorithm pemAlgorithm) {
    JwtKeySet all = null;
    for (String f : files) {
      try {
        Path p = Path.of(f);
        if (Files.size(p) > MAX_KEY_FILE_BYTES) {
          r.problem("publicKeys", f + " is larger than " + MAX_KEY_FILE_BYTES + " bytes: not a key file");
          continue;
        }
        String text = Files.readString(p, StandardCharsets.UTF_8);
        JwtKeySet set;
        if (text.strip().startsWith("{")) {
          set = JwtKeySet.fromJwks(text);
        } else {
          String name = p.getFileName().toString();
          set = JwtKeySet.fromPem(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name, text,
              pemAlgorithm);
        }
        all = all == null ? set : all.plus(set);
      } catch (IOException | RuntimeException e) {
        r.problem("publicKeys", f + ": " + e.getMessage());
      }
    }
    if (all == null || all.size() == 0) {
      if (all != null) {
        r.problem("publicKeys", "no usable signature key in " + String.join(", ", files));
      }
      return null;
    }
    return new JwtKeySource.Static(all);
  }
}
