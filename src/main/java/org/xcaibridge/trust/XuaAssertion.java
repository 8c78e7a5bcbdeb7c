package org.xcaibridge.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated SAML assertion: what the responder may rely on, read from the very element whose
 * signature was checked. Values are as the peer sent them (e.g. {@code urn:oid:…} prefixes kept).
 *
 * @param id                   the assertion's ID
 * @param issueInstant         its IssueInstant
 * @param issuer               {@code saml2:Issuer} text
 * @param nameId               {@code saml2:Subject/saml2:NameID} text and Format (empty if none given)
 * @param confirmationMethods  the SubjectConfirmation Method URNs
 * @param confirmationKey      the holder-of-key key from SubjectConfirmationData, if any
 * @param notBefore            Conditions/@NotBefore
 * @param notOnOrAfter         Conditions/@NotOnOrAfter
 * @param audienceRestrictions the Audiences of each AudienceRestriction (all must be met, SAML core §2.5.1.4)
 * @param attributes           text values of the attributes whose values are text, by attribute Name
 * @param role                 {@code subject:role} as a coded value, if sent
 * @param purposeOfUse         {@code subject:purposeofuse} as a coded value, if sent
 * @param signer               the certificate the assertion's signature was verified with
 */
public record XuaAssertion(String id, Instant issueInstant, String issuer, NameId nameId,
    List<String> confirmationMethods, Optional<PublicKey> confirmationKey, Instant notBefore,
    Instant notOnOrAfter, List<List<String>> audienceRestrictions, Map<String, List<String>> attributes,
    Optional<XuaCode> role, Optional<XuaCode> purposeOfUse, X509Certificate signer) {

  /** NameID text and its Format URN (empty when the peer gave none). */
  public record NameId(String value, Optional<String> format) {}

  public XuaAssertion {
    Objects.requireNonNull(id, "id");
    confirmationMethods = List.copyOf(confirmationMethods);
    audienceRestrictions = audienceRestrictions.stream().map(List::copyOf).collect(java.util.stream.Collectors.toUnmodifiableList());
    Map<String, List<String>> copy = new LinkedHashMap<>();
    attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    attributes = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(signer, "signer");
  }

  /** The first text value of an attribute. */
  public Optional<String> attribute(String name) {
    List<String> values = attributes.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Optional<String> subjectId() {
    return attribute(SamlNames.ATTR_SUBJECT_ID);
  }

  public Optional<String> organization() {
    return attribute(SamlNames.ATTR_ORGANIZATION);
  }

  public Optional<String> organizationId() {
    return attribute(SamlNames.ATTR_ORGANIZATION_ID);
  }

  public Optional<String> homeCommunityId() {
    return attribute(SamlNames.ATTR_HOME_COMMUNITY_ID);
  }

  public Optional<String> npi() {
    return attribute(SamlNames.ATTR_NPI);
  }

  public Optional<String> resourceId() {
    return attribute(SamlNames.ATTR_RESOURCE_ID);
  }

  public boolean holderOfKey() {
    return confirmationMethods.contains(SamlNames.CM_HOLDER_OF_KEY);
  }
}
