package org.xcaibridge.ihe;

import java.util.List;

/**
 * One {@code subject/registrationEvent} of an XCPD answer (protocol.md §6.2).
 *
 * @param patientIds {@code patient/id}: the ids in the responding community, used for ITI-38
 * @param otherIds {@code asOtherIDs/id}
 * @param homeCommunityOid {@code custodian/assignedEntity/id/@root}: the responding community, without
 *     {@code urn:oid:}; null when absent
 * @param healthDataLocatorCode {@code custodian/assignedEntity/code/@code}, e.g. NotHealthDataLocator
 * @param matchScore {@code subjectOf1/queryMatchObservation/value/@value}, null when absent
 */
public record MatchedPatient(List<Ii> patientIds, Demographics demographics, List<Ii> otherIds,
    String homeCommunityOid, String healthDataLocatorCode, Integer matchScore) {
  public MatchedPatient {
    patientIds = List.copyOf(patientIds);
    otherIds = List.copyOf(otherIds);
  }

  /** The homeCommunityId in XCA form {@code urn:oid:…}, or null. */
  public String homeCommunityId() {
    return homeCommunityOid == null ? null : "urn:oid:" + homeCommunityOid;
  }
}
