package org.xcaibridge.responder;

import java.util.Objects;
import org.xcaibridge.dicom.Uids;

/**
 * Who this Responding Imaging Gateway is on the XCA network: its homeCommunityId (an OID, written on the wire as
 * {@code urn:oid:…}), the repositoryUniqueId of its Imaging Document Source (the Retrieve Location UID of every
 * manifest it serves), and the patient identity domain it files patients under (the assigning authority OID of
 * the CX ids it answers with).
 */
public record ResponderIdentity(String homeCommunityOid, String repositoryUniqueId, String assigningAuthorityOid) {
  public ResponderIdentity {
    requireOid("homeCommunityOid", homeCommunityOid);
    requireOid("repositoryUniqueId", repositoryUniqueId);
    requireOid("assigningAuthorityOid", assigningAuthorityOid);
  }

  /** The homeCommunityId as XCA writes it: {@code urn:oid:} followed by the OID. */
  public String homeCommunityId() {
    return "urn:oid:" + homeCommunityOid;
  }

  private static void requireOid(String name, String value) {
    Objects.requireNonNull(value, name);
    if (!Uids.isOid(value)) {
      throw new IllegalArgumentException(name + " must be an OID (digits and dots, at most 64 characters), was "
          + value);
    }
  }
}
