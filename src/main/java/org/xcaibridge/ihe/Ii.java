package org.xcaibridge.ihe;

/**
 * HL7 v3 instance identifier {@code <id root extension/>}. For a patient id, ITI-38's
 * {@code $XDSDocumentEntryPatientId} is {@code extension^^^&root&ISO} ({@link #toCx()}, protocol.md §6.2).
 *
 * @param root an OID, never blank
 * @param extension may be null (a bare OID, e.g. a device or community)
 */
public record Ii(String root, String extension) {
  public Ii {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("II root must not be blank");
    }
  }

  public static Ii of(String root) {
    return new Ii(root, null);
  }

  /** The CX patient identifier for an XDS query. */
  public Cx toCx() {
    if (extension == null) {
      throw new IllegalStateException("an II without extension is not a patient id: " + root);
    }
    return new Cx(extension, root);
  }
}
