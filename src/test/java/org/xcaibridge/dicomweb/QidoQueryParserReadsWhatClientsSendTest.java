package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;

/** The query strings OHIF, the JS dicomweb-client and the Python client send (dicomweb.md §1.1) parse as meant. */
class QidoQueryParserReadsWhatClientsSendTest {
  private final QidoQueryParser parser = new QidoQueryParser(new QidoLimits(500, 200, 10, 16));

  @Test
  void ohifStudyListQuery() {
    QidoQuery q = parser.parse(QidoLevel.STUDY, null, null,
        "limit=101&offset=0&fuzzymatching=false&includefield=00081030%2C00080060%2C00080090%2C00100030"
            + "&PatientName=*doe*&StudyDate=19700102-20240131&00100020=*12*");
    assertThat(q.limit()).isEqualTo(101);
    assertThat(q.offset()).isZero();
    assertThat(q.fuzzyMatching()).isFalse();
    // Modality (0008,0060) is a series attribute: asked for at study level it is not returned (PS3.18 §10.6.3.3)
    assertThat(q.includeFields()).extracting(AttributePath::top).containsExactly(0x00081030, 0x00080090, 0x00100030);
    assertThat(q.key(Tag.PatientName).matcher()).isEqualTo(new Matcher.Wildcard("*doe*"));
    assertThat(q.key(Tag.PatientID).matcher()).isEqualTo(new Matcher.Wildcard("*12*"));
    assertThat(q.key(Tag.StudyDate).matcher()).isEqualTo(new Matcher.Range("19700102", "20240131"));
    assertThat(QidoAttributes.returned(q)).contains(Tag.StudyInstanceUID, 0x00201208, 0x00081030, Tag.PatientName)
        .doesNotContain(Tag.Modality);
  }

  @Test
  void pythonClientRepeatsIncludefieldAndEncodesSpacesAsPlus() {
    QidoQuery q = parser.parse(QidoLevel.SERIES, null, null,
        "includefield=SeriesDescription&includefield=PatientName&StudyDescription=CT+HEAD%2FNECK");
    assertThat(q.includeFields()).extracting(AttributePath::top).containsExactly(0x0008103E, Tag.PatientName);
    assertThat(q.key(0x00081030).matcher()).isEqualTo(new Matcher.Single("CT HEAD/NECK"));
    // "All Series" returns the study attributes as well (PS3.18 Table 10.6.3-3 with 10.6.3-4)
    assertThat(QidoAttributes.returned(q)).contains(Tag.Modality, 0x00201209, Tag.StudyDate, Tag.PatientID);
  }

  @Test
  void uidListsWithCommasBackslashesOrRepeatedKeys() {
    Matcher expected = new Matcher.UidList(List.of("1.2.3", "1.2.4", "1.2.5"));
    assertThat(parser.parse(QidoLevel.STUDY, null, null, "StudyInstanceUID=1.2.3,1.2.4,1.2.5")
        .key(Tag.StudyInstanceUID).matcher()).isEqualTo(expected);
    assertThat(parser.parse(QidoLevel.STUDY, null, null, "StudyInstanceUID=1.2.3%5C1.2.4%5C1.2.5")
        .key(Tag.StudyInstanceUID).matcher()).isEqualTo(expected);
    assertThat(parser.parse(QidoLevel.STUDY, null, null, "0020000D=1.2.3&StudyInstanceUID=1.2.4,1.2.5")
        .key(Tag.StudyInstanceUID).matcher()).isEqualTo(expected);
  }

  @Test
  void hexTagsInEitherCaseAndSequencePaths() {
    QidoQuery q = parser.parse(QidoLevel.SERIES, "1.2.3", null,
        "0008103e=AX*&RequestAttributesSequence.ScheduledProcedureStepID=SPS1&00400275.00401001=RP%3F");
    assertThat(q.key(0x0008103E).matcher()).isEqualTo(new Matcher.Wildcard("AX*"));
    assertThat(q.keys()).extracting(k -> k.path().tags()).contains(List.of(0x00400275, 0x00400009),
        List.of(0x00400275, 0x00401001));
    assertThat(q.keys()).filteredOn(k -> k.path().leaf() == 0x00401001).singleElement()
        .extracting(QidoQuery.MatchKey::matcher).isEqualTo(new Matcher.Wildcard("RP?"));
  }

  @Test
  void emptyValueAndLoneStarAreUniversalAndAllIsKept() {
    QidoQuery q = parser.parse(QidoLevel.STUDY, null, null, "PatientName=&AccessionNumber=*&includefield=all");
    assertThat(q.key(Tag.PatientName).matcher()).isEqualTo(new Matcher.Universal());
    assertThat(q.key(Tag.AccessionNumber).matcher()).isEqualTo(new Matcher.Universal());
    assertThat(q.includeAll()).isTrue();
  }

  @Test
  void dateAndTimeRangesOfTheSameFormAreCombined() {
    QidoQuery q = parser.parse(QidoLevel.STUDY, null, null, "StudyDate=20060705-20060707&StudyTime=1000-1800");
    assertThat(q.key(Tag.StudyDate).matcher()).isEqualTo(new Matcher.CombinedDateTime(Tag.StudyTime,
        new Matcher.Range("20060705", "20060707"), new Matcher.Range("1000", "1800")));
    assertThat(q.key(Tag.StudyTime).matcher()).isEqualTo(new Matcher.Universal());
    QidoQuery different = parser.parse(QidoLevel.STUDY, null, null, "StudyDate=20060705-&StudyTime=1000-1800");
    assertThat(different.key(Tag.StudyDate).matcher()).isEqualTo(new Matcher.Range("20060705", null));
  }

  @Test
  void dtWithNegativeOffsetIsOneValueAndOpenEndsAreRanges() {
    assertThat(parser.parse(QidoLevel.INSTANCE, null, null, "AcquisitionDateTime=20200101120000-0500")
        .key(0x0008002A).matcher()).isEqualTo(new Matcher.Single("20200101120000-0500"));
    assertThat(parser.parse(QidoLevel.INSTANCE, null, null, "AcquisitionDateTime=2020-2021")
        .key(0x0008002A).matcher()).isEqualTo(new Matcher.Range("2020", "2021"));
    assertThat(parser.parse(QidoLevel.STUDY, null, null, "StudyDate=-20200101").key(Tag.StudyDate).matcher())
        .isEqualTo(new Matcher.Range(null, "20200101"));
  }

  @Test
  void backslashValuesOfTextAttributesAreAlternatives() {
    QidoQuery q = parser.parse(QidoLevel.STUDY, null, null, "ModalitiesInStudy=CT%5CMR");
    assertThat(q.key(0x00080061)).isEqualTo(new QidoQuery.MatchKey(AttributePath.of(0x00080061), VR.CS,
        new Matcher.AnyOf(List.of(new Matcher.Single("CT"), new Matcher.Single("MR")))));
  }

  @Test
  void parametersThatNameNoAttributeAreIgnored() {
    QidoQuery q = parser.parse(QidoLevel.STUDY, null, null, "_=1700000000123&PatientNme=Doe&PatientID=7&foo=bar");
    assertThat(q.keys()).extracting(k -> k.path().top()).containsExactly(0x00100020);
  }

  @Test
  void limitAboveTheMaximumIsClampedAndDefaultsApply() {
    QidoQuery big = parser.parse(QidoLevel.STUDY, null, null, "limit=100000&offset=20");
    assertThat(big.limit()).isEqualTo(500);
    assertThat(big.limitClamped()).isTrue();
    assertThat(big.offset()).isEqualTo(20);
    QidoQuery none = parser.parse(QidoLevel.STUDY, null, null, null);
    assertThat(none.limit()).isEqualTo(200);
    assertThat(none.limitClamped()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "limit=-1 | limit | whole number",
      "limit=0 | limit | whole number",
      "limit=ten | limit | whole number",
      "offset=1.5 | offset | whole number",
      "limit=5&limit=6 | limit | more than once",
      "fuzzymatching=yes | fuzzymatching | true or false",
      "StudyDate=2020-01-01 | StudyDate | not a DA value",
      "StudyDate=20200231 | StudyDate | not a DA value",
      "StudyDate=20201231-20200101 | StudyDate | ends before it starts",
      "StudyDate=2020* | StudyDate | wildcards do not apply",
      "StudyInstanceUID=1.2.* | StudyInstanceUID | wildcards do not apply",
      "StudyInstanceUID=1.2.abc | StudyInstanceUID | not a UID",
      "Modality=CT | Modality | series attribute",
      "SOPInstanceUID=1.2.3 | SOPInstanceUID | instance attribute",
      "NumberOfStudyRelatedInstances=many | NumberOfStudyRelatedInstances | must be a number",
      "PatientName=A&PatientName=B | PatientName | given 2 times",
      "PatientID.Foo=1 | PatientID.Foo | not a sequence",
      "OtherPatientIDsSequence=X | OtherPatientIDsSequence | is a sequence",
      "PatientName=%E0%A4 | PatientName | not UTF-8",
      "PatientName=%4 | PatientName | broken percent escape",
  })
  void malformedQueriesAreBadRequestsNamingTheParameter(String query, String parameter, String says) {
    assertThatThrownBy(() -> parser.parse(QidoLevel.STUDY, null, null, query))
        .isInstanceOfSatisfying(DicomWebException.BadRequest.class, e -> {
          assertThat(e.parameter()).isEqualTo(parameter);
          assertThat(e.getMessage()).contains(says);
        });
  }

  @Test
  void tooManyUidsIsTooLargeAndBadPathUidIsRefused() {
    StringBuilder sb = new StringBuilder("StudyInstanceUID=");
    for (int i = 0; i < 11; i++) {
      sb.append(i == 0 ? "" : ",").append("1.2.").append(i + 1);
    }
    assertThatThrownBy(() -> parser.parse(QidoLevel.STUDY, null, null, sb.toString()))
        .isInstanceOf(DicomWebException.TooLarge.class).hasMessageContaining("at most 10");
    assertThatThrownBy(() -> parser.parse(QidoLevel.SERIES, "1.2.x", null, ""))
        .isInstanceOf(DicomWebException.BadRequest.class).hasMessageContaining("in the path is not a UID");
  }
}
