package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLAdhocQueryRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLQueryResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Timestamp;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsByReferenceIdQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.QueryRegistryTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.QueryResponseTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.AdhocQueryRequestValidator;
import org.openehealth.ipf.commons.ihe.xds.core.validate.responses.QueryResponseValidator;

/**
 * IPF 5.1.0 accepts what we write for ITI-38: our XML passes the ebRS 3.0 schema as IPF's JAXB model
 * unmarshals it, IPF's validators with the {@code XCA.Interactions.ITI_38} profile raise nothing, and IPF's
 * transformers read back the values we put in. The reverse too: what IPF writes, we read.
 */
class IpfAcceptsOurIti38Test {
  private static final EbXMLFactory30 FACTORY = new EbXMLFactory30();

  private static EbXMLAdhocQueryRequest30 ipfRequest(org.xcaibridge.ihe.AdhocQueryRequest ours) throws Exception {
    EbXMLAdhocQueryRequest30 ebxml = new EbXMLAdhocQueryRequest30(
        IpfPeer.unmarshalValid(IheTestXml.write(ours), AdhocQueryRequest.class));
    AdhocQueryRequestValidator.getInstance().validate(ebxml, XCA.Interactions.ITI_38);
    return ebxml;
  }

  @Test
  void findDocumentsWithEveryParameter() throws Exception {
    EbXMLAdhocQueryRequest30 ebxml = ipfRequest(SampleMessages.findDocuments());
    assertThat(ebxml.getHome()).isEqualTo(SampleMessages.HOME);
    var registry = new QueryRegistryTransformer().fromEbXML(ebxml);
    assertThat(registry.getReturnType()).isEqualTo(QueryReturnType.LEAF_CLASS);
    FindDocumentsQuery q = (FindDocumentsQuery) registry.getQuery();
    assertThat(q.getPatientId().getId()).isEqualTo("IDS-AD001-a");
    assertThat(q.getPatientId().getAssigningAuthority().getUniversalId()).isEqualTo("1.3.6.1.4.1.21367.2005.13.20.1000");
    assertThat(q.getStatus()).containsExactly(AvailabilityStatus.APPROVED, AvailabilityStatus.DEPRECATED);
    assertThat(q.getFormatCodes()).singleElement().satisfies(c -> {
      assertThat(c.getCode()).isEqualTo("1.2.840.10008.5.1.4.1.1.88.59");
      assertThat(c.getSchemeName()).isEqualTo("1.2.840.10008.2.6.1");
    });
    assertThat(q.getClassCodes()).extracting(c -> c.getCode()).containsExactly("IMAGES");
    assertThat(q.getTypeCodes()).extracting(c -> c.getCode()).containsExactly("18748-4");
    assertThat(q.getPracticeSettingCodes()).extracting(c -> c.getCode()).containsExactly("309964003");
    assertThat(q.getHealthcareFacilityTypeCodes()).extracting(c -> c.getCode()).containsExactly("Outpatient");
    assertThat(q.getEventCodes().getOuterList()).singleElement().satisfies(
        or -> assertThat(or).extracting(c -> c.getCode()).containsExactly("CT", "MR"));
    assertThat(q.getConfidentialityCodes().getOuterList()).singleElement().satisfies(
        or -> assertThat(or).extracting(c -> c.getCode()).containsExactly("N"));
    assertThat(Timestamp.toHL7(q.getCreationTime().getFrom())).isEqualTo("20160101");
    assertThat(Timestamp.toHL7(q.getCreationTime().getTo())).isEqualTo("20161231235959");
    assertThat(Timestamp.toHL7(q.getServiceStartTime().getTo())).isEqualTo("201612");
    assertThat(Timestamp.toHL7(q.getServiceStopTime().getFrom())).isEqualTo("20160102");
    assertThat(q.getAuthorPersons()).containsExactly("Smitty%", "O'Brien%"); // quote doubled on the wire
    assertThat(q.getDocumentEntryTypes())
        .containsExactly(org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.STABLE);
  }

  @Test
  void findDocumentsByStudyInstanceUid() throws Exception {
    var registry = new QueryRegistryTransformer().fromEbXML(ipfRequest(SampleMessages.findByStudy()));
    assertThat(registry.getReturnType()).isEqualTo(QueryReturnType.OBJECT_REF);
    FindDocumentsByReferenceIdQuery q = (FindDocumentsByReferenceIdQuery) registry.getQuery();
    var refs = q.getTypedReferenceIds().getOuterList().get(0);
    assertThat(refs).hasSize(2);
    assertThat(refs.get(0).getId()).isEqualTo(SampleMessages.STUDY);
    assertThat(refs.get(0).getIdTypeCode()).isEqualTo(ReferenceId.STUDY_INSTANCE_UID);
    assertThat(refs.get(1).getId()).isEqualTo("ACC-1234");
    assertThat(refs.get(1).getAssigningAuthority().getUniversalId()).isEqualTo("1.3.6.1.4.1.21367.2005.3.7");
    assertThat(refs.get(1).getIdTypeCode()).isEqualTo(ReferenceId.ACCESSION);
  }

  @Test
  void theCheckCanFailControl() throws Exception {
    // the same request without its required status parameter is refused by IPF's validator
    String xml = IheTestXml.write(SampleMessages.findDocuments());
    String noStatus = xml.replaceAll("<rim:Slot name=\"\\$XDSDocumentEntryStatus\">.*?</rim:Slot>", "");
    assertThat(noStatus).isNotEqualTo(xml);
    EbXMLAdhocQueryRequest30 ebxml = new EbXMLAdhocQueryRequest30(IpfPeer.unmarshalValid(noStatus, AdhocQueryRequest.class));
    assertThatThrownBy(() -> AdhocQueryRequestValidator.getInstance().validate(ebxml, XCA.Interactions.ITI_38))
        .isInstanceOf(XDSMetaDataException.class);
    // and an element out of schema order is refused by the schema check
    String misplaced = xml.replace("<query:ResponseOption", "<query:ResponseOptionX");
    assertThatThrownBy(() -> IpfPeer.unmarshalValid(misplaced, AdhocQueryRequest.class)).isNotNull();
  }

  @Test
  void getDocumentsWithHomeCommunityId() throws Exception {
    EbXMLAdhocQueryRequest30 ebxml = ipfRequest(SampleMessages.getDocuments());
    GetDocumentsQuery q = (GetDocumentsQuery) new QueryRegistryTransformer().fromEbXML(ebxml).getQuery();
    assertThat(q.getUniqueIds()).containsExactly("1.3.6.1.4.1.21367.201599.3.1", "1.2.3.4");
    assertThat(ebxml.getHome()).isEqualTo(SampleMessages.HOME);
  }

  private static QueryResponse ipfResponse(org.xcaibridge.ihe.AdhocQueryResponse ours) throws Exception {
    EbXMLQueryResponse30 ebxml = new EbXMLQueryResponse30(
        IpfPeer.unmarshalValid(IheTestXml.write(ours), AdhocQueryResponse.class));
    QueryResponseValidator.getInstance().validate(ebxml, XCA.Interactions.ITI_38);
    return new QueryResponseTransformer(FACTORY).fromEbXML(ebxml);
  }

  @Test
  void leafClassResponseWithFullKosEntries() throws Exception {
    QueryResponse r = ipfResponse(SampleMessages.leafClassResponse());
    assertThat(r.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(r.getDocumentEntries()).hasSize(2);
    DocumentEntry ours = SampleMessages.kosEntry("0");
    var e = r.getDocumentEntries().get(0);
    assertThat(e.getEntryUuid()).isEqualTo(ours.entryUuid());
    assertThat(e.getHomeCommunityId()).isEqualTo(ours.home());
    assertThat(e.getAvailabilityStatus()).isEqualTo(AvailabilityStatus.APPROVED);
    assertThat(e.getMimeType()).isEqualTo("application/dicom");
    assertThat(e.getUniqueId()).isEqualTo(ours.uniqueId());
    assertThat(e.getPatientId().getId()).isEqualTo("IDS-AD001-a");
    assertThat(e.getRepositoryUniqueId()).isEqualTo(ours.repositoryUniqueId());
    assertThat(e.getFormatCode().getCode()).isEqualTo(Code.KOS_FORMAT.code());
    assertThat(e.getFormatCode().getSchemeName()).isEqualTo(Code.KOS_FORMAT.codingScheme());
    assertThat(e.getFormatCode().getDisplayName().getValue()).isEqualTo(Code.KOS_FORMAT.displayName());
    assertThat(e.getClassCode().getCode()).isEqualTo("IMAGES");
    assertThat(e.getTypeCode().getCode()).isEqualTo("18748-4");
    assertThat(e.getConfidentialityCodes()).extracting(c -> c.getCode()).containsExactly("N");
    assertThat(e.getEventCodeList()).extracting(c -> c.getCode()).containsExactly("CT", "T-D3000");
    assertThat(e.getHealthcareFacilityTypeCode().getCode()).isEqualTo("Outpatient");
    assertThat(e.getPracticeSettingCode().getCode()).isEqualTo("309964003");
    assertThat(e.getAuthors()).singleElement().satisfies(a -> {
      assertThat(a.getAuthorPerson().getName().getFamilyName()).isEqualTo("Smitty");
      assertThat(a.getAuthorInstitution()).extracting(o -> o.getOrganizationName())
          .containsExactly("Cleveland Clinic", "Parma Community");
    });
    assertThat(Timestamp.toHL7(e.getCreationTime())).isEqualTo("20161031091205");
    assertThat(Timestamp.toHL7(e.getServiceStartTime())).isEqualTo("200612230800");
    assertThat(Timestamp.toHL7(e.getServiceStopTime())).isEqualTo("200612230900");
    assertThat(e.getSourcePatientId().getId()).isEqualTo("IDS-DEPT001-a");
    assertThat(e.getSourcePatientInfo().getGender()).isEqualTo("M");
    assertThat(e.getLanguageCode()).isEqualTo("en-US");
    assertThat(e.getSize()).isEqualTo(1470L);
    assertThat(e.getHash()).isEqualTo(ours.hash());
    assertThat(e.getTitle().getValue()).isEqualTo("Imaging manifest");
    assertThat(e.getComments().getValue()).isEqualTo("KOS for CT chest & abdomen <2 series>");
    assertThat(e.getLegalAuthenticator().getName().getFamilyName()).isEqualTo("Welby");
    assertThat(e.getReferenceIdList()).extracting(x -> x.getId()).containsExactly(SampleMessages.STUDY, "ACC-1234");
    assertThat(e.getReferenceIdList()).extracting(x -> x.getIdTypeCode())
        .containsExactly(ReferenceId.STUDY_INSTANCE_UID, ReferenceId.ACCESSION);
    // our extra slot passed IPF's validator; IPF's transformer drops slots it does not know (no extra-metadata
    // configuration), so it is not in IPF's model
  }

  @Test
  void partialSuccessWithErrorsAndWarnings() throws Exception {
    QueryResponse r = ipfResponse(SampleMessages.partialResponse());
    assertThat(r.getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(r.getErrors()).hasSize(2);
    assertThat(r.getErrors().get(0).getErrorCode()).isEqualTo(ErrorCode.REGISTRY_ERROR);
    assertThat(r.getErrors().get(0).getSeverity()).isEqualTo(Severity.ERROR);
    assertThat(r.getErrors().get(0).getLocation()).isEqualTo(SampleMessages.HOME);
    assertThat(r.getErrors().get(1).getErrorCode()).isEqualTo(ErrorCode.TOO_MANY_RESULTS);
    assertThat(r.getErrors().get(1).getSeverity()).isEqualTo(Severity.WARNING);
    assertThat(r.getDocumentEntries()).hasSize(1);
  }

  @Test
  void objectRefResponse() throws Exception {
    QueryResponse r = ipfResponse(SampleMessages.objectRefResponse());
    assertThat(r.getReferences()).extracting(x -> x.getId()).containsExactly(
        "urn:uuid:7c0ee2a6-5f3f-4c5a-9e0e-3a1f1e2d9b10", "urn:uuid:7c0ee2a6-5f3f-4c5a-9e0e-3a1f1e2d9b11");
    assertThat(r.getReferences()).extracting(x -> x.getHome()).containsOnly(SampleMessages.HOME);
  }

  @Test
  void weReadWhatIpfWritesForAKosEntry() throws Exception {
    // IPF turns our entry into its own model, then writes its own XML; our reader must get the same values.
    QueryResponse ipfModel = ipfResponse(SampleMessages.leafClassResponse());
    var ipfEbxml = new QueryResponseTransformer(FACTORY).toEbXML(ipfModel);
    String ipfXml = IpfPeer.marshal((AdhocQueryResponse) ipfEbxml.getInternal(), AdhocQueryResponse.class,
        new QName(IheNamespaces.QUERY, "AdhocQueryResponse"));
    org.xcaibridge.ihe.AdhocQueryResponse back = (org.xcaibridge.ihe.AdhocQueryResponse) IheTestXml.read(ipfXml);
    assertThat(back.status()).isEqualTo(ResponseStatus.SUCCESS);
    DocumentEntry ours = SampleMessages.kosEntry("0");
    DocumentEntry theirs = back.documentEntries().get(0);
    // IPF assigns its own Classification ids and may reorder slots; the values must match.
    assertThat(theirs.toBuilder().build()).usingRecursiveComparison().ignoringFields("otherSlots", "legalAuthenticator",
        "authors").isEqualTo(ours);
    assertThat(theirs.otherSlots()).isEmpty(); // IPF dropped the slot it does not know, see above
    assertThat(theirs.authors().get(0).institutions()).containsExactly("Cleveland Clinic", "Parma Community");
    assertThat(theirs.studyInstanceUid()).contains(SampleMessages.STUDY);
  }
}
