package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * {@code ihe:RetrieveDocumentSetResponse}: the answer to ITI-39, RAD-69 and RAD-75 alike (protocol.md
 * §3, §4.2). For RAD-69, a failed instance has a RegistryError and no DocumentResponse (§4.3).
 */
public record RetrieveDocumentSetResponse(RegistryResponse registryResponse, List<DocumentResponse> documents)
    implements IheMessage {
  public RetrieveDocumentSetResponse {
    Objects.requireNonNull(registryResponse, "registryResponse");
    documents = List.copyOf(documents);
  }

  /**
   * A response whose status follows from what it holds ({@link ResponseStatus#ofOutcome}): the responder's
   * way to build Success, PartialSuccess or Failure without deciding by hand.
   */
  public static RetrieveDocumentSetResponse of(List<DocumentResponse> documents, List<RegistryError> errors) {
    boolean anyError = errors.stream().anyMatch(RegistryError::isError);
    return new RetrieveDocumentSetResponse(
        new RegistryResponse(ResponseStatus.ofOutcome(documents.size(), anyError), errors), documents);
  }

  public ResponseStatus status() {
    return registryResponse.status();
  }

  public List<RegistryError> errors() {
    return registryResponse.errors();
  }
}
