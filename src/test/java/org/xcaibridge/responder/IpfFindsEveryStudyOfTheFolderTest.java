package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ObjectReference;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ReferenceId;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Timestamp;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.ihe.Code;
import org.xcaibridge.responder.ImageArchive.KosDocument;

/**
 * IPF 5.1.0's {@code xca-iti38} producer asks our gateway, over a folder holding a copy of the whole shared DICOM
 * corpus, for the manifests of every patient pydicom finds there: every study of a patient with a Patient ID comes
 * back as one KOS DocumentEntry, IPF's ITI-38 response validator accepts every answer, and each entry's metadata
 * is what pydicom reads from the files (patient, modalities as DCM event codes, service start and stop times,
 * Study Instance UID and accession in referenceIdList, sourcePatientInfo). The manifest bytes behind each entry,
 * read by pydicom, have the entry's unique id and study, and their SHA-1 and length are its hash and size. An
 * ObjectRef query returns the same entryUUIDs.
 */
class IpfFindsEveryStudyOfTheFolderTest {
  private static final String AA = GatewayRig.IDENTITY.assigningAuthorityOid();
  @TempDir
  static Path temp;
  private static StudyOracle oracle;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePydicom();
    Path folder = temp.resolve("dicom");
    ArchiveTestSupport.copyTree(org.xcaibridge.dicom.Fixtures.sharedDicom(), folder);
    oracle = StudyOracle.of(folder);
    rig = GatewayRig.overFolder(folder, temp.resolve("work"));
    ipf = new IpfInitiatingGateway(rig.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ipf != null) {
      ipf.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void everyStudyComesBackWithPydicomsMetadata() throws Exception {
    Map<String, DocumentEntry> byStudy = new HashMap<>();
    for (String pid : oracle.patientIds()) {
      QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments(pid, AA), QueryReturnType.LEAF_CLASS);
      assertThat(r.getStatus()).as("patient %s: %s", pid, r.getErrors()).isEqualTo(Status.SUCCESS);
      for (DocumentEntry e : r.getDocumentEntries()) {
        assertThat(e.getPatientId().getId()).isEqualTo(pid);
        String study = studyOf(e);
        assertThat(byStudy.put(study, e)).as("study %s listed twice", study).isNull();
      }
    }
    assertThat(byStudy.keySet()).isEqualTo(oracle.queryableStudies()).hasSizeGreaterThan(10);

    for (Map.Entry<String, DocumentEntry> m : byStudy.entrySet()) {
      String uid = m.getKey();
      DocumentEntry e = m.getValue();
      JsonObject s = oracle.studies().get(uid);
      String as = "study " + uid;
      assertThat(e.getPatientId().getAssigningAuthority().getUniversalId()).as(as).isEqualTo(AA);
      assertThat(e.getSourcePatientId()).as(as).isEqualTo(e.getPatientId());
      assertThat(e.getHomeCommunityId()).as(as).isEqualTo(GatewayRig.IDENTITY.homeCommunityId());
      assertThat(e.getRepositoryUniqueId()).as(as).isEqualTo(GatewayRig.IDENTITY.repositoryUniqueId());
      assertThat(e.getAvailabilityStatus()).as(as).isEqualTo(AvailabilityStatus.APPROVED);
      assertThat(e.getMimeType()).as(as).isEqualTo("application/dicom");
      assertThat(e.getFormatCode().getCode()).as(as).isEqualTo("1.2.840.10008.5.1.4.1.1.88.59");
      assertThat(e.getFormatCode().getSchemeName()).as(as).isEqualTo("1.2.840.10008.2.6.1");
      assertThat(e.getClassCode().getCode()).as(as).isEqualTo("IMAGES");
      assertThat(e.getEventCodeList()).as(as).allSatisfy(c -> assertThat(c.getSchemeName()).isEqualTo("1.2.840.10008.2.16.4"));
      assertThat(e.getEventCodeList().stream().map(c -> c.getCode()).toList()).as(as)
          .containsExactlyInAnyOrderElementsOf(oracle.modalities(uid));
      assertThat(hl7(e.getServiceStartTime())).as(as).isEqualTo(oracle.serviceStart(uid));
      assertThat(hl7(e.getServiceStopTime())).as(as).isEqualTo(oracle.serviceStop(uid));
      Set<String> refs = new LinkedHashSet<>();
      e.getReferenceIdList().forEach(r -> refs.add(r.getIdTypeCode() + " " + r.getId()));
      Set<String> expectedRefs = new LinkedHashSet<>(List.of(ReferenceId.ID_TYPE_STUDY_INSTANCE_ID + " " + uid));
      if (s.getString("accession") != null) {
        expectedRefs.add(ReferenceId.ID_TYPE_CODE_ACCESSION + " " + s.getString("accession"));
      }
      assertThat(refs).as(as).isEqualTo(expectedRefs);
      String family = s.getString("patientName") == null ? null
          : s.getString("patientName").split("=")[0].split("\\^")[0].strip();
      if (family != null && !family.isEmpty()) {
        assertThat(e.getSourcePatientInfo().getNames().next().getFamilyName()).as(as).isEqualTo(family);
      }
      assertThat(e.getSourcePatientInfo().getGender()).as(as).isEqualTo(s.getString("sex"));
      assertThat(e.getTitle() == null ? null : e.getTitle().getValue()).as(as).isEqualTo(s.getString("description"));
    }
  }

  @Test
  void manifestBehindEachEntryIsTheOneItNames() throws Exception {
    String pid = "98890234"; // Doe^Peter: several studies
    QueryResponse r = ipf.query(IpfInitiatingGateway.findDocuments(pid, AA), QueryReturnType.LEAF_CLASS);
    assertThat(r.getDocumentEntries()).hasSizeGreaterThan(1);
    Path script = Path.of(getClass().getResource("kos_evidence.py").toURI());
    for (DocumentEntry e : r.getDocumentEntries()) {
      KosDocument kos = await(rig.archive.manifest(studyOf(e)));
      Path file = Files.write(temp.resolve(e.getUniqueId() + ".dcm"), kos.bytes().getBytes());
      ExternalTools.Result py = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), file.toString()),
          null, 60);
      assertThat(py.exitCode()).as(py.stderr()).isZero();
      JsonObject read = new JsonObject(py.out());
      assertThat(read.getString("sopInstance")).isEqualTo(e.getUniqueId());
      assertThat(read.getString("sopClass")).isEqualTo(Code.KOS_FORMAT.code());
      assertThat(read.getString("study")).isEqualTo(studyOf(e));
      assertThat(e.getHash()).isEqualTo(HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file))));
      assertThat(e.getSize()).isEqualTo(Files.size(file));
      assertThat(e.getEntryUuid()).startsWith("urn:uuid:");
    }
  }

  @Test
  void objectRefsNameTheSameEntries() throws Exception {
    String pid = "98890234";
    QueryResponse leaf = ipf.query(IpfInitiatingGateway.findDocuments(pid, AA), QueryReturnType.LEAF_CLASS);
    QueryResponse refs = ipf.query(IpfInitiatingGateway.findDocuments(pid, AA), QueryReturnType.OBJECT_REF);
    assertThat(refs.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(refs.getDocumentEntries()).isEmpty();
    assertThat(refs.getReferences()).extracting(ObjectReference::getId)
        .containsExactlyElementsOf(leaf.getDocumentEntries().stream().map(DocumentEntry::getEntryUuid).toList());
    assertThat(refs.getReferences()).extracting(ObjectReference::getHome)
        .containsOnly(GatewayRig.IDENTITY.homeCommunityId());
  }

  static String studyOf(DocumentEntry e) {
    return e.getReferenceIdList().stream().filter(r -> ReferenceId.ID_TYPE_STUDY_INSTANCE_ID.equals(r.getIdTypeCode()))
        .map(ReferenceId::getId).findFirst().orElseThrow();
  }

  private static String hl7(Timestamp t) {
    return t == null ? null : Timestamp.toHL7(t);
  }
}
