package org.xcaibridge.ihe;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code rs:RegistryError}. The errorCode is kept exactly as received ({@link #knownCode()} maps it);
 * {@code location} is free text whose meaning differs by peer (RAD-69: DocumentUniqueId; RAD-75 and ITI-39:
 * the responder's homeCommunityId; NIST: a simulator name — protocol.md §4.3), so it is never interpreted.
 *
 * @param errorCode raw code, never null (empty when the peer sent none)
 * @param codeContext human text, may be null
 * @param location may be null
 * @param severity Error when the peer sent none or an unknown one
 */
public record RegistryError(String errorCode, String codeContext, String location, ErrorSeverity severity) {
  public RegistryError {
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(severity, "severity");
  }

  public static RegistryError error(RegistryErrorCode code, String codeContext, String location) {
    return new RegistryError(code.code(), codeContext, location, ErrorSeverity.ERROR);
  }

  public static RegistryError warning(RegistryErrorCode code, String codeContext, String location) {
    return new RegistryError(code.code(), codeContext, location, ErrorSeverity.WARNING);
  }

  public Optional<RegistryErrorCode> knownCode() {
    return RegistryErrorCode.of(errorCode);
  }

  public boolean isError() {
    return severity == ErrorSeverity.ERROR;
  }
}
