package org.xcaibridge.gateway;

import java.util.List;
import java.util.Objects;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.ResponseStatus;

/**
 * How a whole RAD-75 retrieval ended, over all the calls it was split into.
 *
 * @param status    Success when every call succeeded, Failure when none delivered an instance, else
 *                  PartialSuccess
 * @param errors    every RegistryError of every call, in order (the instances the community could not give)
 * @param calls     how many RAD-75 calls were made
 * @param instances how many instances were handed on
 */
public record RetrievalOutcome(ResponseStatus status, List<RegistryError> errors, int calls, int instances) {
  public RetrievalOutcome {
    Objects.requireNonNull(status, "status");
    errors = List.copyOf(errors);
  }
}
