package org.xcaibridge.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryResponse;

/**
 * What an ITI-55 XCPD answer says about the patient, for a caller that must never guess (issue 7): a match with
 * its candidates, or no match. Error answers (acknowledgement AE/AR, queryResponseCode AE/QE) are
 * {@link GatewayException.ErrorResponse}s instead.
 */
public sealed interface PatientDiscovery permits PatientDiscovery.Matched, PatientDiscovery.NotFound {
  /** The answer as received. */
  PatientDiscoveryResponse response();

  /** queryResponseCode OK: one or more candidates, in the community's order. */
  record Matched(PatientDiscoveryResponse response, List<MatchedPatient> candidates) implements PatientDiscovery {
    public Matched {
      Objects.requireNonNull(response, "response");
      candidates = List.copyOf(candidates);
      if (candidates.isEmpty()) {
        throw new IllegalArgumentException("a match needs at least one candidate");
      }
    }

    /**
     * The patient when the answer is unambiguous: exactly one candidate, with a patient id, whose match score
     * (when the community gave one) is at least {@code minimumScore}. Several candidates or a low score give
     * nothing: the caller then reports the patient as unresolved rather than pick one.
     */
    public Optional<MatchedPatient> unambiguous(int minimumScore) {
      if (candidates.size() != 1) {
        return Optional.empty();
      }
      MatchedPatient p = candidates.get(0);
      if (p.patientIds().isEmpty() || (p.matchScore() != null && p.matchScore() < minimumScore)) {
        return Optional.empty();
      }
      return Optional.of(p);
    }
  }

  /** queryResponseCode NF: the community knows no such patient. */
  record NotFound(PatientDiscoveryResponse response) implements PatientDiscovery {
    public NotFound {
      Objects.requireNonNull(response, "response");
    }
  }
}
