package org.xcaibridge.ihe;

import java.util.Objects;

/**
 * {@code ihe:DocumentResponse}: one returned document (ITI-39) or DICOM instance (RAD-69/75, mimeType
 * {@code application/dicom}), its content an MTOM reference or inline bytes.
 *
 * @param newRepositoryUniqueId on-demand documents only, else null
 * @param newDocumentUniqueId on-demand documents only, else null
 */
public record DocumentResponse(String homeCommunityId, String repositoryUniqueId, String documentUniqueId,
    String newRepositoryUniqueId, String newDocumentUniqueId, String mimeType, DocumentContent content) {
  public DocumentResponse {
    if (repositoryUniqueId == null || repositoryUniqueId.isBlank()) {
      throw new IllegalArgumentException("repositoryUniqueId must not be blank");
    }
    if (documentUniqueId == null || documentUniqueId.isBlank()) {
      throw new IllegalArgumentException("documentUniqueId must not be blank");
    }
    if (mimeType == null || mimeType.isBlank()) {
      throw new IllegalArgumentException("mimeType must not be blank");
    }
    Objects.requireNonNull(content, "content");
  }

  /** The response for a request, echoing its identifiers exactly (dcm4chee does the same, §4.2). */
  public static DocumentResponse answering(DocumentRequest request, String mimeType, DocumentContent content) {
    return new DocumentResponse(request.homeCommunityId(), request.repositoryUniqueId(),
        request.documentUniqueId(), null, null, mimeType, content);
  }
}
