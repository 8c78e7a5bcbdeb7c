package org.xcaibridge.ihe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.xcaibridge.ihe.StoredQuery.FindDocuments;
import org.xcaibridge.ihe.StoredQuery.FindDocumentsByReferenceId;
import org.xcaibridge.ihe.StoredQuery.GetDocuments;

/** Complete messages with every part filled, for round trips and for the IPF checks. */
final class SampleMessages {
  static final String HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.201";
  static final Cx PATIENT = new Cx("IDS-AD001-a", "1.3.6.1.4.1.21367.2005.13.20.1000");
  static final String STUDY = "1.3.6.1.4.1.21367.201599.1.201606021454002";

  private SampleMessages() {}

  static DocumentEntryFilter fullFilter() {
    return DocumentEntryFilter.builder()
        .statuses(List.of(AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED))
        .classCodes(List.of(new Code("IMAGES", "1.3.6.1.4.1.19376.1.2.6.1", null)))
        .typeCodes(List.of(new Code("18748-4", "2.16.840.1.113883.6.1", null)))
        .practiceSettingCodes(List.of(new Code("309964003", "2.16.840.1.113883.6.96", null)))
        .healthcareFacilityTypeCodes(List.of(new Code("Outpatient", "2.16.840.1.113883.5.11", null)))
        .eventCodes(List.of(new Code("CT", "DCM", null), new Code("MR", "DCM", null)))
        .confidentialityCodes(List.of(new Code("N", "2.16.840.1.113883.5.25", null)))
        .formatCodes(List.of(Code.KOS_FORMAT.withoutDisplay()))
        .creationTime("20160101", "20161231235959")
        .serviceStartTime("2016", "201612")
        .serviceStopTime("20160102", "20161230")
        .authorPersons(List.of("Smitty%", "O'Brien%"))
        .entryTypes(List.of(DocumentEntryType.STABLE))
        .build();
  }

  static AdhocQueryRequest findDocuments() {
    return new AdhocQueryRequest(new FindDocuments(PATIENT, fullFilter()), ReturnType.LEAF_CLASS, HOME);
  }

  static AdhocQueryRequest findByStudy() {
    return new AdhocQueryRequest(new FindDocumentsByReferenceId(PATIENT,
        List.of(ReferenceId.studyInstanceUid(STUDY), ReferenceId.accession("ACC-1234", "1.3.6.1.4.1.21367.2005.3.7")),
        DocumentEntryFilter.approvedImagingManifests()), ReturnType.OBJECT_REF, HOME);
  }

  static AdhocQueryRequest getDocuments() {
    return new AdhocQueryRequest(GetDocuments.byUniqueIds(List.of("1.3.6.1.4.1.21367.201599.3.1", "1.2.3.4")),
        ReturnType.LEAF_CLASS, HOME);
  }

  static DocumentEntry kosEntry(String suffix) {
    return DocumentEntry.builder("urn:uuid:7c0ee2a6-5f3f-4c5a-9e0e-3a1f1e2d9b1" + suffix)
        .home(HOME)
        .mimeType("application/dicom")
        .objectType(DocumentEntryType.STABLE)
        .status(AvailabilityStatus.APPROVED)
        .patientId(PATIENT)
        .uniqueId("1.3.6.1.4.1.21367.201599.3.201606021454003.9" + suffix)
        .classCode(new Code("IMAGES", "1.3.6.1.4.1.19376.1.2.6.1", "Images"))
        .typeCode(new Code("18748-4", "2.16.840.1.113883.6.1", "Diagnostic imaging study"))
        .formatCode(Code.KOS_FORMAT)
        .confidentialityCode(new Code("N", "2.16.840.1.113883.5.25", "Normal"))
        .eventCode(new Code("CT", "DCM", "Computed Tomography"))
        .eventCode(new Code("T-D3000", "SRT", "Chest"))
        .healthcareFacilityTypeCode(new Code("Outpatient", "2.16.840.1.113883.5.11", "Outpatient"))
        .practiceSettingCode(new Code("309964003", "2.16.840.1.113883.6.96", "Radiology department"))
        .author(new Author("^Smitty^Gerald^^^", List.of("Cleveland Clinic", "Parma Community"),
            List.of("Radiologist"), List.of("Radiology"), List.of("^^Internet^gerald.smitty@example.org")))
        .creationTime("20161031091205")
        .serviceStartTime("200612230800")
        .serviceStopTime("200612230900")
        .sourcePatientId(new Cx("IDS-DEPT001-a", "1.3.6.1.4.1.21367.1800.13.20.1000"))
        .sourcePatientInfo("PID-3|IDS-DEPT001-a^^^&1.3.6.1.4.1.21367.1800.13.20.1000&ISO")
        .sourcePatientInfo("PID-5|Computed-Rad^Single^a^^^")
        .sourcePatientInfo("PID-7|19780201")
        .sourcePatientInfo("PID-8|M")
        .languageCode("en-US")
        .size(1470L)
        .hash("2fd4e1c67a2d28fced849ee1bb76e7391b93eb12")
        .title("Imaging manifest")
        .comments("KOS for CT chest & abdomen <2 series>")
        .repositoryUniqueId("1.3.6.1.4.1.21367.13.71.201")
        .legalAuthenticator("^Welby^Marcus^^^Dr^MD")
        .referenceId(ReferenceId.studyInstanceUid(STUDY))
        .referenceId(ReferenceId.accession("ACC-1234", "1.3.6.1.4.1.21367.2005.3.7"))
        .otherSlot(Slot.of("urn:xcai:test:note", "kept as is"))
        .build();
  }

  static AdhocQueryResponse leafClassResponse() {
    return AdhocQueryResponse.ofEntries(List.of(kosEntry("0"), kosEntry("1")));
  }

  static AdhocQueryResponse partialResponse() {
    return new AdhocQueryResponse(ResponseStatus.PARTIAL_SUCCESS, List.of(kosEntry("2")), List.of(),
        List.of(RegistryError.error(RegistryErrorCode.XDS_REGISTRY_ERROR, "Error retrieving from repository", HOME),
            RegistryError.warning(RegistryErrorCode.XDS_TOO_MANY_RESULTS, "truncated", HOME)), 1);
  }

  static AdhocQueryResponse objectRefResponse() {
    return new AdhocQueryResponse(ResponseStatus.SUCCESS, List.of(),
        List.of(new ObjectRef("urn:uuid:7c0ee2a6-5f3f-4c5a-9e0e-3a1f1e2d9b10", HOME),
            new ObjectRef("urn:uuid:7c0ee2a6-5f3f-4c5a-9e0e-3a1f1e2d9b11", HOME)), List.of(), null);
  }

  static RetrieveDocumentSetRequest iti39Request() {
    return new RetrieveDocumentSetRequest(List.of(
        new DocumentRequest(HOME, "1.3.6.1.4.1.21367.13.71.201", "1.3.6.1.4.1.21367.201599.3.201606021454003.90"),
        new DocumentRequest(HOME, "1.3.6.1.4.1.21367.13.71.202", "1.3.6.1.4.1.21367.201599.3.201606021454003.91")));
  }

  static RetrieveImagingDocumentSetRequest rad75Request() {
    DocumentRequest a = new DocumentRequest(HOME, "1.3.6.1.4.1.21367.13.80.110", "1.2.3.4.5.6.1");
    DocumentRequest b = new DocumentRequest(HOME, "1.3.6.1.4.1.21367.13.80.110", "1.2.3.4.5.6.2");
    DocumentRequest c = new DocumentRequest(HOME, "1.3.6.1.4.1.21367.13.80.111", "1.2.3.4.5.7.1");
    return new RetrieveImagingDocumentSetRequest(List.of(new StudyRequest(STUDY,
        List.of(new SeriesRequest("1.2.3.4.5.6", List.of(a, b)), new SeriesRequest("1.2.3.4.5.7", List.of(c))))),
        List.of("1.2.840.10008.1.2.4.70", RetrieveImagingDocumentSetRequest.EXPLICIT_VR_LITTLE_ENDIAN));
  }

  /** A RAD-75 PartialSuccess: two instances returned (MTOM references), one missing. */
  static RetrieveDocumentSetResponse rad75PartialXop() {
    List<DocumentRequest> asked = rad75Request().documentRequests();
    return RetrieveDocumentSetResponse.of(List.of(
        DocumentResponse.answering(asked.get(0), "application/dicom",
            DocumentContent.XopInclude.ofContentId("1.urn:uuid:a@xcai.example")),
        DocumentResponse.answering(asked.get(1), "application/dicom",
            DocumentContent.XopInclude.ofContentId("2.urn:uuid:b c@xcai.example"))),
        List.of(RegistryError.error(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR,
            "No document matching composite UID", HOME)));
  }

  static RetrieveDocumentSetResponse iti39InlineSuccess() {
    List<DocumentRequest> asked = iti39Request().documents();
    return RetrieveDocumentSetResponse.of(List.of(
        DocumentResponse.answering(asked.get(0), "application/dicom",
            new DocumentContent.Inline("DICM-not-really".getBytes(StandardCharsets.US_ASCII))),
        DocumentResponse.answering(asked.get(1), "text/xml",
            new DocumentContent.Inline(new byte[] {0, 1, 2, (byte) 0xff}))), List.of());
  }

  static RetrieveDocumentSetResponse transferSyntaxFailure() {
    return RetrieveDocumentSetResponse.of(List.of(), List.of(new RegistryError(
        RegistryErrorCode.WADO_NOT_IN_TRANSFER_SYNTAX.code(),
        "The requested instance(s) cannot be provided in the requested transfer syntax.", "1.2.3.4.5.6.1",
        ErrorSeverity.ERROR)));
  }
}
