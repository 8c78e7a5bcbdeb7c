package org.xcaibridge.ihe;

/**
 * {@code ihe:DocumentRequest} of ITI-39 and RAD-69/75 (IHEXDSB.xsd, protocol.md §3, §4.1).
 *
 * @param homeCommunityId {@code urn:oid:…}; optional in the schema but send it in every ITI-39/RAD-75
 *     request (§9.2 pitfall 4); null when absent
 * @param repositoryUniqueId for RAD-69/75 the KOS Retrieve Location UID (0040,E011), not the KOS entry's
 *     repository (§4.4); echoed exactly, never normalised
 * @param documentUniqueId document uniqueId, or the SOP Instance UID for RAD-69/75
 */
public record DocumentRequest(String homeCommunityId, String repositoryUniqueId, String documentUniqueId) {
  public DocumentRequest {
    if (repositoryUniqueId == null || repositoryUniqueId.isBlank()) {
      throw new IllegalArgumentException("repositoryUniqueId must not be blank");
    }
    if (documentUniqueId == null || documentUniqueId.isBlank()) {
      throw new IllegalArgumentException("documentUniqueId must not be blank");
    }
  }
}
