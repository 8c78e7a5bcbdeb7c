package org.xcaibridge.trust;

import java.util.List;
import java.util.Objects;
import org.xcaibridge.trust.AuditMessage.CodedValue;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * The events the bridge audits, as plain values; {@link AuditEvents} turns each into its {@link AuditMessage}.
 * Optional values are {@code null}; byte arrays are copied in.
 */
public sealed interface AuditEvent permits AuditEvent.CrossGatewayQuery, AuditEvent.CrossGatewayRetrieve,
    AuditEvent.PatientDiscovery, AuditEvent.AuthenticationFailure, AuditEvent.ApplicationActivity {

  EventOutcome outcome();

  /** Which gateway of the exchange this bridge was. */
  enum Side { INITIATING_GATEWAY, RESPONDING_GATEWAY }

  /**
   * The human (or service) on whose behalf a request was made, from the XUA assertion (protocol.md §7).
   *
   * @param userId        the assertion's subject-id (or NameID)
   * @param userName      a display name, or null
   * @param roles         subject:role codes (SNOMED CT), may be empty
   * @param purposesOfUse purposeofuse codes; they go into EventIdentification/PurposeOfUse
   */
  record Requestor(String userId, String userName, List<CodedValue> roles, List<CodedValue> purposesOfUse) {
    public Requestor {
      AuditMessage.requireText(userId, "userId");
      roles = List.copyOf(roles);
      purposesOfUse = List.copyOf(purposesOfUse);
    }

    /**
     * The requestor a validated assertion names (responding side, ITI TF-2 §3.40.4.2 XUA): UserID its NameID, or
     * its subject-id when it has none; UserName the subject-id; its role and purpose of use.
     */
    public static Requestor of(XuaAssertion assertion) {
      String subjectId = assertion.subjectId().filter(s -> !s.isBlank()).orElse(null);
      String nameId = assertion.nameId() == null || assertion.nameId().value() == null
          || assertion.nameId().value().isBlank() ? null : assertion.nameId().value();
      String userId = nameId != null ? nameId : subjectId != null ? subjectId : assertion.issuer();
      return new Requestor(userId, subjectId, assertion.role().map(Requestor::coded).stream().toList(),
          assertion.purposeOfUse().map(Requestor::coded).stream().toList());
    }

    /**
     * The requestor this bridge asserts (initiating side): UserID the NameID it sends, or the subject-id; UserName
     * the subject-id.
     */
    public static Requestor of(XuaSubject subject) {
      String userId = subject.nameId().map(XuaSubject.NameId::value).orElse(subject.subjectId());
      return new Requestor(userId, subject.subjectId(), List.of(coded(subject.role())),
          List.of(coded(subject.purposeOfUse())));
    }

    private static CodedValue coded(XuaCode c) {
      return new CodedValue(c.code(), c.codeSystemName().orElse(c.codeSystem()), c.displayName().orElse(c.code()));
    }
  }

  /**
   * The two gateways of one cross-community exchange.
   *
   * @param side              which of them this bridge was
   * @param initiatorReplyTo  the initiating gateway's wsa:ReplyTo, or null for anonymous
   * @param responderEndpoint the responding gateway's SOAP endpoint URI
   * @param remoteHost        the other gateway's host name or IP address, or null if unknown
   * @param requestor         the human requestor, or null
   */
  record Exchange(Side side, String initiatorReplyTo, String responderEndpoint, String remoteHost,
      Requestor requestor) {
    public Exchange {
      Objects.requireNonNull(side, "side");
      AuditMessage.requireText(responderEndpoint, "responderEndpoint");
    }
  }

  /**
   * ITI-38 Cross Gateway Query (ITI TF-2 §3.38.5): EventID Query (110112).
   *
   * @param patientId         the patient id queried for, HL7 CX form, or null
   * @param storedQueryId     the stored query's UUID
   * @param adhocQueryRequest the AdhocQueryRequest as sent or received, UTF-8 XML
   * @param homeCommunityId   the responding community's home community id, or null
   */
  record CrossGatewayQuery(EventOutcome outcome, Exchange exchange, String patientId, String storedQueryId,
      byte[] adhocQueryRequest, String homeCommunityId) implements AuditEvent {
    public CrossGatewayQuery {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(exchange, "exchange");
      AuditMessage.requireText(storedQueryId, "storedQueryId");
      adhocQueryRequest = adhocQueryRequest.clone();
    }
  }

  /** One retrieved document: its DocumentUniqueId (for imaging, the SOP Instance UID) and where it lives. */
  record Document(String documentUniqueId, String repositoryUniqueId, String homeCommunityId) {
    public Document {
      AuditMessage.requireText(documentUniqueId, "documentUniqueId");
    }
  }

  /** The transaction of a retrieve. */
  enum RetrieveTransaction {
    ITI_39(AuditCodes.ITI_39), RAD_69(AuditCodes.RAD_69), RAD_75(AuditCodes.RAD_75);

    private final CodedValue eventType;

    RetrieveTransaction(CodedValue eventType) {
      this.eventType = eventType;
    }

    public CodedValue eventType() {
      return eventType;
    }
  }

  /**
   * ITI-39 Cross Gateway Retrieve or RAD-75 Cross Gateway Retrieve Imaging Document Set: Import (110107) on
   * the initiating side, Export (110106) on the responding side. One message per outcome: documents that
   * failed go into a second event with a failure outcome.
   *
   * @param patientId         the patient's id, HL7 CX form, or null
   * @param studyInstanceUids the studies the documents belong to (RAD-75), may be empty
   * @param documents         the documents (at least one)
   */
  record CrossGatewayRetrieve(EventOutcome outcome, Exchange exchange, RetrieveTransaction transaction,
      String patientId, List<String> studyInstanceUids, List<Document> documents) implements AuditEvent {
    public CrossGatewayRetrieve {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(exchange, "exchange");
      Objects.requireNonNull(transaction, "transaction");
      studyInstanceUids = List.copyOf(studyInstanceUids);
      documents = List.copyOf(documents);
      if (documents.isEmpty()) {
        throw new IllegalArgumentException("a retrieve audit names at least one document");
      }
    }
  }

  /**
   * ITI-55 Cross Gateway Patient Discovery (ITI TF-2 §3.55.5): EventID Query (110112).
   *
   * @param queryId          the HL7 V3 query id (queryByParameter/queryId), the object's id
   * @param queryByParameter the QueryByParameter element as sent or received, UTF-8 XML
   * @param homeCommunityId  the other community's home community id, or null
   * @param patientIds       patient ids involved (asked for or returned), HL7 CX form, may be empty
   */
  record PatientDiscovery(EventOutcome outcome, Exchange exchange, String queryId, byte[] queryByParameter,
      String homeCommunityId, List<String> patientIds) implements AuditEvent {
    public PatientDiscovery {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(exchange, "exchange");
      AuditMessage.requireText(queryId, "queryId");
      queryByParameter = queryByParameter.clone();
      patientIds = List.copyOf(patientIds);
    }
  }

  /** What failed to authenticate: a user (e.g. a rejected SAML assertion or bearer token) or a node (TLS). */
  enum AuthenticationKind { USER, NODE }

  /**
   * A failed authentication: User Authentication (110114, Login) for a user; Security Alert (110113, Node
   * Authentication) for a node that failed the TLS handshake.
   *
   * @param claimedIdentity who it claimed to be (subject id, certificate subject), or null if unknown
   * @param remoteHost      where it came from, or null
   * @param reason          why it was refused (EventOutcomeDescription): no secrets, no patient data
   */
  record AuthenticationFailure(EventOutcome outcome, AuthenticationKind kind, String claimedIdentity,
      String remoteHost, String reason) implements AuditEvent {
    public AuthenticationFailure {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(kind, "kind");
      if (outcome == EventOutcome.SUCCESS) {
        throw new IllegalArgumentException("an authentication failure cannot have outcome SUCCESS");
      }
    }
  }

  /**
   * Application Activity (110100): the bridge started (110120) or stopped (110121).
   *
   * @param launcherUserId who or what started or stopped it (a user, a service manager), or null
   */
  record ApplicationActivity(EventOutcome outcome, boolean start, String launcherUserId) implements AuditEvent {
    public ApplicationActivity {
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}
