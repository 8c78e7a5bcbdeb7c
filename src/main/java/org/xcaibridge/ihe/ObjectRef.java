package org.xcaibridge.ihe;

import java.util.Objects;

/** {@code rim:ObjectRef} of an ObjectRef query answer: an entryUUID and the community holding it. */
public record ObjectRef(String id, String home) {
  public ObjectRef {
    Objects.requireNonNull(id, "id");
  }
}
