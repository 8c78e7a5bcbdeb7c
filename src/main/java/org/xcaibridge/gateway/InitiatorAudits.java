package org.xcaibridge.gateway;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.IheCodec;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.trust.AuditEvent;
import org.xcaibridge.trust.AuditMessage.EventOutcome;
import org.xcaibridge.trust.AuditSink;
import org.xcaibridge.trust.XuaSubject;

/**
 * The audit events of the transactions this bridge initiates (ITI TF-2 §3.38.5, §3.39.5, §3.55.5: the Initiating
 * Gateway's records; RAD TF-3 §4.75: Import for a retrieve), recorded in the {@link InitiatorSetup#audit()} sink
 * once each call has ended, successful or not. A retrieve gives one event for the documents handed on and one, with
 * a failure outcome, for the others. Recording never fails or delays the call; a sink failure is logged.
 */
final class InitiatorAudits {
  private static final Logger LOG = LoggerFactory.getLogger(InitiatorAudits.class);

  private final AuditSink sink;
  private final CommunityEndpoints community;

  InitiatorAudits(AuditSink sink, CommunityEndpoints community) {
    this.sink = sink;
    this.community = community;
  }

  void discovery(URI url, Optional<XuaSubject> subject, PatientDiscoveryRequest request,
      AsyncResult<PatientDiscovery> result) {
    Set<String> patients = new LinkedHashSet<>();
    request.query().livingSubjectIds().forEach(id -> addPatient(patients, id));
    EventOutcome outcome = result.succeeded() ? EventOutcome.SUCCESS : EventOutcome.SERIOUS_FAILURE;
    if (result.succeeded()) {
      if (result.result() instanceof PatientDiscovery.Matched m) {
        for (MatchedPatient p : m.candidates()) {
          p.patientIds().forEach(id -> addPatient(patients, id));
        }
      }
    }
    Ii q = request.query().queryId();
    record(() -> new AuditEvent.PatientDiscovery(outcome, exchange(url, subject),
        q.extension() == null ? q.root() : q.root() + "^" + q.extension(), IheCodec.queryByParameterXml(
            request.query()), community.homeCommunityId(), List.copyOf(patients)));
  }

  void query(URI url, Optional<XuaSubject> subject, AdhocQueryRequest request, AsyncResult<AdhocQueryResponse> r) {
    EventOutcome outcome = r.failed() ? EventOutcome.SERIOUS_FAILURE
        : r.result().status() == ResponseStatus.SUCCESS ? EventOutcome.SUCCESS : EventOutcome.MINOR_FAILURE;
    String patient = null;
    if (request.query() instanceof StoredQuery.FindDocuments f) {
      patient = f.patientId().encode();
    } else if (request.query() instanceof StoredQuery.FindDocumentsByReferenceId f) {
      patient = f.patientId().encode();
    }
    String patientId = patient;
    record(() -> new AuditEvent.CrossGatewayQuery(outcome, exchange(url, subject), patientId, request.query().id(),
        IheCodec.withDefaults().toXml(request), community.homeCommunityId()));
  }

  void documents(URI url, Optional<XuaSubject> subject, RetrieveDocumentSetRequest request,
      AsyncResult<RetrievedDocuments> r) {
    Set<String> delivered = new LinkedHashSet<>();
    if (r.succeeded()) {
      r.result().documents().forEach(d -> delivered.add(d.documentUniqueId().strip()));
    }
    retrieve(AuditEvent.RetrieveTransaction.ITI_39, url, subject, request.documents(), List.of(), delivered);
  }

  /** The retrieval, watched: which instances are handed on, and, when it has ended, its records. */
  Future<ImagingRetrieval> images(URI url, Optional<XuaSubject> subject, RetrieveImagingDocumentSetRequest request,
      Future<ImagingRetrieval> started) {
    List<String> studies = request.studies().stream().map(StudyRequest::studyInstanceUid).map(String::strip).toList();
    return started.map(r -> {
      Watched watched = new Watched(r);
      r.outcome().onComplete(ar -> retrieve(AuditEvent.RetrieveTransaction.RAD_75, url, subject,
          request.documentRequests(), studies, watched.delivered));
      return (ImagingRetrieval) watched;
    }).onFailure(e -> retrieve(AuditEvent.RetrieveTransaction.RAD_75, url, subject, request.documentRequests(),
        studies, Set.of()));
  }

  private void retrieve(AuditEvent.RetrieveTransaction t, URI url, Optional<XuaSubject> subject,
      List<DocumentRequest> asked, List<String> studies, Set<String> delivered) {
    List<AuditEvent.Document> ok = new ArrayList<>();
    List<AuditEvent.Document> failed = new ArrayList<>();
    for (DocumentRequest d : asked) {
      String uid = d.documentUniqueId().strip();
      if (!uid.isEmpty()) {
        (delivered.contains(uid) ? ok : failed).add(new AuditEvent.Document(uid, d.repositoryUniqueId(),
            d.homeCommunityId() != null ? d.homeCommunityId() : community.homeCommunityId()));
      }
    }
    if (!ok.isEmpty()) {
      record(() -> new AuditEvent.CrossGatewayRetrieve(EventOutcome.SUCCESS, exchange(url, subject), t, null,
          studies, ok));
    }
    if (!failed.isEmpty()) {
      EventOutcome outcome = ok.isEmpty() ? EventOutcome.SERIOUS_FAILURE : EventOutcome.MINOR_FAILURE;
      record(() -> new AuditEvent.CrossGatewayRetrieve(outcome, exchange(url, subject), t, null, studies, failed));
    }
  }

  private static void addPatient(Set<String> patients, Ii id) {
    if (id.extension() != null) {
      patients.add(id.toCx().encode());
    }
  }

  private AuditEvent.Exchange exchange(URI url, Optional<XuaSubject> subject) {
    return new AuditEvent.Exchange(AuditEvent.Side.INITIATING_GATEWAY, null, url.toString(), url.getHost(),
        subject.map(AuditEvent.Requestor::of).orElse(null));
  }

  private interface EventSupplier {
    AuditEvent get();
  }

  private void record(EventSupplier event) {
    AuditEvent e;
    try {
      e = event.get();
    } catch (RuntimeException failure) {
      LOG.error("an initiated transaction could not be described for the audit trail", failure);
      return;
    }
    sink.record(e).onFailure(f -> LOG.error("audit event not recorded: {}", e.getClass().getSimpleName(), f));
  }

  /** A retrieval that notes the DocumentUniqueId of each instance it hands on; otherwise the same stream. */
  private static final class Watched implements ImagingRetrieval {
    private final ImagingRetrieval inner;
    private final Set<String> delivered = new LinkedHashSet<>();

    Watched(ImagingRetrieval inner) {
      this.inner = inner;
    }

    @Override
    public Future<RetrievalOutcome> outcome() {
      return inner.outcome();
    }

    @Override
    public void cancel() {
      inner.cancel();
    }

    @Override
    public ImagingRetrieval exceptionHandler(Handler<Throwable> handler) {
      inner.exceptionHandler(handler);
      return this;
    }

    @Override
    public ImagingRetrieval handler(Handler<RetrievedInstance> handler) {
      inner.handler(handler == null ? null : i -> {
        delivered.add(i.documentUniqueId().strip());
        handler.handle(i);
      });
      return this;
    }

    @Override
    public ImagingRetrieval pause() {
      inner.pause();
      return this;
    }

    @Override
    public ImagingRetrieval resume() {
      inner.resume();
      return this;
    }

    @Override
    public ImagingRetrieval fetch(long amount) {
      inner.fetch(amount);
      return this;
    }

    @Override
    public ImagingRetrieval endHandler(Handler<Void> endHandler) {
      inner.endHandler(endHandler);
      return this;
    }
  }
}
