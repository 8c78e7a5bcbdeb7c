package org.xcaibridge.responder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.DocumentResponse;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.IheMessage;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientDiscoveryResponse;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveDocumentSetResponse;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditMessage.EventOutcome;

/**
 * The audit events of one served transaction, responding side (ITI TF-2 §3.38.5, §3.39.5, §3.55.5; RAD TF-3
 * §4.69, §4.75: Export for a retrieve): what the request asked and what the answer gave. A request refused as a
 * whole (an assertion rejected, a broken answer) is recorded with the serious-failure outcome and no answer; a
 * retrieve gives one event for the documents delivered and one, with a failure outcome, for those that were not.
 */
final class TransactionAudits {
  private TransactionAudits() {}

  /**
   * @param reply the answer sent, or null when the request was refused or the answer broke off
   */
  static List<AuditEvent> of(IheTransaction transaction, IheMessage request, IheMessage reply,
      AuditEvent.Exchange exchange, ResponderIdentity identity) {
    if (request instanceof AdhocQueryRequest q) {
      return List.of(query(q, reply instanceof AdhocQueryResponse r ? r : null, exchange, identity));
    }
    if (request instanceof PatientDiscoveryRequest p) {
      return List.of(discovery(p, reply instanceof PatientDiscoveryResponse r ? r : null, exchange, identity));
    }
    RetrieveDocumentSetResponse answer = reply instanceof RetrieveDocumentSetResponse r ? r : null;
    if (request instanceof RetrieveDocumentSetRequest r) {
      return retrieve(AuditEvent.RetrieveTransaction.ITI_39, r.documents(), List.of(), answer, exchange);
    }
    if (request instanceof RetrieveImagingDocumentSetRequest r) {
      List<String> studies = r.studies().stream().map(StudyRequest::studyInstanceUid).map(String::strip).toList();
      return retrieve(transaction == IheTransaction.RAD_69 ? AuditEvent.RetrieveTransaction.RAD_69
          : AuditEvent.RetrieveTransaction.RAD_75, r.documentRequests(), studies, answer, exchange);
    }
    return List.of();
  }

  private static AuditEvent query(AdhocQueryRequest q, AdhocQueryResponse r, AuditEvent.Exchange x,
      ResponderIdentity identity) {
    EventOutcome outcome = r == null ? EventOutcome.SERIOUS_FAILURE : outcome(r.status());
    String patient = null;
    if (q.query() instanceof StoredQuery.FindDocuments f) {
      patient = f.patientId().encode();
    } else if (q.query() instanceof StoredQuery.FindDocumentsByReferenceId f) {
      patient = f.patientId().encode();
    }
    return new AuditEvent.CrossGatewayQuery(outcome, x, patient, q.query().id(),
        IheCodec.withDefaults().toXml(q), identity.homeCommunityId());
  }

  private static AuditEvent discovery(PatientDiscoveryRequest p, PatientDiscoveryResponse r, AuditEvent.Exchange x,
      ResponderIdentity identity) {
    EventOutcome outcome;
    Set<String> patients = new LinkedHashSet<>();
    for (Ii id : p.query().livingSubjectIds()) {
      if (id.extension() != null) {
        patients.add(id.toCx().encode());
      }
    }
    if (r == null) {
      outcome = EventOutcome.SERIOUS_FAILURE;
    } else {
      switch (r.queryResponseCode()) {
        case OK:
        case NF:
          outcome = "AA".equals(r.acknowledgementCode()) ? EventOutcome.SUCCESS : EventOutcome.MINOR_FAILURE;
          break;
        case QE:
          outcome = EventOutcome.MINOR_FAILURE;
          break;
        case AE:
        default:
          outcome = EventOutcome.SERIOUS_FAILURE;
      }
      for (MatchedPatient m : r.subjects()) {
        for (Ii id : m.patientIds()) {
          if (id.extension() != null) {
            patients.add(id.toCx().encode());
          }
        }
      }
    }
    Ii queryId = p.query().queryId();
    String id = queryId.extension() == null ? queryId.root() : queryId.root() + "^" + queryId.extension();
    return new AuditEvent.PatientDiscovery(outcome, x, id, IheCodec.queryByParameterXml(p.query()),
        identity.homeCommunityId(), List.copyOf(patients));
  }

  /** Delivered documents in one event, the others in a second one with a failure outcome. */
  private static List<AuditEvent> retrieve(AuditEvent.RetrieveTransaction t, List<DocumentRequest> asked,
      List<String> studies, RetrieveDocumentSetResponse answer, AuditEvent.Exchange x) {
    Set<String> delivered = new LinkedHashSet<>();
    if (answer != null) {
      for (DocumentResponse d : answer.documents()) {
        delivered.add(d.documentUniqueId().strip());
      }
    }
    List<AuditEvent.Document> ok = new ArrayList<>();
    List<AuditEvent.Document> failed = new ArrayList<>();
    for (DocumentRequest d : asked) {
      String uid = d.documentUniqueId().strip();
      if (uid.isEmpty()) {
        continue;
      }
      AuditEvent.Document doc = new AuditEvent.Document(uid, d.repositoryUniqueId(), d.homeCommunityId());
      (delivered.contains(uid) ? ok : failed).add(doc);
    }
    List<AuditEvent> events = new ArrayList<>();
    if (!ok.isEmpty()) {
      events.add(new AuditEvent.CrossGatewayRetrieve(EventOutcome.SUCCESS, x, t, null, studies, ok));
    }
    if (!failed.isEmpty()) {
      EventOutcome outcome = answer == null || ok.isEmpty() ? EventOutcome.SERIOUS_FAILURE : EventOutcome.MINOR_FAILURE;
      events.add(new AuditEvent.CrossGatewayRetrieve(outcome, x, t, null, studies, failed));
    }
    return events;
  }

  private static EventOutcome outcome(ResponseStatus status) {
    switch (status) {
      case SUCCESS:
        return EventOutcome.SUCCESS;
      case PARTIAL_SUCCESS:
        return EventOutcome.MINOR_FAILURE;
      default:
        return EventOutcome.SERIOUS_FAILURE;
    }
  }
}
