package org.xcaibridge.ihe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What we write, we read back unchanged: every message type with every part filled, and every fixture
 * after one read (fixture → model → XML → model).
 */
class WriteThenReadGivesSameModelTest {

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of("ITI-38 FindDocuments, full filter", SampleMessages.findDocuments()),
        Arguments.of("ITI-38 FindDocumentsByReferenceId", SampleMessages.findByStudy()),
        Arguments.of("ITI-38 GetDocuments", SampleMessages.getDocuments()),
        Arguments.of("ITI-38 LeafClass response", SampleMessages.leafClassResponse()),
        Arguments.of("ITI-38 PartialSuccess response", SampleMessages.partialResponse()),
        Arguments.of("ITI-38 ObjectRef response", SampleMessages.objectRefResponse()),
        Arguments.of("ITI-39 request", SampleMessages.iti39Request()),
        Arguments.of("ITI-39 inline response", SampleMessages.iti39InlineSuccess()),
        Arguments.of("RAD-75 request", SampleMessages.rad75Request()),
        Arguments.of("RAD-75 PartialSuccess XOP response", SampleMessages.rad75PartialXop()),
        Arguments.of("RAD-69 transfer syntax failure", SampleMessages.transferSyntaxFailure()),
        Arguments.of("ITI-55 request", Iti55Samples.request()),
        Arguments.of("ITI-55 response OK", Iti55Samples.responseOk()),
        Arguments.of("ITI-55 response AE", Iti55Samples.responseError()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void roundTrip(String name, IheMessage message) throws Exception {
    assertThat(IheTestXml.roundTrip(message)).isEqualTo(message);
  }

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("01_rad75_request_two_studies.nist-rig_5421.xml", "RetrieveImagingDocumentSetRequest"),
        Arguments.of("02_rad69_request_to_iig_with_homeCommunityId.nist-iig_5401.xml", "RetrieveImagingDocumentSetRequest"),
        Arguments.of("03_rad75_expected_response_success.nist-rig_5421.testplan.xml", "RetrieveDocumentSetResponse"),
        Arguments.of("04_rad75_expected_response_partialsuccess.nist-rig_5427.testplan.xml", "RetrieveDocumentSetResponse"),
        Arguments.of("05_rad75_expected_response_transfer_syntax_failure.nist-rig_5424.testplan.xml",
            "RetrieveDocumentSetResponse"),
        Arguments.of("09_iti38_soap_request_finddocuments.nist.xml", "AdhocQueryRequest"),
        Arguments.of("10_iti18_38_query_finddocumentsbyreferenceid.nist-11897.xml", "AdhocQueryRequest"),
        Arguments.of("11_iti39_soap_request.nist.xml", "RetrieveDocumentSetRequest"),
        Arguments.of("12_iti39_soap_response_inline_base64.nist.xml", "RetrieveDocumentSetResponse"),
        Arguments.of("13_iti55_request_PRPA_IN201305UV02.ipf.xml", "PRPA_IN201305UV02"),
        Arguments.of("14_iti55_response_PRPA_IN201306UV02.ipf.xml", "PRPA_IN201306UV02"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureRoundTrip(String fixture, String root) throws Exception {
    IheMessage first = IheTestXml.read(IheTestXml.fixture(fixture), root, IheMessage.class);
    assertThat(IheTestXml.roundTrip(first)).isEqualTo(first);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void documentEntriesSurviveAlone(String name, IheMessage message) throws Exception {
    if (message instanceof AdhocQueryResponse r) {
      for (DocumentEntry e : r.documentEntries()) {
        AdhocQueryResponse single = AdhocQueryResponse.ofEntries(List.of(e));
        assertThat(IheTestXml.roundTrip(single).documentEntries()).containsExactly(e);
      }
    }
  }
}
