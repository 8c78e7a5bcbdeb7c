package org.xcaibridge.trust;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xcaibridge.trust.AuditEvent.ApplicationActivity;
import org.xcaibridge.trust.AuditEvent.AuthenticationFailure;
import org.xcaibridge.trust.AuditEvent.CrossGatewayQuery;
import org.xcaibridge.trust.AuditEvent.CrossGatewayRetrieve;
import org.xcaibridge.trust.AuditEvent.Exchange;
import org.xcaibridge.trust.AuditEvent.PatientDiscovery;
import org.xcaibridge.trust.AuditEvent.Side;
import org.xcaibridge.trust.AuditMessage.ActiveParticipant;
import org.xcaibridge.trust.AuditMessage.CodedValue;
import org.xcaibridge.trust.AuditMessage.EventActionCode;
import org.xcaibridge.trust.AuditMessage.EventIdentification;
import org.xcaibridge.trust.AuditMessage.NetworkAccessPointType;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectIdentification;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectRole;
import org.xcaibridge.trust.AuditMessage.ParticipantObjectType;
import org.xcaibridge.trust.AuditMessage.ValuePair;

/**
 * Builds the {@link AuditMessage} of each {@link AuditEvent}, one method per event kind, following the
 * audit tables of ITI TF-2 (§3.38.5 ITI-38, §3.39.5 ITI-39, §3.55.5 ITI-55; RAD-75 audits like ITI-39 with its
 * own event type code) and DICOM PS3.15 A.5.3 (Application Activity, User Authentication, Security Alert).
 *
 * <p>Roles: in a query (ITI-38, ITI-55) the initiating gateway is the Source and the requestor, the responding
 * gateway the Destination; in a retrieve the responding gateway is the Source (it has the documents) and the
 * initiating gateway, still the requestor, the Destination. The bridge's own participant carries its process id
 * and host from the {@link AuditNode}; the other gateway's carries the remote host passed in. EventDateTime is
 * the {@link Clock}'s time when the message is built.
 */
public final class AuditEvents {
  private final AuditNode node;
  private final Clock clock;

  public AuditEvents(AuditNode node, Clock clock) {
    this.node = Objects.requireNonNull(node, "node");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The message of any event. */
  public AuditMessage build(AuditEvent event) {
    if (event instanceof CrossGatewayQuery q) {
      return query(q);
    } else if (event instanceof CrossGatewayRetrieve r) {
      return retrieve(r);
    } else if (event instanceof PatientDiscovery p) {
      return patientDiscovery(p);
    } else if (event instanceof AuthenticationFailure a) {
      return authenticationFailure(a);
    } else if (event instanceof ApplicationActivity a) {
      return applicationActivity(a);
    }
    throw new IllegalArgumentException("unknown audit event " + event);
  }

  /** ITI-38: Query (110112), action E; patient (if known) and the query with its AdhocQueryRequest. */
  public AuditMessage query(CrossGatewayQuery q) {
    List<ParticipantObjectIdentification> objects = new ArrayList<>();
    addPatient(objects, q.patientId());
    List<ValuePair> details = new ArrayList<>();
    details.add(new ValuePair(AuditCodes.DETAIL_QUERY_ENCODING, "UTF-8".getBytes(StandardCharsets.UTF_8)));
    if (q.homeCommunityId() != null) {
      details.add(new ValuePair(AuditCodes.DETAIL_XCA_HOME_COMMUNITY_ID, utf8(q.homeCommunityId())));
    }
    objects.add(new ParticipantObjectIdentification(q.storedQueryId(), ParticipantObjectType.SYSTEM_OBJECT,
        ParticipantObjectRole.QUERY, AuditCodes.ITI_38, null, q.adhocQueryRequest(), details));
    return message(AuditCodes.QUERY, EventActionCode.EXECUTE, q.outcome(), AuditCodes.ITI_38, q.exchange(),
        queryParticipants(q.exchange()), objects);
  }

  /**
   * ITI-39 / RAD-75: Import (110107, action C) on the initiating side, Export (110106, action R) on the
   * responding side; patient, studies (Study Instance UID, 110180) and documents (Report Number) with their
   * repository and home community.
   */
  public AuditMessage retrieve(CrossGatewayRetrieve r) {
    boolean initiating = r.exchange().side() == Side.INITIATING_GATEWAY;
    List<ParticipantObjectIdentification> objects = new ArrayList<>();
    addPatient(objects, r.patientId());
    for (String study : r.studyInstanceUids()) {
      objects.add(new ParticipantObjectIdentification(study, ParticipantObjectType.SYSTEM_OBJECT,
          ParticipantObjectRole.REPORT, AuditCodes.STUDY_INSTANCE_UID, null, null, List.of()));
    }
    for (AuditEvent.Document d : r.documents()) {
      List<ValuePair> details = new ArrayList<>();
      if (d.repositoryUniqueId() != null) {
        details.add(new ValuePair(AuditCodes.DETAIL_REPOSITORY_UNIQUE_ID, utf8(d.repositoryUniqueId())));
      }
      if (d.homeCommunityId() != null) {
        details.add(new ValuePair(AuditCodes.DETAIL_HOME_COMMUNITY_ID, utf8(d.homeCommunityId())));
      }
      objects.add(new ParticipantObjectIdentification(d.documentUniqueId(), ParticipantObjectType.SYSTEM_OBJECT,
          ParticipantObjectRole.REPORT, AuditCodes.REPORT_NUMBER, null, null, details));
    }
    Exchange x = r.exchange();
    List<ActiveParticipant> participants = new ArrayList<>();
    participants.add(responder(x, AuditCodes.SOURCE));
    participants.add(initiator(x, AuditCodes.DESTINATION));
    addRequestor(participants, x);
    return message(initiating ? AuditCodes.IMPORT : AuditCodes.EXPORT,
        initiating ? EventActionCode.CREATE : EventActionCode.READ, r.outcome(), r.transaction().eventType(), x,
        participants, objects);
  }

  /** ITI-55: Query (110112), action E; the QueryByParameter, and the patients asked for or found. */
  public AuditMessage patientDiscovery(PatientDiscovery p) {
    List<ParticipantObjectIdentification> objects = new ArrayList<>();
    for (String patientId : p.patientIds()) {
      addPatient(objects, patientId);
    }
    List<ValuePair> details = new ArrayList<>();
    if (p.homeCommunityId() != null) {
      details.add(new ValuePair(AuditCodes.DETAIL_HOME_COMMUNITY_ID, utf8(p.homeCommunityId())));
    }
    objects.add(new ParticipantObjectIdentification(p.queryId(), ParticipantObjectType.SYSTEM_OBJECT,
        ParticipantObjectRole.QUERY, AuditCodes.ITI_55, null, p.queryByParameter(), details));
    return message(AuditCodes.QUERY, EventActionCode.EXECUTE, p.outcome(), AuditCodes.ITI_55, p.exchange(),
        queryParticipants(p.exchange()), objects);
  }

  /**
   * User: User Authentication (110114) / Login (110122), the claimant as requestor and the bridge as the
   * authenticating node. Node: Security Alert (110113) / Node Authentication (110126), the bridge reporting
   * and the remote node. The reason goes into EventOutcomeDescription.
   */
  public AuditMessage authenticationFailure(AuthenticationFailure a) {
    boolean user = a.kind() == AuditEvent.AuthenticationKind.USER;
    String claimed = a.claimedIdentity() == null || a.claimedIdentity().isBlank() ? "unknown" : a.claimedIdentity();
    List<ActiveParticipant> participants = new ArrayList<>();
    participants.add(remote(claimed, true, null, a.remoteHost()));
    participants.add(node.participant(node.applicationName(), false, null));
    EventIdentification event = new EventIdentification(user ? AuditCodes.USER_AUTHENTICATION
        : AuditCodes.SECURITY_ALERT, EventActionCode.EXECUTE, clock.instant(), a.outcome(),
        List.of(user ? AuditCodes.LOGIN : AuditCodes.NODE_AUTHENTICATION), a.reason(), List.of());
    return new AuditMessage(event, participants, node.source(), List.of());
  }

  /** Application Activity (110100) / Application Start or Stop; the bridge and, if known, its launcher. */
  public AuditMessage applicationActivity(ApplicationActivity a) {
    List<ActiveParticipant> participants = new ArrayList<>();
    participants.add(node.participant(node.applicationName(), false, AuditCodes.APPLICATION));
    if (a.launcherUserId() != null) {
      participants.add(new ActiveParticipant(a.launcherUserId(), null, null, true,
          List.of(AuditCodes.APPLICATION_LAUNCHER), null, null));
    }
    EventIdentification event = new EventIdentification(AuditCodes.APPLICATION_ACTIVITY, EventActionCode.EXECUTE,
        clock.instant(), a.outcome(), List.of(a.start() ? AuditCodes.APPLICATION_START : AuditCodes.APPLICATION_STOP),
        null, List.of());
    return new AuditMessage(event, participants, node.source(), List.of());
  }

  private List<ActiveParticipant> queryParticipants(Exchange x) {
    List<ActiveParticipant> participants = new ArrayList<>();
    participants.add(initiator(x, AuditCodes.SOURCE));
    participants.add(responder(x, AuditCodes.DESTINATION));
    addRequestor(participants, x);
    return participants;
  }

  /** The initiating gateway, always the requestor; UserID is its wsa:ReplyTo. */
  private ActiveParticipant initiator(Exchange x, CodedValue role) {
    String replyTo = x.initiatorReplyTo() == null || x.initiatorReplyTo().isBlank()
        ? AuditCodes.ANONYMOUS_REPLY_TO : x.initiatorReplyTo();
    return x.side() == Side.INITIATING_GATEWAY
        ? node.participant(replyTo, true, role)
        : remote(replyTo, true, role, x.remoteHost());
  }

  /** The responding gateway; UserID is its SOAP endpoint URI. */
  private ActiveParticipant responder(Exchange x, CodedValue role) {
    return x.side() == Side.RESPONDING_GATEWAY
        ? node.participant(x.responderEndpoint(), false, role)
        : remote(x.responderEndpoint(), false, role, x.remoteHost());
  }

  private static ActiveParticipant remote(String userId, boolean requestor, CodedValue role, String host) {
    boolean known = host != null && !host.isBlank();
    return new ActiveParticipant(userId, null, null, requestor, role == null ? List.of() : List.of(role),
        known ? host : null, known ? NetworkAccessPointType.of(host) : null);
  }

  private static void addRequestor(List<ActiveParticipant> participants, Exchange x) {
    AuditEvent.Requestor r = x.requestor();
    if (r != null) {
      participants.add(new ActiveParticipant(r.userId(), null, r.userName(), true, r.roles(), null, null));
    }
  }

  private static void addPatient(List<ParticipantObjectIdentification> objects, String patientId) {
    if (patientId != null && !patientId.isBlank()) {
      objects.add(new ParticipantObjectIdentification(patientId, ParticipantObjectType.PERSON,
          ParticipantObjectRole.PATIENT, AuditCodes.PATIENT_NUMBER, null, null, List.of()));
    }
  }

  private AuditMessage message(CodedValue eventId, EventActionCode action, AuditMessage.EventOutcome outcome,
      CodedValue eventType, Exchange x, List<ActiveParticipant> participants,
      List<ParticipantObjectIdentification> objects) {
    List<CodedValue> purposes = x.requestor() == null ? List.of() : x.requestor().purposesOfUse();
    EventIdentification event =
        new EventIdentification(eventId, action, clock.instant(), outcome, List.of(eventType), null, purposes);
    return new AuditMessage(event, participants, node.source(), objects);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
