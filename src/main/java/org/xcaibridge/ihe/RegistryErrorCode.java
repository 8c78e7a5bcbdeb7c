package org.xcaibridge.ihe;

import java.util.Optional;

/**
 * Error codes met in XCA / XCA-I answers (protocol.md §2.7 and §4.3). Peers differ for the same failure
 * (§9.2 pitfall 6): "instance not found" is {@link #XDS_DOCUMENT_UNIQUE_ID_ERROR} at NIST and
 * {@link #XDS_MISSING_DOCUMENT} at dcm4chee; "transfer syntax not available" is
 * {@link #XDS_REPOSITORY_ERROR} at NIST and {@link #WADO_NOT_IN_TRANSFER_SYNTAX} at dcm4chee. A
 * {@link RegistryError} keeps the raw code; this enum names the known ones.
 */
public enum RegistryErrorCode {
  XDS_REGISTRY_ERROR("XDSRegistryError"),
  XDS_REPOSITORY_ERROR("XDSRepositoryError"),
  XDS_REGISTRY_NOT_AVAILABLE("XDSRegistryNotAvailable"),
  XDS_REGISTRY_BUSY("XDSRegistryBusy"),
  XDS_REPOSITORY_BUSY("XDSRepositoryBusy"),
  XDS_REGISTRY_OUT_OF_RESOURCES("XDSRegistryOutOfResources"),
  XDS_REPOSITORY_OUT_OF_RESOURCES("XDSRepositoryOutOfResources"),
  XDS_TOO_MANY_RESULTS("XDSTooManyResults"),
  XDS_UNKNOWN_PATIENT_ID("XDSUnknownPatientId"),
  XDS_PATIENT_ID_DOES_NOT_MATCH("XDSPatientIdDoesNotMatch"),
  XDS_UNKNOWN_STORED_QUERY("XDSUnknownStoredQuery"),
  XDS_STORED_QUERY_MISSING_PARAM("XDSStoredQueryMissingParam"),
  XDS_STORED_QUERY_PARAM_NUMBER("XDSStoredQueryParamNumber"),
  XDS_RESULT_NOT_SINGLE_PATIENT("XDSResultNotSinglePatient"),
  XDS_UNKNOWN_COMMUNITY("XDSUnknownCommunity"),
  XDS_MISSING_HOME_COMMUNITY_ID("XDSMissingHomeCommunityId"),
  XDS_UNAVAILABLE_COMMUNITY("XDSUnavailableCommunity"),
  XDS_UNKNOWN_REPOSITORY_ID("XDSUnknownRepositoryId"),
  XDS_DOCUMENT_UNIQUE_ID_ERROR("XDSDocumentUniqueIdError"),
  XDS_MISSING_DOCUMENT("XDSMissingDocument"),
  XDS_MISSING_DOCUMENT_METADATA("XDSMissingDocumentMetadata"),
  XDS_REGISTRY_METADATA_ERROR("XDSRegistryMetadataError"),
  XDS_REGISTRY_DEPRECATED_DOCUMENT_ERROR("XDSRegistryDeprecatedDocumentError"),
  LOCAL_POLICY_RESTRICTION_ERROR("LocalPolicyRestrictionError"),
  /** NIST RIG simulator's private code for an unknown Imaging Document Source (rig_5426). */
  XDSI_UNKNOWN_IDS_UID("XDSIUnknownIdsUid"),
  /** WADO-WS / dcm4chee: no acceptable content type. */
  WADO_NO_ACCEPTABLE_CONTENT_TYPE("urn:dicom:wado:0006"),
  /** WADO-WS / dcm4chee: the XCA-I transfer syntax failure (RAD TF-3 4.69.4.2.3). */
  WADO_NOT_IN_TRANSFER_SYNTAX("urn:dicom:wado:0007"),
  /** WADO-WS / dcm4chee: processing failure. */
  WADO_PROCESSING_FAILURE("urn:dicom:wado:0014");

  private final String code;

  RegistryErrorCode(String code) {
    this.code = code;
  }

  /** The exact wire string. */
  public String code() {
    return code;
  }

  /** The known code a raw errorCode names (blanks around it ignored). */
  public static Optional<RegistryErrorCode> of(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String v = raw.trim();
    for (RegistryErrorCode c : values()) {
      if (c.code.equals(v)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether this code means "the requested document or instance is not there" at some peer. */
  public boolean meansDocumentMissing() {
    return this == XDS_DOCUMENT_UNIQUE_ID_ERROR || this == XDS_MISSING_DOCUMENT;
  }
}
