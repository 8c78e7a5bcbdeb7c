package org.xcaibridge.trust;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Front-door token validation, validated when built.
 *
 * @param issuer the exact {@code iss} tokens must carry
 * @param audience a value the token's {@code aud} must contain
 * @param algorithms the accepted signature algorithms, a non-empty subset of {@link JwtAlgorithm}
 * @param clockSkew tolerance on {@code exp}, {@code nbf} and {@code iat}, 0 to 5 min
 * @param maxTokenChars the longest token read, 512 to 65536 characters
 * @param mapping claims → subject attributes
 * @param keys where the verification keys come from
 */
public record JwtSettings(String issuer, String audience, Set<JwtAlgorithm> algorithms, Duration clockSkew,
    int maxTokenChars, JwtClaimMapping mapping, JwtKeySource keys) {
  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  static final int MIN_TOKEN_CHARS = 512;
  static final int MAX_TOKEN_CHARS = 65536;

  public JwtSettings {
    Objects.requireNonNull(algorithms, "algorithms");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(mapping, "mapping");
    Objects.requireNonNull(keys, "keys");
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("token issuer must be configured");
    }
    if (audience == null || audience.isBlank()) {
      throw new IllegalArgumentException("token audience must be configured");
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("at least one token signature algorithm must be allowed");
    }
    algorithms = Set.copyOf(EnumSet.copyOf(algorithms));
    if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
      throw new IllegalArgumentException("token clockSkew must be 0 to " + MAX_SKEW + ", was " + clockSkew);
    }
    if (maxTokenChars < MIN_TOKEN_CHARS || maxTokenChars > MAX_TOKEN_CHARS) {
      throw new IllegalArgumentException(
          "maxTokenChars must be " + MIN_TOKEN_CHARS + " to " + MAX_TOKEN_CHARS + ", was " + maxTokenChars);
    }
  }

  /** All three algorithms, 60 s skew, tokens up to 8192 characters. */
  public static JwtSettings of(String issuer, String audience, JwtClaimMapping mapping, JwtKeySource keys) {
    return new JwtSettings(issuer, audience, EnumSet.allOf(JwtAlgorithm.class), Duration.ofSeconds(60), 8192,
        mapping, keys);
  }

  public JwtSettings withAlgorithms(Set<JwtAlgorithm> allowed) {
    return new JwtSettings(issuer, audience, allowed, clockSkew, maxTokenChars, mapping, keys);
  }

  public JwtSettings withKeys(JwtKeySource source) {
    return new JwtSettings(issuer, audience, algorithms, clockSkew, maxTokenChars, mapping, source);
  }
}
