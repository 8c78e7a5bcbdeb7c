package org.xcaibridge.dicom;

import java.util.List;

/**
 * A dataset is not a usable XDS-I.b imaging manifest: it is not a Key Object Selection Document, or it
 * lacks what a consumer needs to retrieve the instances it lists. Names every problem found.
 */
public final class KosManifestException extends RuntimeException {
  private final List<String> problems;

  public KosManifestException(List<String> problems) {
    super("not a usable KOS manifest: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** What is missing or wrong, each with the path of the attribute concerned. */
  public List<String> problems() {
    return problems;
  }
}
