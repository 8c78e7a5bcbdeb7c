package org.xcaibridge.studies;

import java.util.List;
import java.util.Objects;

/**
 * Where a study lives (issue 6 point 3): the community holding it, the patient's id there, and the imaging
 * manifest that lists its instances (an XDS document, fetched again with ITI-39 when no longer cached).
 *
 * @param studyInstanceUid     the study
 * @param homeCommunityId      {@code urn:oid:…} of the community holding it
 * @param communityPatientId   the patient's id in that community, CX form {@code id^^^&oid&ISO}
 * @param manifestDocumentId   XDSDocumentEntry.uniqueId of the KOS manifest (its SOP Instance UID)
 * @param manifestRepositoryId repositoryUniqueId of the XDS repository holding the manifest (for ITI-39; not
 *                             the RAD-75 Retrieve Location UID, protocol.md §4.4)
 * @param seriesInstanceUids   the series the manifest lists, in manifest order
 * @param summary              the study row's attributes
 */
public record StudyLocation(String studyInstanceUid, String homeCommunityId, String communityPatientId,
    String manifestDocumentId, String manifestRepositoryId, List<String> seriesInstanceUids, StudySummary summary) {
  public StudyLocation {
    requireText(studyInstanceUid, "studyInstanceUid");
    requireText(homeCommunityId, "homeCommunityId");
    requireText(communityPatientId, "communityPatientId");
    requireText(manifestDocumentId, "manifestDocumentId");
    requireText(manifestRepositoryId, "manifestRepositoryId");
    seriesInstanceUids = List.copyOf(seriesInstanceUids);
    Objects.requireNonNull(summary, "summary");
  }

  private static void requireText(String s, String name) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
