package org.xcaibridge.trust;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One audit message in the form of DICOM PS3.15 A.5.1 (the "DICOM audit message schema" that IHE ATNA,
 * ITI TF-2 §3.20, sends over syslog): what happened ({@link EventIdentification}), who took part
 * ({@link ActiveParticipant}, at least one), who reports it ({@link AuditSourceIdentification}) and which
 * patients, documents, studies or queries it concerned ({@link ParticipantObjectIdentification}).
 *
 * <p>Optional fields are {@code null}; lists are never null and are copied. Values may hold any text: the
 * {@link AuditXmlWriter} replaces what XML 1.0 cannot carry, so a hostile value taken from a peer (a SAML
 * subject, a patient id) can never stop an event from being recorded.
 */
public record AuditMessage(
    EventIdentification event,
    List<ActiveParticipant> activeParticipants,
    AuditSourceIdentification auditSource,
    List<ParticipantObjectIdentification> participantObjects) {

  public AuditMessage {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(auditSource, "auditSource");
    activeParticipants = List.copyOf(activeParticipants);
    participantObjects = List.copyOf(participantObjects);
    if (activeParticipants.isEmpty()) {
      throw new IllegalArgumentException("an audit message needs at least one ActiveParticipant");
    }
  }

  /** A coded value (the schema's CodedValueType): {@code csd-code}, {@code codeSystemName}, {@code originalText}. */
  public record CodedValue(String code, String codeSystemName, String originalText) {
    public CodedValue {
      requireText(code, "code");
      requireText(codeSystemName, "codeSystemName");
      requireText(originalText, "originalText");
    }
  }

  /** EventActionCode: what was done to the participant objects. */
  public enum EventActionCode {
    CREATE("C"), READ("R"), UPDATE("U"), DELETE("D"), EXECUTE("E");

    private final String code;

    EventActionCode(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** EventOutcomeIndicator. */
  public enum EventOutcome {
    SUCCESS(0), MINOR_FAILURE(4), SERIOUS_FAILURE(8), MAJOR_FAILURE(12);

    private final int code;

    EventOutcome(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** NetworkAccessPointTypeCode: what kind of address NetworkAccessPointID holds. */
  public enum NetworkAccessPointType {
    MACHINE_NAME(1), IP_ADDRESS(2), TELEPHONE_NUMBER(3), EMAIL_ADDRESS(4), URI(5);

    private final int code;

    NetworkAccessPointType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    /**
     * IP_ADDRESS for an IPv4 or IPv6 literal, MACHINE_NAME otherwise. Decided from the text alone: resolving
     * the name would block and could leak the audit to DNS.
     */
    public static NetworkAccessPointType of(String address) {
      if (address.indexOf(':') >= 0 || address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
        return IP_ADDRESS;
      }
      return MACHINE_NAME;
    }
  }

  /** ParticipantObjectTypeCode. */
  public enum ParticipantObjectType {
    PERSON(1), SYSTEM_OBJECT(2), ORGANIZATION(3), OTHER(4);

    private final int code;

    ParticipantObjectType(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** ParticipantObjectTypeCodeRole: the values this bridge uses (PS3.15 A.5.1.2.2 has 26). */
  public enum ParticipantObjectRole {
    PATIENT(1), LOCATION(2), REPORT(3), RESOURCE(4), USER(6), SECURITY_RESOURCE(13), DATA_DESTINATION(16),
    DATA_REPOSITORY(17), QUERY(24), DATA_SOURCE(25);

    private final int code;

    ParticipantObjectRole(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /**
   * EventIdentification.
   *
   * @param outcomeDescription free text, or null; never patient data
   * @param purposesOfUse      PurposeOfUse codes (IHE XUA: the assertion's purposeofuse), may be empty
   */
  public record EventIdentification(
      CodedValue eventId,
      EventActionCode actionCode,
      Instant dateTime,
      EventOutcome outcome,
      List<CodedValue> eventTypeCodes,
      String outcomeDescription,
      List<CodedValue> purposesOfUse) {
    public EventIdentification {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(actionCode, "actionCode");
      Objects.requireNonNull(dateTime, "dateTime");
      Objects.requireNonNull(outcome, "outcome");
      eventTypeCodes = List.copyOf(eventTypeCodes);
      purposesOfUse = List.copyOf(purposesOfUse);
    }
  }

  /**
   * ActiveParticipant.
   *
   * @param userId                the participant's identity (a SOAP endpoint, a wsa:ReplyTo address, a user id)
   * @param alternativeUserId     e.g. the process id of the local application, or null
   * @param userName              a human-readable name, or null
   * @param networkAccessPointId  host name or address, or null (then the type is null too)
   */
  public record ActiveParticipant(
      String userId,
      String alternativeUserId,
      String userName,
      boolean userIsRequestor,
      List<CodedValue> roleIdCodes,
      String networkAccessPointId,
      NetworkAccessPointType networkAccessPointType) {
    public ActiveParticipant {
      requireText(userId, "userId");
      roleIdCodes = List.copyOf(roleIdCodes);
      if ((networkAccessPointId == null) != (networkAccessPointType == null)) {
        throw new IllegalArgumentException("NetworkAccessPointID and its type code come together");
      }
    }
  }

  /**
   * AuditSourceIdentification.
   *
   * @param enterpriseSiteId AuditEnterpriseSiteID, or null
   * @param typeCodes        AuditSourceTypeCode values, may be empty
   */
  public record AuditSourceIdentification(String auditSourceId, String enterpriseSiteId, List<CodedValue> typeCodes) {
    public AuditSourceIdentification {
      requireText(auditSourceId, "auditSourceId");
      typeCodes = List.copyOf(typeCodes);
    }
  }

  /** ParticipantObjectDetail: a named value, written base64 encoded as the schema requires. */
  public record ValuePair(String type, byte[] value) {
    public ValuePair {
      requireText(type, "type");
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ValuePair p && type.equals(p.type) && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "ValuePair[" + type + ", " + value.length + " bytes]";
    }
  }

  /**
   * ParticipantObjectIdentification.
   *
   * @param name  ParticipantObjectName, or null
   * @param query ParticipantObjectQuery (the query as sent, written base64), or null; not both name and query
   */
  public record ParticipantObjectIdentification(
      String objectId,
      ParticipantObjectType type,
      ParticipantObjectRole role,
      CodedValue idTypeCode,
      String name,
      byte[] query,
      List<ValuePair> details) {
    public ParticipantObjectIdentification {
      requireText(objectId, "objectId");
      Objects.requireNonNull(idTypeCode, "idTypeCode");
      if (name != null && query != null) {
        throw new IllegalArgumentException(
            "the schema allows ParticipantObjectName or ParticipantObjectQuery, not both");
      }
      query = query == null ? null : query.clone();
      details = List.copyOf(details);
    }

    @Override
    public byte[] query() {
      return query == null ? null : query.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParticipantObjectIdentification p && objectId.equals(p.objectId) && type == p.type
          && role == p.role && idTypeCode.equals(p.idTypeCode) && Objects.equals(name, p.name)
          && Arrays.equals(query, p.query) && details.equals(p.details);
    }

    @Override
    public int hashCode() {
      return Objects.hash(objectId, type, role, idTypeCode, name, details) * 31 + Arrays.hashCode(query);
    }

    @Override
    public String toString() {
      return "ParticipantObjectIdentification[" + objectId + ", " + idTypeCode.code() + ", role " + role
          + (query == null ? "" : ", query " + query.length + " bytes") + ", " + details + "]";
    }
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
