package org.xcaibridge.ihe;

/** {@code query:ResponseOption/@returnType} of an ITI-38 query (protocol.md §2.3). */
public enum ReturnType {
  /** Full metadata: needed to learn repositoryUniqueId and uniqueId for ITI-39. */
  LEAF_CLASS("LeafClass"),
  /** Only {@code rim:ObjectRef id home}. */
  OBJECT_REF("ObjectRef");

  private final String wire;

  ReturnType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  static ReturnType fromWire(String v) {
    for (ReturnType t : values()) {
      if (t.wire.equals(v == null ? null : v.trim())) {
        return t;
      }
    }
    return null;
  }
}
