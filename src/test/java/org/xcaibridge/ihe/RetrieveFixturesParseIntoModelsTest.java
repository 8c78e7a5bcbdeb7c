package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ITI-39 and RAD-69/75 fixtures of {@code shared/fixtures/ihe} read into our models with their values:
 * <ul>
 *   <li>01 (body) → {@link RetrieveImagingDocumentSetRequest}, RAD-75, two studies
 *   <li>02 (body) → {@link RetrieveImagingDocumentSetRequest}, RAD-69 to an IIG, with comments inside
 *   <li>03, 04, 05 (NIST test plans) → the {@link RetrieveDocumentSetResponse} in {@code <ResponseBody>}:
 *       Success, PartialSuccess, transfer-syntax Failure
 *   <li>11 (SOAP envelope) → {@link RetrieveDocumentSetRequest}
 *   <li>12 (SOAP envelope) → {@link RetrieveDocumentSetResponse} with inline base64 documents
 * </ul>
 */
class RetrieveFixturesParseIntoModelsTest {
  private static final String RIG_HOME = "urn:oid:1.3.6.1.4.1.21367.13.70.201";
  private static final String RIG_REPO = "1.3.6.1.4.1.21367.13.71.201.1";

  @Test
  void fixture01Rad75TwoStudies() throws Exception {
    RetrieveImagingDocumentSetRequest r = (RetrieveImagingDocumentSetRequest) IheTestXml.read(
        IheTestXml.fixture("01_rad75_request_two_studies.nist-rig_5421.xml"));
    assertThat(r.studies()).containsExactly(
        new StudyRequest("1.3.6.1.4.1.21367.201599.1.201606021454002", List.of(new SeriesRequest(
            "1.3.6.1.4.1.21367.201599.2.201606021454003", List.of(new DocumentRequest(RIG_HOME, RIG_REPO,
                "1.3.6.1.4.1.21367.201599.3.201606021454003.1"))))),
        new StudyRequest("1.3.6.1.4.1.21367.201599.1.201606021454006", List.of(new SeriesRequest(
            "1.3.6.1.4.1.21367.201599.2.201606021454007", List.of(new DocumentRequest(RIG_HOME, RIG_REPO,
                "1.3.6.1.4.1.21367.201599.3.201606021454007.1"))))));
    assertThat(r.transferSyntaxUids()).containsExactly("1.2.840.10008.1.2.1");
    assertThat(r.documentRequests()).hasSize(2);
  }

  @Test
  void fixture02Rad69ToInitiatingImagingGateway() throws Exception {
    RetrieveImagingDocumentSetRequest r = (RetrieveImagingDocumentSetRequest) IheTestXml.read(
        IheTestXml.fixture("02_rad69_request_to_iig_with_homeCommunityId.nist-iig_5401.xml"));
    assertThat(r.studies()).extracting(StudyRequest::studyInstanceUid).containsExactly(
        "1.3.6.1.4.1.21367.201599.1.201606010958036", "1.3.6.1.4.1.21367.201599.1.201606010958040");
    assertThat(r.documentRequests()).containsExactly(
        new DocumentRequest("urn:oid:1.3.6.1.4.1.21367.13.70.101", "1.3.6.1.4.1.21367.13.71.101",
            "1.3.6.1.4.1.21367.201599.3.201606010958036.1"),
        new DocumentRequest("urn:oid:1.3.6.1.4.1.21367.13.70.101", "1.3.6.1.4.1.21367.13.71.101",
            "1.3.6.1.4.1.21367.201599.3.201606010958040.1"));
    assertThat(r.studies().get(1).series().get(0).seriesInstanceUid())
        .isEqualTo("1.3.6.1.4.1.21367.201599.2.201606010958040");
  }

  @Test
  void fixture03Rad75Success() throws Exception {
    RetrieveDocumentSetResponse r = IheTestXml.read(
        IheTestXml.fixture("03_rad75_expected_response_success.nist-rig_5421.testplan.xml"),
        "RetrieveDocumentSetResponse", RetrieveDocumentSetResponse.class);
    assertThat(r.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(r.errors()).isEmpty();
    assertThat(r.documents()).extracting(DocumentResponse::documentUniqueId).containsExactly(
        "1.3.6.1.4.1.21367.201599.3.201606021454003.1", "1.3.6.1.4.1.21367.201599.3.201606021454007.1");
    assertThat(r.documents()).allSatisfy(d -> {
      assertThat(d.homeCommunityId()).isEqualTo(RIG_HOME);
      assertThat(d.repositoryUniqueId()).isEqualTo(RIG_REPO);
      assertThat(d.mimeType()).isEqualTo("application/dicom");
      // NIST's placeholder "..." holds no base64 character: read as JAXB reads it, as zero bytes
      assertThat(d.content()).isEqualTo(new DocumentContent.Inline(new byte[0]));
    });
  }

  @Test
  void fixture04Rad75PartialSuccess() throws Exception {
    RetrieveDocumentSetResponse r = IheTestXml.read(
        IheTestXml.fixture("04_rad75_expected_response_partialsuccess.nist-rig_5427.testplan.xml"),
        "RetrieveDocumentSetResponse", RetrieveDocumentSetResponse.class);
    assertThat(r.status()).isEqualTo(ResponseStatus.PARTIAL_SUCCESS);
    assertThat(r.documents()).extracting(DocumentResponse::documentUniqueId)
        .containsExactly("1.3.6.1.4.1.21367.201599.3.201606021454003.1");
    RegistryError e = r.errors().get(0);
    assertThat(r.errors()).hasSize(1);
    assertThat(e.errorCode()).isEqualTo("XDSDocumentUniqueIdError");
    assertThat(e.knownCode()).contains(RegistryErrorCode.XDS_DOCUMENT_UNIQUE_ID_ERROR);
    assertThat(e.knownCode().orElseThrow().meansDocumentMissing()).isTrue();
    assertThat(e.severity()).isEqualTo(ErrorSeverity.ERROR);
    assertThat(e.location()).isEqualTo("IdsActorSimulator EL-2"); // a simulator name, kept as is
    assertThat(e.codeContext()).startsWith("No document matching composite UID [1.3.6.1.4.1.21367.201599.1.")
        .endsWith("omit] ");
    assertThat(r.registryResponse().highestSeverity()).isEqualTo(ErrorSeverity.ERROR);
  }

  @Test
  void fixture05Rad75TransferSyntaxFailure() throws Exception {
    RetrieveDocumentSetResponse r = IheTestXml.read(
        IheTestXml.fixture("05_rad75_expected_response_transfer_syntax_failure.nist-rig_5424.testplan.xml"),
        "RetrieveDocumentSetResponse", RetrieveDocumentSetResponse.class);
    assertThat(r.status()).isEqualTo(ResponseStatus.FAILURE);
    assertThat(r.documents()).isEmpty();
    assertThat(r.errors()).containsExactly(new RegistryError("XDSRepositoryError",
        "IDS cannot encode the pixel data using any of the requested transfer syntaxes",
        "1.3.6.1.4.1.21367.201599.3.201606021454003.1", ErrorSeverity.ERROR));
    assertThat(r.errors().get(0).knownCode()).contains(RegistryErrorCode.XDS_REPOSITORY_ERROR);
  }

  @Test
  void fixture11Iti39RequestInsideEnvelope() throws Exception {
    RetrieveDocumentSetRequest r = IheTestXml.read(IheTestXml.fixture("11_iti39_soap_request.nist.xml"),
        "RetrieveDocumentSetRequest", RetrieveDocumentSetRequest.class);
    assertThat(r.documents()).containsExactly(
        new DocumentRequest("urn:oid:1.2.3.5", "1.3.6.1.4.1000", "1.3.6.1.4.2300"),
        new DocumentRequest("urn:oid:1.2.3.5", "1.3.6.1.4.2000", "1.3.6.1.4.2301"));
  }

  @Test
  void fixture12Iti39ResponseInlineBase64() throws Exception {
    RetrieveDocumentSetResponse r = IheTestXml.read(
        IheTestXml.fixture("12_iti39_soap_response_inline_base64.nist.xml"),
        "RetrieveDocumentSetResponse", RetrieveDocumentSetResponse.class);
    assertThat(r.status()).isEqualTo(ResponseStatus.SUCCESS);
    byte[] expected = Base64.getDecoder().decode("UjBsR09EbGhjZ0dTQUxNQUFBUUNBRU1tQ1p0dU1GUXhEUzhi");
    assertThat(new String(expected, StandardCharsets.US_ASCII)).startsWith("R0lGODlh"); // itself base64 of a GIF
    assertThat(r.documents()).hasSize(2).allSatisfy(d -> {
      assertThat(d.homeCommunityId()).isEqualTo("urn:oid:1.2.3");
      assertThat(d.repositoryUniqueId()).isEqualTo("1.3.6.1.4.1000");
      assertThat(d.documentUniqueId()).isEqualTo("1.3.6.1.4.2300");
      assertThat(d.mimeType()).isEqualTo("text/xml");
      assertThat(d.content()).isEqualTo(new DocumentContent.Inline(expected));
      assertThat(d.newDocumentUniqueId()).isNull();
    });
  }
}
