package org.xcaibridge.ihe;

import java.util.Objects;

/**
 * Sender or receiver of an HL7 v3 message: the device id, its endpoint (telecom) and the homeCommunityId
 * carried as {@code asAgent/representedOrganization/id/@root} (protocol.md §6.1).
 *
 * @param telecom endpoint URL, may be null
 * @param homeCommunityOid the community OID without {@code urn:oid:}, may be null
 */
public record Device(Ii id, String telecom, String homeCommunityOid) {
  public Device {
    Objects.requireNonNull(id, "id");
  }

  /** The homeCommunityId in its XCA form {@code urn:oid:…}, or null. */
  public String homeCommunityId() {
    return homeCommunityOid == null ? null : "urn:oid:" + homeCommunityOid;
  }
}
