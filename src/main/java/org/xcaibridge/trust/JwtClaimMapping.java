package org.xcaibridge.trust;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Which token claim gives each subject attribute of the SAML assertion, with a configured value to
 * use when the claim is absent (an organization or a purpose of use is often the bridge's, not the
 * user's). A claim is named by its path: {@code ["name"]}, or {@code ["realm_access", "role"]} for a
 * nested member (a list rather than a dotted string, because claim names may be URLs with dots).
 * Only string values are taken.
 */
public record JwtClaimMapping(Rule subjectId, Rule organization, Rule role, Rule purposeOfUse) {

  /** A claim path, a fallback value, or both (the claim wins). */
  public record Rule(List<String> claimPath, String fallback) {
    public Rule {
      claimPath = claimPath == null ? List.of() : List.copyOf(claimPath);
      if (claimPath.isEmpty() && (fallback == null || fallback.isBlank())) {
        throw new IllegalArgumentException("a claim mapping rule needs a claim path or a fallback value");
      }
      for (String segment : claimPath) {
        if (segment == null || segment.isEmpty()) {
          throw new IllegalArgumentException("empty segment in claim path " + claimPath);
        }
      }
    }

    public static Rule claim(String... path) {
      return new Rule(List.of(path), null);
    }

    public static Rule fixed(String value) {
      return new Rule(List.of(), value);
    }

    public Rule orElse(String value) {
      return new Rule(claimPath, value);
    }

    /** The claim's string value, the fallback, or null. */
    String apply(JsonObject claims) {
      Object v = claims;
      for (String segment : claimPath) {
        v = v instanceof JsonObject ? ((JsonObject) v).getValue(segment) : null;
      }
      if (!claimPath.isEmpty() && v instanceof String && !((String) v).isBlank()) {
        return (String) v;
      }
      return fallback;
    }
  }

  public JwtClaimMapping {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(purposeOfUse, "purposeOfUse");
  }
}
