package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.RAD;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLNonconstructiveDocumentSetRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLRetrieveDocumentSetResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLRetrieveImagingDocumentSetRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.RetrieveDocumentSetResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.requests.DocumentReference;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.commons.ihe.xds.core.stub.xdsi.RetrieveImagingDocumentSetRequestType;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RetrieveDocumentSetRequestTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RetrieveImagingDocumentSetRequestTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.RetrieveDocumentSetResponseTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.NonconstructiveDocumentSetRequestValidator;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.RetrieveImagingDocumentSetRequestValidator;
import org.openehealth.ipf.commons.ihe.xds.core.validate.responses.RetrieveDocumentSetResponseValidator;

/**
 * IPF 5.1.0 accepts what we write for ITI-39 and RAD-69/75: schema-valid for IPF's JAXB model (IHEXDSB.xsd /
 * IHEXDSIB.xsd), no complaint from IPF's validators under the ITI_39, RAD_69 and RAD_75 profiles, and IPF's
 * transformers read our values, attachments included (xop:Include resolved by JAXB's attachment handling).
 */
class IpfAcceptsOurRetrieveTest {
  private static final EbXMLFactory30 FACTORY = new EbXMLFactory30();

  @Test
  void iti39Request() throws Exception {
    var ebxml = new EbXMLNonconstructiveDocumentSetRequest30<>(
        IpfPeer.unmarshalValid(IheTestXml.write(SampleMessages.iti39Request()), RetrieveDocumentSetRequestType.class));
    NonconstructiveDocumentSetRequestValidator.getInstance().validate(ebxml, XCA.Interactions.ITI_39);
    List<DocumentReference> docs = new RetrieveDocumentSetRequestTransformer(FACTORY).fromEbXML(ebxml).getDocuments();
    assertThat(docs).extracting(DocumentReference::getHomeCommunityId).containsOnly(SampleMessages.HOME);
    assertThat(docs).extracting(DocumentReference::getRepositoryUniqueId)
        .containsExactly("1.3.6.1.4.1.21367.13.71.201", "1.3.6.1.4.1.21367.13.71.202");
    assertThat(docs).extracting(DocumentReference::getDocumentUniqueId).containsExactly(
        "1.3.6.1.4.1.21367.201599.3.201606021454003.90", "1.3.6.1.4.1.21367.201599.3.201606021454003.91");
  }

  @Test
  void rad75AndRad69Request() throws Exception {
    String xml = IheTestXml.write(SampleMessages.rad75Request());
    var ebxml = new EbXMLRetrieveImagingDocumentSetRequest30(
        IpfPeer.unmarshalBound(xml, RetrieveImagingDocumentSetRequestType.class));
    RetrieveImagingDocumentSetRequestValidator.getInstance().validate(ebxml, RAD.Interactions.RAD_75);
    RetrieveImagingDocumentSetRequestValidator.getInstance().validate(ebxml, RAD.Interactions.RAD_69);
    var ipf = new RetrieveImagingDocumentSetRequestTransformer(FACTORY).fromEbXML(ebxml);
    assertThat(ipf.getTransferSyntaxIds()).containsExactly("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.1");
    assertThat(ipf.getRetrieveStudies()).singleElement().satisfies(study -> {
      assertThat(study.getStudyInstanceUID()).isEqualTo(SampleMessages.STUDY);
      assertThat(study.getRetrieveSerieses()).extracting(s -> s.getSeriesInstanceUID())
          .containsExactly("1.2.3.4.5.6", "1.2.3.4.5.7");
      assertThat(study.getRetrieveSerieses().get(0).getDocuments()).extracting(DocumentReference::getDocumentUniqueId)
          .containsExactly("1.2.3.4.5.6.1", "1.2.3.4.5.6.2");
      assertThat(study.getRetrieveSerieses().get(1).getDocuments().get(0).getRepositoryUniqueId())
          .isEqualTo("1.3.6.1.4.1.21367.13.80.111");
      assertThat(study.getRetrieveSerieses().get(1).getDocuments().get(0).getHomeCommunityId())
          .isEqualTo(SampleMessages.HOME);
    });
    // IPF writes the same shape: its own XML for the request reads back into our model unchanged
    String ipfXml = IpfPeer.marshal(new RetrieveImagingDocumentSetRequestTransformer(FACTORY).toEbXML(ipf).getInternal(),
        RetrieveImagingDocumentSetRequestType.class,
        new QName(IheNamespaces.XDS_I_B, "RetrieveImagingDocumentSetRequest"));
    assertThat(ipfXml).contains("xmlns:xds=\"urn:ihe:iti:xds-b:2007\"", "<xds:DocumentRequest>");
    assertThat(IheTestXml.read(ipfXml)).isEqualTo(SampleMessages.rad75Request());
    // the two namespaces as IPF's binding and the NIST messages have them
    assertThat(xml).contains("<iherad:StudyRequest", "<iherad:SeriesRequest", "<ihe:DocumentRequest",
        "<iherad:TransferSyntaxUIDList", "xmlns:iherad=\"urn:ihe:rad:xdsi-b:2009\"", "xmlns:ihe=\"urn:ihe:iti:xds-b:2007\"");
  }

  @Test
  void rad75RequestWithoutTransferSyntaxIsRefusedControl() throws Exception {
    String xml = IheTestXml.write(SampleMessages.rad75Request())
        .replaceAll("<iherad:TransferSyntaxUID>[^<]*</iherad:TransferSyntaxUID>", "");
    var ebxml = new EbXMLRetrieveImagingDocumentSetRequest30(IpfPeer.unmarshalBound(xml,
        RetrieveImagingDocumentSetRequestType.class));
    assertThatThrownBy(() -> RetrieveImagingDocumentSetRequestValidator.getInstance().validate(ebxml,
        RAD.Interactions.RAD_75)).isInstanceOf(XDSMetaDataException.class);
  }

  private static RetrievedDocumentSet ipfResponse(String xml, RetrieveDocumentSetResponseType type,
      org.openehealth.ipf.commons.ihe.xds.XdsInteractionId<?> profile) {
    var ebxml = new EbXMLRetrieveDocumentSetResponse30(type);
    RetrieveDocumentSetResponseValidator.getInstance().validate(ebxml, profile);
    return new RetrieveDocumentSetResponseTransformer(FACTORY).fromEbXML(ebxml);
  }

  @Test
  void iti39InlineResponse() throws Exception {
    String xml = IheTestXml.write(SampleMessages.iti39InlineSuccess());
    RetrievedDocumentSet set = ipfResponse(xml, IpfPeer.unmarshalValid(xml, RetrieveDocumentSetResponseType.class),
        XCA.Interactions.ITI_39);
    assertThat(set.getStatus()).isEqualTo(Status.SUCCESS);
    assertThat(set.getDocuments()).hasSize(2);
    assertThat(bytes(set.getDocuments().get(0))).isEqualTo("DICM-not-really".getBytes(StandardCharsets.US_ASCII));
    assertThat(bytes(set.getDocuments().get(1))).containsExactly(0, 1, 2, 0xff);
    assertThat(set.getDocuments().get(1).getMimeType()).isEqualTo("text/xml");
    assertThat(set.getDocuments().get(0).getRequestData().getDocumentUniqueId())
        .isEqualTo("1.3.6.1.4.1.21367.201599.3.201606021454003.90");
  }

  @Test
  void rad75PartialSuccessWithXopAttachments() throws Exception {
    RetrieveDocumentSetResponse ours = SampleMessages.rad75PartialXop();
    String xml = IheTestXml.write(ours);
    // the hrefs as we wrote them, cid: plus %-escaped Content-ID (the blank in the second one)
    String href0 = ((DocumentContent.XopInclude) ours.documents().get(0).content()).href();
    String href1 = ((DocumentContent.XopInclude) ours.documents().get(1).content()).href();
    assertThat(href1).isEqualTo("cid:2.urn:uuid:b%20c@xcai.example");
    byte[] a = "instance one".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "instance two".getBytes(StandardCharsets.US_ASCII);
    RetrievedDocumentSet set = ipfResponse(xml,
        IpfPeer.unmarshalXop(xml, RetrieveDocumentSetResponseType.class, Map.of(href0, a, href1, b)),
        RAD.Interactions.RAD_75);
    assertThat(set.getStatus()).isEqualTo(Status.PARTIAL_SUCCESS);
    assertThat(set.getDocuments()).extracting(RetrievedDocument::getMimeType).containsOnly("application/dicom");
    assertThat(bytes(set.getDocuments().get(0))).isEqualTo(a);
    assertThat(bytes(set.getDocuments().get(1))).isEqualTo(b);
    assertThat(set.getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode.DOCUMENT_UNIQUE_ID_ERROR);
      assertThat(e.getSeverity()).isEqualTo(Severity.ERROR);
      assertThat(e.getLocation()).isEqualTo(SampleMessages.HOME);
    });
  }

  @Test
  void rad69TransferSyntaxFailureKeepsTheWadoCode() throws Exception {
    String xml = IheTestXml.write(SampleMessages.transferSyntaxFailure());
    RetrievedDocumentSet set = ipfResponse(xml, IpfPeer.unmarshalValid(xml, RetrieveDocumentSetResponseType.class),
        RAD.Interactions.RAD_69);
    assertThat(set.getStatus()).isEqualTo(Status.FAILURE);
    assertThat(set.getDocuments()).isEmpty();
    assertThat(set.getErrors()).singleElement().satisfies(e -> {
      assertThat(e.getErrorCode()).isEqualTo(ErrorCode._USER_DEFINED);
      assertThat(e.getCustomErrorCode()).isEqualTo("urn:dicom:wado:0007");
      assertThat(e.getLocation()).isEqualTo("1.2.3.4.5.6.1");
    });
  }

  @Test
  void weReadWhatIpfWritesForARetrieveResponse() throws Exception {
    String xml = IheTestXml.write(SampleMessages.iti39InlineSuccess());
    RetrievedDocumentSet set = ipfResponse(xml, IpfPeer.unmarshalValid(xml, RetrieveDocumentSetResponseType.class),
        XCA.Interactions.ITI_39);
    var ipfEbxml = new RetrieveDocumentSetResponseTransformer(FACTORY).toEbXML(set);
    String ipfXml = IpfPeer.marshal(ipfEbxml.getInternal(), RetrieveDocumentSetResponseType.class,
        new QName(IheNamespaces.XDS_B, "RetrieveDocumentSetResponse"));
    assertThat(IheTestXml.read(ipfXml)).isEqualTo(SampleMessages.iti39InlineSuccess());
  }

  private static byte[] bytes(RetrievedDocument d) throws Exception {
    try (InputStream in = d.getDataHandler().getInputStream()) {
      return in.readAllBytes();
    }
  }
}
