package org.xcaibridge.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * Who is asking at the front door, as the bridge passes it on in the SAML assertion's subject
 * attributes (protocol.md §7.2): taken from a validated token by {@link JwtClaimMapping}.
 *
 * @param subjectId the XSPA subject-id (the requesting user's name)
 * @param organization the XSPA subject:organization
 * @param role the subject:role code (SNOMED CT)
 * @param purposeOfUse the purposeofuse code (NHIN purpose of use)
 * @param issuer the token's {@code iss}
 * @param tokenSubject the token's {@code sub}, or null
 * @param expiresAt the token's {@code exp}
 */
public record FrontDoorSubject(String subjectId, String organization, String role, String purposeOfUse,
    String issuer, String tokenSubject, Instant expiresAt) {
  public FrontDoorSubject {
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(purposeOfUse, "purposeOfUse");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
