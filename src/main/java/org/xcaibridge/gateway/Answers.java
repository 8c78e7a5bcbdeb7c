package org.xcaibridge.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xcaibridge.ihe.ErrorSeverity;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.QueryResponseCode;
import org.xcaibridge.ihe.RegistryError;
import org.xcaibridge.ihe.RegistryResponse;
import org.xcaibridge.ihe.ResponseStatus;

/** What answers mean: statuses merged over split calls, XCPD acknowledgements read as match or error. */
final class Answers {
  private Answers() {}

  /**
   * The status of several calls together: Success when all succeeded, Failure when all failed, else
   * PartialSuccess (RAD TF RAD75-003's consolidation); errors in call order.
   */
  static RegistryResponse merge(List<RegistryResponse> responses) {
    if (responses.size() == 1) {
      return responses.get(0);
    }
    boolean allSuccess = responses.stream().allMatch(r -> r.status() == ResponseStatus.SUCCESS);
    boolean allFailure = !responses.isEmpty()
        && responses.stream().allMatch(r -> r.status() == ResponseStatus.FAILURE);
    List<RegistryError> errors = new ArrayList<>();
    responses.forEach(r -> errors.addAll(r.errors()));
    ResponseStatus status = allSuccess ? ResponseStatus.SUCCESS
        : allFailure ? ResponseStatus.FAILURE : ResponseStatus.PARTIAL_SUCCESS;
    return new RegistryResponse(status, errors);
  }

  /** Reads an XCPD answer: OK with candidates, NF, or an error acknowledgement (thrown). */
  static PatientDiscovery discovery(PatientDiscoveryResponse r, CommunityEndpoints community)
      throws GatewayException.ErrorResponse {
    String ack = r.acknowledgementCode().trim().toUpperCase(Locale.ROOT);
    QueryResponseCode code = r.queryResponseCode();
    if ((!ack.equals("AA") && !ack.equals("CA")) || code == QueryResponseCode.AE || code == QueryResponseCode.QE) {
      throw new GatewayException.ErrorResponse(community, IheTransaction.ITI_55,
          "acknowledgement " + ack + ", queryResponseCode " + code, issues(r, community));
    }
    if (code == QueryResponseCode.OK && !r.subjects().isEmpty()) {
      return new PatientDiscovery.Matched(r, r.subjects());
    }
    // NF, or OK with no subject (seen from peers that say OK for "query processed"): no patient either way
    return new PatientDiscovery.NotFound(r);
  }

  /** XCPD issue codes and acknowledgement texts as RegistryErrors, so one type carries every error answer. */
  private static List<RegistryError> issues(PatientDiscoveryResponse r, CommunityEndpoints community) {
    List<RegistryError> out = new ArrayList<>();
    for (String code : r.detectedIssueCodes()) {
      out.add(new RegistryError(code, null, community.homeCommunityId(), ErrorSeverity.ERROR));
    }
    for (String detail : r.acknowledgementDetails()) {
      out.add(new RegistryError("", detail, community.homeCommunityId(), ErrorSeverity.ERROR));
    }
    return out;
  }
}
