package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/** The ITI-38 stored queries the bridge sends (protocol.md §2.1). */
public sealed interface StoredQuery {
  /** The stored query id, a {@code urn:uuid:}. */
  String id();

  /** FindDocuments: a patient's DocumentEntries matching a filter. */
  record FindDocuments(Cx patientId, DocumentEntryFilter filter) implements StoredQuery {
    public FindDocuments {
      Objects.requireNonNull(patientId, "patientId");
      Objects.requireNonNull(filter, "filter");
    }

    @Override
    public String id() {
      return XdsVocabulary.FIND_DOCUMENTS;
    }
  }

  /**
   * FindDocumentsByReferenceId: as FindDocuments, plus referenceIdList values that must match (e.g. a Study
   * Instance UID). Needs the responder's Reference ID option.
   */
  record FindDocumentsByReferenceId(Cx patientId, List<ReferenceId> referenceIds, DocumentEntryFilter filter)
      implements StoredQuery {
    public FindDocumentsByReferenceId {
      Objects.requireNonNull(patientId, "patientId");
      Objects.requireNonNull(filter, "filter");
      referenceIds = List.copyOf(referenceIds);
      if (referenceIds.isEmpty()) {
        throw new IllegalArgumentException("at least one reference id is required");
      }
    }

    @Override
    public String id() {
      return XdsVocabulary.FIND_DOCUMENTS_BY_REFERENCE_ID;
    }
  }

  /** GetDocuments: entries by entryUUID or by uniqueId (exactly one of the two lists is non-empty). */
  record GetDocuments(List<String> entryUuids, List<String> uniqueIds) implements StoredQuery {
    public GetDocuments {
      entryUuids = List.copyOf(entryUuids);
      uniqueIds = List.copyOf(uniqueIds);
      if (entryUuids.isEmpty() == uniqueIds.isEmpty()) {
        throw new IllegalArgumentException("exactly one of entryUuids and uniqueIds must be given");
      }
    }

    public static GetDocuments byUniqueIds(List<String> uniqueIds) {
      return new GetDocuments(List.of(), uniqueIds);
    }

    @Override
    public String id() {
      return XdsVocabulary.GET_DOCUMENTS;
    }
  }
}
