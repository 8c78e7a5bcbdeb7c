package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcaibridge.studies.StudiesException;
import org.xcaibridge.studies.StudySearch;

/**
 * What a QIDO-RS study query asks of the study core: a patient only when PatientID names one (OHIF's
 * {@code *value*} wildcard names none, so the located studies answer), its issuer from IssuerOfPatientID or a CX
 * value, the UID list, the date range and the modalities as narrowing hints. And the study core's failures answered
 * by the one error table: 404, 502, 504 naming the community, 406, 503 with Retry-After.
 */
class StudySearchFromQidoAndStudiesErrorsTest {
  private final QidoQueryParser parser = new QidoQueryParser(QidoLimits.DEFAULT);

  private StudySearch search(String query) {
    return QidoSearches.search(parser.parse(QidoLevel.STUDY, null, null, query));
  }

  @Test
  void aPatientIdNamesThePatientAndTheOtherKeysNarrow() {
    StudySearch s = search("00100020=98890234&IssuerOfPatientID=HOSP&StudyInstanceUID=1.2.3,1.2.4"
        + "&StudyDate=20200101-20201231&ModalitiesInStudy=CT%5CMR&PatientName=Doe%5EJohn&PatientBirthDate=19700101");
    assertThat(s.patient().id()).isEqualTo("98890234");
    assertThat(s.patient().issuer()).isEqualTo("HOSP");
    assertThat(s.patient().name()).isEqualTo("Doe^John");
    assertThat(s.patient().birthDate()).isEqualTo("19700101");
    assertThat(s.studyInstanceUids()).containsExactly("1.2.3", "1.2.4");
    assertThat(s.dateFrom()).isEqualTo("20200101");
    assertThat(s.dateTo()).isEqualTo("20201231");
    assertThat(s.modalities()).containsExactly("CT", "MR");
  }

  @Test
  void aCxPatientIdCarriesItsAuthorityAndOpenDateEndsStayOpen() {
    StudySearch s = search("PatientID=77%5E%5E%5E%261.2.3.4%26ISO&StudyDate=20200101-");
    assertThat(s.patient().id()).isEqualTo("77");
    assertThat(s.patient().issuer()).isEqualTo("1.2.3.4");
    assertThat(s.dateFrom()).isEqualTo("20200101");
    assertThat(s.dateTo()).isNull();
  }

  @Test
  void wildcardsAndNoPatientAskNoCommunity() {
    assertThat(search("PatientID=*9889*&limit=101&fuzzymatching=false").patient()).isNull();
    assertThat(search("StudyInstanceUID=1.2.3").patient()).isNull();
    assertThat(search("StudyInstanceUID=1.2.3").studyInstanceUids()).containsExactly("1.2.3");
    assertThat(search("").patient()).isNull();
  }

  @Test
  void aCxAuthorityContradictingTheIssuerIsABadRequest() {
    assertThatThrownBy(() -> search("PatientID=77%5E%5E%5E%261.2.3.4%26ISO&IssuerOfPatientID=9.9.9"))
        .isInstanceOfSatisfying(DicomWebException.BadRequest.class, e -> assertThat(e.parameter())
            .isEqualTo("PatientID"));
  }

  @Test
  void studiesFailuresHaveTheirStatus() {
    assertThat(DicomWebErrors.answer(new StudiesException.NotFound("study 1.2 unknown"), 500).status())
        .isEqualTo(404);
    DicomWebErrors.Answer down = DicomWebErrors.answer(new StudiesException.CommunityFailed("North (urn:oid:1.2)",
        false, "connection refused", null), 500);
    assertThat(down.status()).isEqualTo(502);
    assertThat(down.message()).contains("North (urn:oid:1.2)");
    DicomWebErrors.Answer slow = DicomWebErrors.answer(new StudiesException.CommunityFailed("South (urn:oid:1.3)",
        true, "no answer in 10 s", null), 500);
    assertThat(slow.status()).isEqualTo(504);
    assertThat(slow.message()).contains("South (urn:oid:1.3)");
    assertThat(DicomWebErrors.answer(new StudiesException.TransferSyntaxRefused("North",
        List.of("1.2.840.10008.1.2.4.90")), 500).status()).isEqualTo(406);
    assertThat(DicomWebErrors.answer(new StudiesException.UnusableAnswer("North", "broken manifest", null), 500)
        .status()).isEqualTo(502);
    DicomWebErrors.Answer full = DicomWebErrors.answer(new StudiesException.LocalFailure("cache disk full", null), 500);
    assertThat(full.status()).isEqualTo(503);
    assertThat(full.retryAfter()).isNotNull();
  }
}
