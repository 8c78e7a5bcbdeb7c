package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.StoredQuery.FindDocuments;
import org.xcaibridge.ihe.StoredQuery.FindDocumentsByReferenceId;

/**
 * The ITI-38 / DocumentEntry fixtures of {@code shared/fixtures/ihe} read into our models with their values:
 * <ul>
 *   <li>09 (SOAP envelope) → {@link AdhocQueryRequest} FindDocuments, LeafClass (body found inside the envelope)
 *   <li>10 (body) → {@link AdhocQueryRequest} FindDocumentsByReferenceId, ObjectRef
 *   <li>08 (ITI-41 ProvideAndRegister metadata) → {@link DocumentEntry} of a KOS (the ExtrinsicObject inside)
 *   <li>16 (MTOM wire capture) → {@link DocumentEntry} of the ExtrinsicObject in the root part
 * </ul>
 */
class Iti38FixturesParseIntoModelsTest {

  @Test
  void fixture09FindDocumentsInsideEnvelope() throws Exception {
    AdhocQueryRequest q = IheTestXml.read(IheTestXml.fixture("09_iti38_soap_request_finddocuments.nist.xml"),
        "AdhocQueryRequest", AdhocQueryRequest.class);
    assertThat(q.returnType()).isEqualTo(ReturnType.LEAF_CLASS);
    assertThat(q.homeCommunityId()).isNull();
    FindDocuments f = (FindDocuments) q.query();
    assertThat(f.id()).isEqualTo("urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
    assertThat(f.patientId()).isEqualTo(new Cx("c4d77e21d0dd487", "1.3.6.1.4.1.21367.2005.3.7"));
    assertThat(f.filter().statuses()).containsExactly(AvailabilityStatus.APPROVED);
    assertThat(f.filter().classCodes()).containsExactly(new Code("value", "scheme", null));
    assertThat(f.filter().formatCodes()).isEmpty();
    assertThat(f.filter().creationTimeFrom()).isNull();
  }

  @Test
  void fixture10FindDocumentsByReferenceId() throws Exception {
    AdhocQueryRequest q = (AdhocQueryRequest) IheTestXml.read(
        IheTestXml.fixture("10_iti18_38_query_finddocumentsbyreferenceid.nist-11897.xml"));
    assertThat(q.returnType()).isEqualTo(ReturnType.OBJECT_REF);
    FindDocumentsByReferenceId f = (FindDocumentsByReferenceId) q.query();
    assertThat(f.id()).isEqualTo(XdsVocabulary.FIND_DOCUMENTS_BY_REFERENCE_ID);
    // '$patient_id$' is NIST's template variable: a CX without assigning authority
    assertThat(f.patientId()).isEqualTo(new Cx("$patient_id$", null));
    assertThat(f.filter().statuses()).containsExactly(AvailabilityStatus.APPROVED);
    assertThat(f.referenceIds()).containsExactly(
        new ReferenceId("20061223", "1.2.5643.2", ReferenceId.UNIQUE_ID));
  }

  @Test
  void fixture08KosDocumentEntry() throws Exception {
    DocumentEntry e = IheCodec.withDefaults().readDocumentEntry(IheTestXml.readerAt(
        IheTestXml.fixture("08_kos_documententry_metadata_rad68.nist-ids_4801.xml"), "ExtrinsicObject"));
    assertThat(e.entryUuid()).isEqualTo("urn:uuid:94f30df9-d945-485e-9dbe-e61a63270c30");
    assertThat(e.mimeType()).isEqualTo("application/dicom");
    assertThat(e.objectType()).isEqualTo(DocumentEntryType.STABLE);
    assertThat(e.status()).isNull(); // a submission carries no status
    assertThat(e.home()).isNull();
    assertThat(e.creationTime()).isEqualTo("20161031091205");
    assertThat(e.languageCode()).isEqualTo("en-us");
    assertThat(e.serviceStartTime()).isEqualTo("200612230800");
    assertThat(e.serviceStopTime()).isEqualTo("200612230900");
    // value carries a line break and tabs before </rim:Value>
    assertThat(e.sourcePatientId()).isEqualTo(new Cx("IDS-DEPT001-a", "1.3.6.1.4.1.21367.1800.13.20.1000"));
    assertThat(e.sourcePatientInfo()).containsExactly(
        "PID-3|IDS-DEPT001-a^^^&1.3.6.1.4.1.21367.1800.13.20.1000&ISO", "PID-5|Computed-Rad^Single^a^^^",
        "PID-7|19780201", "PID-8|M", "PID-11|100 Main St^^Metropolis^Il^44130^USA");
    assertThat(e.title()).isEqualTo("DocA");
    assertThat(e.comments()).isNull();
    assertThat(e.authors()).containsExactly(
        new Author("^Smitty^Gerald^^^", List.of("Cleveland Clinic", "Parma Community"), List.of("Radiologist"),
            List.of("Radiology"), List.of()),
        new Author("^Dopplemeyer^Sherry^^^", List.of("Cleveland Clinic", "Berea Community"), List.of("Radiologist"),
            List.of("Radiology"), List.of()));
    assertThat(e.classCode()).isEqualTo(new Code("DEMO-Index", "1.3.6.1.4.1.21367.100.1", "Document Index"));
    assertThat(e.confidentialityCodes()).containsExactly(new Code("R", "2.16.840.1.113883.5.25", "Restricted"));
    assertThat(e.formatCode()).isEqualTo(new Code("1.2.840.10008.5.1.4.1.1.88.59", "1.2.840.10008.2.6.1",
        "1.2.840.10008.5.1.4.1.1.88.59"));
    assertThat(e.healthcareFacilityTypeCode())
        .isEqualTo(new Code("Outpatient", "Connect-a-thon healthcareFacilityTypeCodes 2", "Outpatient"));
    assertThat(e.practiceSettingCode())
        .isEqualTo(new Code("309964003", "SRT", "Radiology department (environment)"));
    assertThat(e.eventCodes()).containsExactly(new Code("CT", "DCM", "Computed Tomography"),
        new Code("R-FAB55", "SRT", "Chest and Abdomen"));
    assertThat(e.typeCode()).isEqualTo(new Code("11502-2", "2.16.840.1.113883.6.1", "LABORATORY REPORT.TOTAL"));
    assertThat(e.patientId()).isEqualTo(new Cx("IDS-AD001-a", "1.3.6.1.4.1.21367.2005.13.20.1000"));
    assertThat(e.uniqueId()).isEqualTo("1.42.20161103091815.2");
    assertThat(e.isImagingManifest()).isTrue();
    assertThat(e.referenceIds()).isEmpty();
    assertThat(e.repositoryUniqueId()).isNull();
    assertThat(e.otherSlots()).isEmpty();
  }

  @Test
  void fixture16ExtrinsicObjectInMtomRootPart() throws Exception {
    String wire = IheTestXml.fixture("16_mtom_http_wire_capture_iti41.nist.txt");
    String root = wire.substring(wire.indexOf("<soapenv:Envelope"),
        wire.indexOf("</soapenv:Envelope>") + "</soapenv:Envelope>".length());
    DocumentEntry e = IheCodec.withDefaults().readDocumentEntry(IheTestXml.readerAt(root, "ExtrinsicObject"));
    assertThat(e.entryUuid()).isEqualTo("urn:uuid:102439f8-5881-4b36-8b42-ef73ae560c04");
    assertThat(e.mimeType()).isEqualTo("text/plain");
    assertThat(e.creationTime()).isEqualTo("20061224");
    assertThat(e.sourcePatientId()).isEqualTo(new Cx("89765a87b", "3.4.5"));
    assertThat(e.authors()).hasSize(2);
    assertThat(e.authors().get(0).roles()).containsExactly("Attending");
    assertThat(e.classCode()).isEqualTo(new Code("History and Physical", "Connect-a-thon classCodes",
        "History and Physical"));
    assertThat(e.practiceSettingCode().code()).isEqualTo("Dialysis");
    assertThat(e.eventCodes()).extracting(Code::code).startsWith("T-D4909");
    assertThat(e.isImagingManifest()).isFalse();
  }
}
