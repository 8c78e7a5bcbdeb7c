package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * An ebRIM {@code rim:Slot}: a name and its values. Names are trimmed on reading (NIST writes
 * {@code "urn:ihe:iti:xds:2013:referenceIdList "} with a trailing blank, protocol.md §2.5).
 */
public record Slot(String name, List<String> values) {
  public Slot {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
  }

  public static Slot of(String name, String... values) {
    return new Slot(name, List.of(values));
  }
}
