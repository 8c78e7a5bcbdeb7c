package org.xcaibridge.responder;

import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;

/**
 * The one table from what keeps a single requested document or instance from being returned to the
 * RegistryError that says so (ITI TF-3 Table 4.2.4.1-2 codes, protocol.md §4.3): the error code, and a
 * codeContext that names the document or instance and tells the requester's operator what to change. The
 * {@code location} is the caller's: the DocumentUniqueId for RAD-69 (RAD69-016), our homeCommunityId for RAD-75
 * (RAD75-004) and ITI-39 (ITI39-012). Texts name UIDs from the request and never patient data, file paths or
 * stack traces; details of archive failures go to the log.
 */
final class RetrieveErrors {
  private static final Logger LOG = LoggerFactory.getLogger(RetrieveErrors.class);
  private static final String URN_OID = "urn:oid:";

  private RetrieveErrors() {}

  /**
   * The error for a request addressed to another community or repository, or null when it is ours. A missing
   * homeCommunityId is accepted (the request reached us; IPF's RAD profiles do not require it). Values compare
   * with or without a {@code urn:oid:} prefix; what the requester sent is echoed, never rewritten.
   */
  static RegistryError misaddressed(DocumentRequest d, ResponderIdentity us, String location) {
    String home = d.homeCommunityId();
    if (home != null && !home.isBlank() && !bareOid(home).equals(us.homeCommunityOid())) {
      return RegistryError.error(RegistryErrorCode.XDS_UNKNOWN_COMMUNITY, d.documentUniqueId().strip()
          + " is asked of homeCommunityId " + home.strip() + ", which is not served here: this Responding Gateway is " + us.homeCommunityId()
          + "; send requests for that community to its own gateway", location);
    }
    if (!bareOid(d.repositoryUniqueId()).equals(us.repositoryUniqueId())) {
      return RegistryError.error(RegistryErrorCode.XDS_UNKNOWN_REPOSITORY_ID, d.documentUniqueId().strip()
          + " is asked of repositoryUniqueId " + d.repositoryUniqueId().strip() + ", which is not known in community " + us.homeCommunityId()
          + ": its only repository is " + us.repositoryUniqueId()
          + " (the Retrieve Location UID in its manifests)", location);
    }
    return null;
  }

  /** RAD-69/75: no such instance in that series and study (the composite UID wording is NIST's, rig_5425/5427). */
  static RegistryError unknownInstance(String study, String series, String instance, String location) {
    return RegistryError.error(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR, "No document matching composite UID ["
        + study + ":" + series + ":" + instance + "]: this archive holds no instance " + instance + " in series "
        + series + " of study " + study + "; query again (ITI-38) for the study's current manifest", location);
  }

  /** ITI-39: no manifest with that id. */
  static RegistryError unknownManifest(String documentUniqueId, String location) {
    return RegistryError.error(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR, "no imaging manifest with document"
        + " unique id " + documentUniqueId + " here; a manifest's id changes when its study does, so query again"
        + " (ITI-38) for the current one", location);
  }

  /**
   * RAD TF-3 4.69.4.2.3: none of the accepted syntaxes can be served. The first sentence is NIST's (rig_5424);
   * the rest says which syntax to add.
   */
  static RegistryError noTransferSyntax(String instance, TransferSyntax stored, List<String> accepted,
      String location) {
    String add = stored.isNative()
        ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid() + " (Explicit VR Little Endian), "
            + TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid() + " (Implicit VR Little Endian) or " + stored.uid()
        : stored.uid() + " (" + stored.name() + ")";
    return RegistryError.error(RegistryErrorCode.XDS_REPOSITORY_ERROR, "IDS cannot encode the pixel data using any of"
        + " the requested transfer syntaxes: instance " + instance + " is stored as " + stored.name() + " ("
        + stored.uid() + "), which this gateway does not convert to " + String.join(", ", accepted)
        + " (it converts only between uncompressed syntaxes); add " + add + " to TransferSyntaxUIDList", location);
  }

  /**
   * An archive failure while finding or reading {@code what} (e.g. "instance 1.2.3"): not there, not reachable
   * now, or not servable. The cause goes to the log, not to the requester.
   */
  static RegistryError ofArchiveFailure(Throwable failure, String what, String location) {
    if (failure instanceof NotInArchiveException) {
      return RegistryError.error(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR, what + " is not in this archive",
          location);
    }
    if (failure instanceof ArchiveUnavailableException) {
      LOG.warn("the archive could not answer for {}: {}", what, failure.getMessage());
      return RegistryError.error(RegistryErrorCode.XDS_REPOSITORY_BUSY, "the archive behind this gateway cannot"
          + " answer for " + what + " now; try again later", location);
    }
    LOG.warn("{} cannot be served", what, failure);
    return RegistryError.error(RegistryErrorCode.XDS_REPOSITORY_ERROR, what + " cannot be served: what the archive"
        + " holds for it is not usable (the gateway's log says why)", location);
  }

  private static String bareOid(String value) {
    String v = value.strip();
    return v.toLowerCase(Locale.ROOT).startsWith(URN_OID) ? v.substring(URN_OID.length()) : v;
  }
}
