package org.xcaibridge.responder;

import org.xcaibridge.dicom.Uids;

/**
 * Where a manifest says its instances are retrieved from (IHE RAD TF-3 4.68.4.1.2.3): the repositoryUniqueId
 * of this Imaging Document Source, written as Retrieve Location UID (0040,E011) of every series, and its DICOM
 * AE title (0008,0054), which XDS-I.b manifests carry too.
 */
public record ManifestSettings(String repositoryUniqueId, String retrieveAeTitle) {
  public ManifestSettings {
    if (!Uids.isValid(repositoryUniqueId)) {
      throw new IllegalArgumentException("repositoryUniqueId must be an OID of at most 64 characters, was "
          + repositoryUniqueId);
    }
    if (retrieveAeTitle == null || retrieveAeTitle.isBlank() || retrieveAeTitle.length() > 16
        || retrieveAeTitle.contains("\\")) {
      throw new IllegalArgumentException("retrieveAeTitle must have 1 to 16 characters without backslash, was "
          + retrieveAeTitle);
    }
  }
}
