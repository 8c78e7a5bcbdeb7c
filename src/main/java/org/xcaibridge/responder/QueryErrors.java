package org.xcaibridge.responder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.ihe.IheParseException;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryErrorCode;
import org.xcaibridge.ihe.StoredQueryException;

/**
 * The ITI-38 side of the responder's one table from failures to answers (the retrieve side is
 * {@link RetrieveErrors}, faults are {@link RequestFaults}): which registry error a query is answered with.
 * Texts are sentences a person can act on, without stack traces or patient data; what is the responder's own
 * fault is logged here, with its stack trace, once. Every error is located at our homeCommunityId (ITI TF-2b
 * 3.38.4.1.3: the errors of a responding gateway name its community).
 */
final class QueryErrors {
  private static final Logger LOG = LoggerFactory.getLogger(QueryErrors.class);

  private QueryErrors() {}

  static RegistryError of(Throwable failure, String location) {
    if (failure instanceof StoredQueryException e) {
      return RegistryError.error(e.code(), e.getMessage(), location);
    }
    if (failure instanceof IheParseException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR, "the query cannot be read: "
          + e.getMessage(), location);
    }
    if (failure instanceof Iti38Service.QueryRefusal e) {
      return RegistryError.error(e.code(), e.getMessage(), location);
    }
    if (failure instanceof ArchiveUnavailableException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_NOT_AVAILABLE,
          "the image archive cannot answer now (" + e.getMessage() + "); try again later", location);
    }
    if (failure instanceof ArchiveDataException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
          "a manifest cannot be served: " + e.getMessage(), location);
    }
    if (failure instanceof NotInArchiveException e) {
      return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
          "the archive changed while answering (" + e.getMessage() + "); query again", location);
    }
    LOG.error("ITI-38 query failed", failure);
    return RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR,
        "the responding gateway failed while answering; its log has the details", location);
  }
}
