package org.xcaibridge.ihe;

import java.util.List;
import java.util.Objects;

/**
 * ITI-55 response, {@code PRPA_IN201306UV02} (protocol.md §6.2).
 *
 * @param acknowledgementCode AA (accepted) or AE/AR (error)
 * @param targetMessageId the request's message id
 * @param acknowledgementDetails texts of {@code acknowledgement/acknowledgementDetail}, may be empty
 * @param detectedIssueCodes codes of {@code reasonOf/detectedIssueEvent/mitigatedBy/detectedIssueManagement}
 *     (e.g. InternalError, AnswerNotAvailable, LivingSubjectAdministrativeGenderRequested)
 * @param query the echoed queryByParameter, null when absent
 */
public record PatientDiscoveryResponse(Ii messageId, String creationTime, Device receiver, Device sender,
    String acknowledgementCode, Ii targetMessageId, List<String> acknowledgementDetails,
    QueryResponseCode queryResponseCode, List<MatchedPatient> subjects, List<String> detectedIssueCodes,
    PatientQuery query) implements IheMessage {
  public PatientDiscoveryResponse {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(creationTime, "creationTime");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(acknowledgementCode, "acknowledgementCode");
    Objects.requireNonNull(queryResponseCode, "queryResponseCode");
    acknowledgementDetails = List.copyOf(acknowledgementDetails);
    subjects = List.copyOf(subjects);
    detectedIssueCodes = List.copyOf(detectedIssueCodes);
  }
}
