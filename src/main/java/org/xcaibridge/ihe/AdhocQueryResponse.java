package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * ITI-38 Cross Gateway Query response body ({@code query:AdhocQueryResponse}, protocol.md §2.4–§2.7).
 * SubmissionSets, Folders and Associations in a LeafClass answer are not modelled (the bridge looks for
 * KOS DocumentEntries only) and are skipped when reading.
 *
 * @param documentEntries the ExtrinsicObjects (LeafClass answers)
 * @param objectRefs the ObjectRefs (ObjectRef answers)
 * @param totalResultCount the attribute if the peer sent one, else null
 */
public record AdhocQueryResponse(ResponseStatus status, List<DocumentEntry> documentEntries,
    List<ObjectRef> objectRefs, List<RegistryError> errors, Integer totalResultCount) implements IheMessage {
  public AdhocQueryResponse {
    Objects.requireNonNull(status, "status");
    documentEntries = List.copyOf(documentEntries);
    objectRefs = List.copyOf(objectRefs);
    errors = List.copyOf(errors);
  }

  public static AdhocQueryResponse ofEntries(List<DocumentEntry> entries) {
    return new AdhocQueryResponse(ResponseStatus.SUCCESS, entries, List.of(), List.of(), null);
  }
}
