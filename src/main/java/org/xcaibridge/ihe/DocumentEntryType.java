package org.xcaibridge.ihe;

/** DocumentEntry objectType: stable or on-demand (protocol.md §2.4). */
public enum DocumentEntryType {
  STABLE(XdsVocabulary.DOC_ENTRY_STABLE),
  ON_DEMAND(XdsVocabulary.DOC_ENTRY_ON_DEMAND);

  private final String uuid;

  DocumentEntryType(String uuid) {
    this.uuid = uuid;
  }

  public String uuid() {
    return uuid;
  }

  static DocumentEntryType fromUuid(String v) {
    for (DocumentEntryType t : values()) {
      if (t.uuid.equalsIgnoreCase(v == null ? "" : v.trim())) {
        return t;
      }
    }
    return null;
  }
}
