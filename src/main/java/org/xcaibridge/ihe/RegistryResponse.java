package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * {@code rs:RegistryResponse}: a status and the RegistryErrorList (protocol.md §2.7, §4.3).
 *
 * @param status never null
 * @param errors errors and warnings in wire order
 */
public record RegistryResponse(ResponseStatus status, List<RegistryError> errors) {
  public RegistryResponse {
    Objects.requireNonNull(status, "status");
    errors = List.copyOf(errors);
  }

  public static RegistryResponse success() {
    return new RegistryResponse(ResponseStatus.SUCCESS, List.of());
  }

  /** The list's highestSeverity attribute: Error if any error, Warning if only warnings, else null. */
  public ErrorSeverity highestSeverity() {
    return highestSeverity(errors);
  }

  static ErrorSeverity highestSeverity(List<RegistryError> errors) {
    if (errors.isEmpty()) {
      return null;
    }
    return errors.stream().anyMatch(RegistryError::isError) ? ErrorSeverity.ERROR : ErrorSeverity.WARNING;
  }
}
