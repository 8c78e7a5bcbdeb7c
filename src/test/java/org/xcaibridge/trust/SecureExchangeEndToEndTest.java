package org.xcaibridge.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.GatewayHarness;
import org.xcaibridge.gateway.PatientDiscovery;
import org.xcaibridge.gateway.RetrievedDocuments;
import org.xcaibridge.ihe.AdhocQueryRequest;
import org.xcaibridge.ihe.AdhocQueryResponse;
import org.xcaibridge.ihe.Demographics;
import org.xcaibridge.ihe.Device;
import org.xcaibridge.ihe.DocumentEntry;
import org.xcaibridge.ihe.DocumentEntryFilter;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.MatchedPatient;
import org.xcaibridge.ihe.PatientDiscoveryRequest;
import org.xcaibridge.ihe.PatientQuery;
import org.xcaibridge.ihe.PersonName;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveDocumentSetRequest;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.ReturnType;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StoredQuery;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.dicom.SyntheticStudies;

/**
 * The whole secure path over loopback, with the PKI the product generates: our gateway's client, showing the demo
 * client certificate and sending assertions signed per request, against our Responding Imaging Gateway requiring
 * both. From demographics alone (the initiator knows the patient under another assigning authority) XCPD finds the
 * responder's patient id; with it ITI-38 finds the study's manifest, ITI-39 fetches it, and RAD-75 streams every
 * instance it references, byte for byte the files. Each transaction leaves its audit record on the responder's side
 * (PS3.15-valid, success, naming the asserted user).
 */
class SecureExchangeEndToEndTest {
  @TempDir
  static Path temp;
  private static SecureDoorRig rig;
  private static CommunityClient client;

  @BeforeAll
  static void start() throws Exception {
    rig = new SecureDoorRig(temp);
    client = rig.goodClient();
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void xcpdThenQueryRetrieveAndImagesOverTwoWayTlsWithSignedAssertions() throws Exception {
    GatewayHarness h = rig.harness;
    SyntheticStudies.Patient patient = rig.study.patient();

    PatientDiscovery found = h.await(() -> client.discoverPatient(discovery(patient)));
    assertThat(found).isInstanceOf(PatientDiscovery.Matched.class);
    MatchedPatient match = ((PatientDiscovery.Matched) found).unambiguous(0).orElseThrow();
    Ii theirs = match.patientIds().get(0);
    assertThat(theirs.root()).isEqualTo(SecureDoorRig.IDENTITY.assigningAuthorityOid());
    assertThat(theirs.extension()).isEqualTo(patient.id()).isNotEqualTo(ourId(patient).extension());
    assertAudited("110112", "ITI-55", patient.id());

    AdhocQueryResponse q = h.await(() -> client.query(new AdhocQueryRequest(new StoredQuery.FindDocuments(
        theirs.toCx(), DocumentEntryFilter.approvedImagingManifests()), ReturnType.LEAF_CLASS,
        SecureDoorRig.IDENTITY.homeCommunityId())));
    assertThat(q.status()).as("%s", q.errors()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(q.documentEntries()).hasSize(1);
    DocumentEntry entry = q.documentEntries().get(0);
    assertAudited("110112", "ITI-38", patient.id());

    RetrievedDocuments manifests = h.await(() -> client.retrieveDocuments(new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(entry.home(), entry.repositoryUniqueId(), entry.uniqueId())))));
    assertThat(manifests.documents()).hasSize(1);
    assertAudited("110106", "ITI-39", entry.uniqueId());

    KosManifest kos = KosManifest.read(DicomReader.read(manifests.documents().get(0).content().getBytes(),
        ReadOptions.ALL).dataset());
    RetrieveImagingDocumentSetRequest images = rad75(kos);
    GatewayHarness.Collected got = h.collect(h.await(() -> client.retrieveImages(images)));
    assertThat(got.streamFailure()).isNull();
    assertThat(got.outcome().status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(got.instances()).hasSize(rig.files.size());
    for (GatewayHarness.Received i : got.instances()) {
      assertThat(i.sha256()).as("instance %s", i.documentUniqueId()).isEqualTo(rig.files.get(i.documentUniqueId()));
    }
    SecureDoorRig.Audit export = assertAudited("110106", "RAD-75", rig.study.studyInstanceUid());
    assertThat(export.text("count(/AuditMessage/ParticipantObjectIdentification[ParticipantObjectIDTypeCode/"
        + "@csd-code='9'])")).isEqualTo(Integer.toString(rig.files.size()));
  }

  /** The responder's success record of a transaction, naming the asserted user and an object. */
  private static SecureDoorRig.Audit assertAudited(String eventId, String type, String objectId) throws Exception {
    SecureDoorRig.Audit a = rig.awaitAudit(0, type + " audit", r -> type.equals(r.eventType()));
    assertThat(a.eventId()).isEqualTo(eventId);
    assertThat(a.outcome()).isEqualTo("0");
    assertThat(a.text("/AuditMessage/ActiveParticipant[@UserName='" + XuaFixtures.SUBJECT.subjectId()
        + "']/@UserIsRequestor")).isEqualTo("true");
    assertThat(a.text("count(/AuditMessage/ParticipantObjectIdentification[contains(@ParticipantObjectID, '"
        + objectId + "')])")).isNotEqualTo("0");
    return a;
  }

  /** The initiating community's own id for the patient, in its own identity domain. */
  private static Ii ourId(SyntheticStudies.Patient p) {
    return new Ii(SecureDoorRig.BRIDGE_AUTHORITY, "BRIDGE-" + p.id().hashCode());
  }

  private static PatientDiscoveryRequest discovery(SyntheticStudies.Patient p) {
    String[] name = p.name().split("\\^");
    String gender = p.sex().equals("M") || p.sex().equals("F") ? p.sex() : null;
    PatientQuery q = new PatientQuery(new Ii("1.3.6.1.4.1.21367.13.70.999.1", "q-" + System.nanoTime()),
        new Demographics(List.of(new PersonName(List.of(name[1]), name[0])), gender,
            p.birthDate().toString().replace("-", ""), List.of(), List.of()), List.of(ourId(p)), null);
    return new PatientDiscoveryRequest(new Ii("1.3.6.1.4.1.21367.13.70.999", "msg-" + System.nanoTime()),
        "20250101120000", "P", new Device(Ii.of(SecureDoorRig.IDENTITY.homeCommunityOid()), null,
        SecureDoorRig.IDENTITY.homeCommunityOid()), new Device(Ii.of("1.3.6.1.4.1.21367.13.70.999"), null,
        "1.3.6.1.4.1.21367.13.70.999"), q);
  }

  /** Every instance the manifest references, at the series' Retrieve Location UID. */
  static RetrieveImagingDocumentSetRequest rad75(KosManifest kos) {
    List<StudyRequest> studies = new ArrayList<>();
    for (KosManifest.StudyReference st : kos.evidence()) {
      List<SeriesRequest> series = new ArrayList<>();
      for (KosManifest.SeriesReference se : st.series()) {
        series.add(new SeriesRequest(se.seriesInstanceUid(), se.instances().stream().map(i -> new DocumentRequest(
            SecureDoorRig.IDENTITY.homeCommunityId(), se.retrieveLocationUid(), i.sopInstanceUid())).toList()));
      }
      studies.add(new StudyRequest(st.studyInstanceUid(), series));
    }
    return new RetrieveImagingDocumentSetRequest(studies,
        List.of(RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN));
  }
}
