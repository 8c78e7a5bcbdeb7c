package org.xcaibridge.ihe;

import java.util.Objects;

/**
 * An ITI-38 stored query that breaks a rule of the stored queries (ITI TF-2a 3.18.4.1.2.3): a required parameter
 * missing, a parameter given too often or in a combination the query does not allow, a query id we do not serve,
 * a value of the wrong syntax. Carries the registry error code a responder answers it with (protocol.md §2.7), so
 * the answer can be an {@code AdhocQueryResponse} with that code rather than a SOAP fault.
 */
public final class StoredQueryException extends IheParseException {
  private final RegistryErrorCode code;

  public StoredQueryException(RegistryErrorCode code, String message, int line, int column) {
    super(message, line, column);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** XDSStoredQueryMissingParam, XDSStoredQueryParamNumber, XDSUnknownStoredQuery or XDSRegistryError. */
  public RegistryErrorCode code() {
    return code;
  }
}
