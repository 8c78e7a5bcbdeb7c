package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcaibridge.ihe.StoredQuery.FindDocuments;
import org.xcaibridge.ihe.StoredQuery.FindDocumentsByReferenceId;

/** The interop quirks of protocol.md §9.2 (and §2.1, §2.5) are read, not rejected. */
class TolerantReadingTest {
  private static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";

  private static AdhocQueryResponse response(String status, String objects, String errors) throws Exception {
    return (AdhocQueryResponse) IheTestXml.read("<query:AdhocQueryResponse xmlns:query='urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0'"
        + " xmlns:rs='urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0' xmlns:rim='" + RIM + "' status='" + status + "'>"
        + errors + "<rim:RegistryObjectList>" + objects + "</rim:RegistryObjectList></query:AdhocQueryResponse>");
  }

  @Test
  void slotNameWithTrailingBlankAndCxiVariants() throws Exception {
    String entry = "<rim:ExtrinsicObject id='urn:uuid:1' home=' urn:oid:9.9.9 ' mimeType='application/dicom'"
        + " objectType='URN:UUID:7EDCA82F-054D-47F2-A032-9B2A5B5186C1' status='urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'>"
        + "<rim:Slot name='urn:ihe:iti:xds:2013:referenceIdList '><rim:ValueList>"
        + "<rim:Value>1.2.3^^^^urn:ihe:iti:xds:2016:studyInstanceUID</rim:Value>"
        + "<rim:Value> 1.2.4^^^&amp;1.2.3.4.5.6&amp;ISO^urn:ihe:iti:xds:2016:studyInstanceUID </rim:Value>"
        + "<rim:Value>ACC9^^^&amp;2.16.1&amp;ISO^urn:ihe:iti:xds:2013:accession^ignored</rim:Value>"
        + "<rim:Value></rim:Value>"
        + "</rim:ValueList></rim:Slot>"
        + "<rim:Slot name=' repositoryUniqueId'><rim:ValueList><rim:Value>urn:oid:2.16.840.1.113883.3.9621</rim:Value></rim:ValueList></rim:Slot>"
        + "</rim:ExtrinsicObject>";
    DocumentEntry e = response("urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success", entry, "")
        .documentEntries().get(0);
    assertThat(e.referenceIds()).containsExactly(new ReferenceId("1.2.3", null, ReferenceId.STUDY_INSTANCE_UID),
        new ReferenceId("1.2.4", "1.2.3.4.5.6", ReferenceId.STUDY_INSTANCE_UID),
        new ReferenceId("ACC9", "2.16.1", ReferenceId.ACCESSION));
    assertThat(e.studyInstanceUid()).contains("1.2.3");
    assertThat(e.accessionNumbers()).extracting(ReferenceId::value).containsExactly("ACC9");
    assertThat(e.objectType()).isEqualTo(DocumentEntryType.STABLE);
    assertThat(e.home()).isEqualTo("urn:oid:9.9.9"); // an unexpected home is kept (the caller decides)
    assertThat(e.repositoryUniqueId()).isEqualTo("urn:oid:2.16.840.1.113883.3.9621"); // echoed, never normalised
  }

  @Test
  void differingErrorCodesOddLocationsAndShortStatus() throws Exception {
    String errors = "<rs:RegistryErrorList><rs:RegistryError errorCode=' XDSMissingDocument ' codeContext='DICOM Object not found'"
        + " location='RigImgDocSetRet' severity='Error'/>"
        + "<rs:RegistryError errorCode='urn:dicom:wado:0007' location='' severity='urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning'/>"
        + "<rs:RegistryError errorCode='XDSIUnknownIdsUid'/>"
        + "<rs:RegistryError errorCode='ACME-42' codeContext='vendor code'/></rs:RegistryErrorList>";
    AdhocQueryResponse r = response("PartialSuccess", "", errors);
    assertThat(r.status()).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(r.errors()).extracting(RegistryError::errorCode)
        .containsExactly("XDSMissingDocument", "urn:dicom:wado:0007", "XDSIUnknownIdsUid", "ACME-42");
    assertThat(r.errors()).extracting(e -> e.knownCode().orElse(null)).containsExactly(
        RegistryErrorCode.XDS_MISSING_DOCUMENT, RegistryErrorCode.WADO_NOT_IN_TRANSFER_SYNTAX,
        RegistryErrorCode.XDSI_UNKNOWN_IDS_UID, null);
    assertThat(r.errors()).extracting(RegistryError::severity).containsExactly(ErrorSeverity.ERROR,
        ErrorSeverity.WARNING, ErrorSeverity.ERROR, ErrorSeverity.ERROR);
    assertThat(r.errors().get(0).location()).isEqualTo("RigImgDocSetRet");
    assertThat(r.errors().get(0).knownCode().orElseThrow().meansDocumentMissing()).isTrue();
  }

  @Test
  void dcm4cheQueryIdTypoObsoleteHomeSlotAndUnquotedLists() throws Exception {
    String xml = "<query:AdhocQueryRequest xmlns:query='urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0'>"
        + "<AdhocQuery xmlns='" + RIM + "' id='urn:uuid:12941a89-e02e-4be5-967cce4bfc8fe492'>"
        + "<Slot name='$XDSDocumentEntryPatientId'><ValueList><Value>'p''1^^^&amp;1.2&amp;ISO'</Value></ValueList></Slot>"
        + "<Slot name='$XDSDocumentEntryStatus'><ValueList><Value>(urn:oasis:names:tc:ebxml-regrep:StatusType:Approved)</Value></ValueList></Slot>"
        + "<Slot name='$XDSDocumentEntryType'><ValueList><Value>(urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1,urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248)</Value></ValueList></Slot>"
        + "<Slot name='$XDSDocumentEntryReferenceIdList'><ValueList><Value>('1.2.3^^^^urn:ihe:iti:xds:2016:studyInstanceUID')</Value>"
        + "<Value>('4.5.6^^^^urn:ihe:iti:xds:2016:studyInstanceUID')</Value></ValueList></Slot>"
        + "<Slot name='$XDSDocumentEntryServiceStartTimeFrom'><ValueList><Value>'20200101'</Value></ValueList></Slot>"
        + "<Slot name='$homeCommunityId'><ValueList><Value>'urn:oid:1.2.3.5'</Value></ValueList></Slot>"
        + "<Slot name='$MetadataLevel'><ValueList><Value>1</Value></ValueList></Slot>"
        + "</AdhocQuery></query:AdhocQueryRequest>";
    AdhocQueryRequest q = (AdhocQueryRequest) IheTestXml.read(xml);
    assertThat(q.returnType()).isEqualTo(ReturnType.LEAF_CLASS); // no ResponseOption: LeafClass
    assertThat(q.homeCommunityId()).isEqualTo("urn:oid:1.2.3.5");
    FindDocumentsByReferenceId f = (FindDocumentsByReferenceId) q.query();
    assertThat(f.patientId()).isEqualTo(new Cx("p'1", "1.2"));
    assertThat(f.filter().entryTypes()).containsExactly(DocumentEntryType.STABLE, DocumentEntryType.ON_DEMAND);
    assertThat(f.referenceIds()).extracting(ReferenceId::value).containsExactly("1.2.3", "4.5.6");
    assertThat(f.filter().serviceStartTimeFrom()).isEqualTo("20200101");
  }

  @Test
  void nistUnprefixedStudySeriesAndIheradDocumentRequest() throws Exception {
    // KOSToRad69 writes Study/Series without a namespace (§9.2 pitfall 2); the strict XSD reading puts
    // DocumentRequest in xdsi-b. Both are read.
    String xml = "<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad='urn:ihe:rad:xdsi-b:2009'>"
        + "<StudyRequest studyInstanceUID='1.1'><SeriesRequest seriesInstanceUID='1.1.1'>"
        + "<iherad:DocumentRequest><iherad:RepositoryUniqueId>9.9</iherad:RepositoryUniqueId>"
        + "<iherad:DocumentUniqueId>1.1.1.1</iherad:DocumentUniqueId></iherad:DocumentRequest>"
        + "</SeriesRequest></StudyRequest>"
        + "<TransferSyntaxUIDList><TransferSyntaxUID> 1.2.840.10008.1.2.1 </TransferSyntaxUID></TransferSyntaxUIDList>"
        + "</iherad:RetrieveImagingDocumentSetRequest>";
    RetrieveImagingDocumentSetRequest r = (RetrieveImagingDocumentSetRequest) IheTestXml.read(xml);
    assertThat(r.documentRequests()).containsExactly(new DocumentRequest(null, "9.9", "1.1.1.1"));
    assertThat(r.transferSyntaxUids()).containsExactly("1.2.840.10008.1.2.1");
  }

  @Test
  void xopIncludeHrefIsUrlDecodedAndBase64MayBeWrapped() throws Exception {
    String xml = "<RetrieveDocumentSetResponse xmlns='urn:ihe:iti:xds-b:2007'>"
        + "<rs:RegistryResponse xmlns:rs='urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0' status='urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success'/>"
        + "<DocumentResponse><RepositoryUniqueId>1</RepositoryUniqueId><DocumentUniqueId>2</DocumentUniqueId>"
        + "<mimeType>application/dicom</mimeType><Document><xop:Include xmlns:xop='http://www.w3.org/2004/08/xop/include'"
        + " href='cid:1.urn%3Auuid%3A3D4B%40apache.org+x'/></Document></DocumentResponse>"
        + "<DocumentResponse><RepositoryUniqueId>1</RepositoryUniqueId><DocumentUniqueId>3</DocumentUniqueId>"
        + "<mimeType>text/plain</mimeType><Document>aGVs\n  bG8=\r\n</Document></DocumentResponse>"
        + "</RetrieveDocumentSetResponse>";
    RetrieveDocumentSetResponse r = (RetrieveDocumentSetResponse) IheTestXml.read(xml);
    DocumentContent.XopInclude x = (DocumentContent.XopInclude) r.documents().get(0).content();
    assertThat(x.contentId()).isEqualTo("1.urn:uuid:3D4B@apache.org+x");
    assertThat(r.documents().get(1).content()).isEqualTo(new DocumentContent.Inline("hello".getBytes()));
    assertThat(r.documents().get(0).homeCommunityId()).isNull(); // optional part missing
  }

  @Test
  void minimalFindDocumentsHasDefaults() throws Exception {
    AdhocQueryRequest q = (AdhocQueryRequest) IheTestXml.read(IheTestXml.write(new AdhocQueryRequest(
        new FindDocuments(new Cx("x", null), DocumentEntryFilter.approved()), ReturnType.LEAF_CLASS, null)));
    assertThat(((FindDocuments) q.query()).filter()).isEqualTo(DocumentEntryFilter.approved());
    assertThat(((FindDocuments) q.query()).filter().statuses()).isEqualTo(List.of(AvailabilityStatus.APPROVED));
  }
}
