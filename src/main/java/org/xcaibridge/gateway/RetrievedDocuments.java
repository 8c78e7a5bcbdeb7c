package org.xcaibridge.gateway;

import java.util.List;
import java.util.Objects;
import org.xcaibridge.ihe.RegistryResponse;

/**
 * The answer to an ITI-39 Cross Gateway Retrieve that did not fail: Success, or PartialSuccess with the
 * errors of the documents that did not come (a Failure answer is a {@link GatewayException.ErrorResponse}).
 *
 * @param registryResponse the status and errors, merged over the calls when the request was split
 * @param documents        in the order of the answer(s)
 */
public record RetrievedDocuments(RegistryResponse registryResponse, List<RetrievedDocument> documents) {
  public RetrievedDocuments {
    Objects.requireNonNull(registryResponse, "registryResponse");
    documents = List.copyOf(documents);
  }
}
