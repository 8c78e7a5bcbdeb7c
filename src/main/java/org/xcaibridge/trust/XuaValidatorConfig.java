package org.xcaibridge.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the responder accepts, validated when built.
 *
 * @param trustAnchors       the certificates (CA or pinned signer certificates) an assertion signer must
 *                           chain to; at least one
 * @param audiences          this responder's endpoint URLs: an assertion must name one of them in each
 *                           AudienceRestriction (exact string comparison); at least one
 * @param clockSkew          tolerance for NotBefore/NotOnOrAfter and wsu:Created/Expires: 0 to 10 minutes
 * @param requiredAttributes attribute Names that must be present with a value
 * @param requireTimestamp   whether a signed {@code wsu:Timestamp} must accompany the assertion
 */
public record XuaValidatorConfig(Set<X509Certificate> trustAnchors, Set<String> audiences,
    Duration clockSkew, Set<String> requiredAttributes, boolean requireTimestamp) {

  /**
   * The attributes Carequality initiators always send (protocol.md §7.2): subject-id, organization,
   * organization-id, homeCommunityId, role and purpose of use.
   */
  public static final Set<String> CAREQUALITY_ATTRIBUTES = Set.of(SamlNames.ATTR_SUBJECT_ID,
      SamlNames.ATTR_ORGANIZATION, SamlNames.ATTR_ORGANIZATION_ID, SamlNames.ATTR_HOME_COMMUNITY_ID,
      SamlNames.ATTR_ROLE, SamlNames.ATTR_PURPOSE_OF_USE);

  public XuaValidatorConfig {
    trustAnchors = Set.copyOf(trustAnchors);
    if (trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
    audiences = Set.copyOf(audiences);
    if (audiences.isEmpty()) {
      throw new IllegalArgumentException("at least one audience is needed");
    }
    for (String audience : audiences) {
      try {
        if (!new URI(audience).isAbsolute()) {
          throw new IllegalArgumentException("audience must be an absolute URI, was '" + audience + "'");
        }
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("audience must be an absolute URI, was '" + audience + "'", e);
      }
    }
    XuaSignerConfig.requireBetween("clockSkew", clockSkew, Duration.ZERO, XuaSignerConfig.MAX_SKEW);
    requiredAttributes = Set.copyOf(requiredAttributes);
    for (String name : requiredAttributes) {
      XuaCode.requireText(name, "required attribute name");
    }
  }

  /** Carequality's attributes required, signed timestamp required, 2 minutes skew. */
  public static XuaValidatorConfig of(Set<X509Certificate> trustAnchors, Set<String> audiences) {
    return new XuaValidatorConfig(trustAnchors, audiences, Duration.ofMinutes(2), CAREQUALITY_ATTRIBUTES, true);
  }

  public XuaValidatorConfig withClockSkew(Duration value) {
    return new XuaValidatorConfig(trustAnchors, audiences, value, requiredAttributes, requireTimestamp);
  }

  public XuaValidatorConfig withRequiredAttributes(Set<String> value) {
    return new XuaValidatorConfig(trustAnchors, audiences, clockSkew, value, requireTimestamp);
  }

  public XuaValidatorConfig withRequireTimestamp(boolean value) {
    return new XuaValidatorConfig(trustAnchors, audiences, clockSkew, requiredAttributes, value);
  }

  Set<TrustAnchor> pkixAnchors() {
    Set<TrustAnchor> anchors = new LinkedHashSet<>();
    for (X509Certificate c : trustAnchors) {
      anchors.add(new TrustAnchor(Objects.requireNonNull(c, "trust anchor"), null));
    }
    return anchors;
  }
}
