package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.VR;

/**
 * Matching by PS3.4 §C.2.2.2 over four studies, each held both as a dataset and as DICOM JSON: the
 * standard's range examples (§C.2.2.2.5, including the combined date-time example of §C.2.2.2.5.4),
 * wildcards, person names, multi-valued attributes, sequences, UID lists and empty values.
 */
class QidoMatchingFollowsPs34Test {
  private static final QidoQueryParser PARSER = new QidoQueryParser(QidoLimits.DEFAULT);
  private static final List<Dataset> STUDIES = List.of(
      study("1.2.1", "Doe^John=山田^太郎", "PID-12", "20060705", "093000", "A1", 12, "CT", "MR"),
      study("1.2.2", "SMITH^JANE^^^", "PID-2", "20060706", "0800", null, 3, "US"),
      study("1.2.3", "de la Cruz^Maria", "PID-3", "20060707", "170000.5", "A3", 1, "CT"),
      study("1.2.4", "Doe^Jane", "PID-4", null, null, "", 2, "OT"));

  static Stream<Arguments> cases() {
    String[][] table = {
        {"", "1.2.1 1.2.2 1.2.3 1.2.4"},
        {"PatientName=doe^john", "1.2.1"},
        {"PatientName=Doe^John^^", "1.2.1"},
        {"PatientName=Doe", ""},
        {"PatientName=*doe*", "1.2.1 1.2.4"},
        {"PatientName=Doe^J?hn", "1.2.1"},
        {"PatientName=%E5%B1%B1%E7%94%B0^%E5%A4%AA%E9%83%8E", "1.2.1"},
        {"PatientName==%E5%B1%B1%E7%94%B0*", "1.2.1"},
        {"PatientName=smith^jane", "1.2.2"},
        {"PatientName=smith^jane^*", "1.2.2"},
        {"PatientName=Doe^*", "1.2.1 1.2.4"},
        {"PatientName=jo+do&fuzzymatching=true", "1.2.1"},
        {"PatientName=jo+do&fuzzymatching=false", ""},
        {"PatientName=DE+LA*", "1.2.3"},
        {"PatientID=PID-12", "1.2.1"},
        {"PatientID=pid-12", ""},
        {"PatientID=PID-?", "1.2.2 1.2.3 1.2.4"},
        {"ModalitiesInStudy=CT", "1.2.1 1.2.3"},
        {"ModalitiesInStudy=MR%5CUS", "1.2.1 1.2.2"},
        {"StudyDate=20060705-20060707", "1.2.1 1.2.2 1.2.3"},
        {"StudyDate=-20060706", "1.2.1 1.2.2"},
        {"StudyDate=20060706-", "1.2.2 1.2.3"},
        {"StudyDate=20060706", "1.2.2"},
        {"StudyTime=1000-1800", "1.2.3"},
        {"StudyTime=08", "1.2.2"},
        {"StudyTime=-0930", "1.2.1 1.2.2"},
        // §C.2.2.2.5.4: July 5 10:00 until July 7 18:00, not 10:00–18:00 on each day
        {"StudyDate=20060705-20060707&StudyTime=1000-1800", "1.2.2 1.2.3"},
        {"StudyDate=20060705-&StudyTime=1000-", "1.2.2 1.2.3"},
        {"AccessionNumber=A*", "1.2.1 1.2.3"},
        {"AccessionNumber=A*&emptyvaluematching=true", "1.2.1 1.2.2 1.2.3 1.2.4"},
        {"StudyDate=20060706-&emptyvaluematching=true", "1.2.2 1.2.3 1.2.4"},
        {"StudyInstanceUID=1.2.1,1.2.3", "1.2.1 1.2.3"},
        {"StudyInstanceUID=1.2.4%5C1.2.2", "1.2.2 1.2.4"},
        {"NumberOfStudyRelatedInstances=12", "1.2.1"},
        {"NumberOfStudyRelatedInstances=12.0", "1.2.1"},
        {"RequestAttributesSequence.ScheduledProcedureStepID=SPS2", "1.2.1"},
        {"RequestAttributesSequence.ScheduledProcedureStepID=SPS*", "1.2.1 1.2.2"},
        {"RequestAttributesSequence=", "1.2.1 1.2.2 1.2.3 1.2.4"},
        {"PatientName=*o*&ModalitiesInStudy=CT", "1.2.1"},
    };
    List<Arguments> out = new ArrayList<>();
    for (String[] row : table) {
      out.add(Arguments.of(row[0], row[1], "dataset", (Function<Dataset, AttributeView>) AttributeView::of));
      out.add(Arguments.of(row[0], row[1], "json", (Function<Dataset, AttributeView>) d -> AttributeView.of(json(d))));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} over {2}")
  @MethodSource("cases")
  void matchesAsThePs34RulesSay(String query, String expected, String form, Function<Dataset, AttributeView> view) {
    QidoQuery q = PARSER.parse(QidoLevel.SERIES, null, null, query);
    List<String> matched = new ArrayList<>();
    for (Dataset d : STUDIES) {
      if (QidoMatching.matches(q, view.apply(d))) {
        matched.add(d.string(Tag.StudyInstanceUID));
      }
    }
    assertThat(matched).containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")));
  }

  static Stream<Arguments> views() {
    return Stream.of(Arguments.of("dataset", (Function<Dataset, AttributeView>) AttributeView::of),
        Arguments.of("json", (Function<Dataset, AttributeView>) d -> AttributeView.of(json(d))));
  }

  @ParameterizedTest(name = "path scope over {0}")
  @MethodSource("views")
  void thePathsStudyUidScopesTheSearch(String form, Function<Dataset, AttributeView> view) {
    QidoQuery q = PARSER.parse(QidoLevel.SERIES, "1.2.2", null, "");
    assertThat(STUDIES.stream().filter(d -> QidoMatching.matches(q, view.apply(d))).map(d -> d.string(Tag.StudyInstanceUID)))
        .containsExactly("1.2.2");
  }

  private static Dataset study(String uid, String name, String id, String date, String time, String accession,
                               int instances, String... modalities) {
    Dataset d = new Dataset();
    d.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    d.putString(Tag.StudyInstanceUID, VR.UI, uid);
    d.putString(Tag.PatientName, VR.PN, name);
    d.putString(Tag.PatientID, VR.LO, id);
    if (date != null) {
      d.putString(Tag.StudyDate, VR.DA, date);
      d.putString(Tag.StudyTime, VR.TM, time);
    }
    if (accession != null) {
      d.putString(Tag.AccessionNumber, VR.SH, accession);
    }
    d.putInt(0x00201208, VR.IS, instances);
    d.putString(0x00080061, VR.CS, modalities);
    if (uid.equals("1.2.1") || uid.equals("1.2.2")) {
      List<Dataset> items = new ArrayList<>();
      for (String sps : uid.equals("1.2.1") ? List.of("SPS1", "SPS2") : List.of("SPS9")) {
        Dataset item = new Dataset();
        item.putString(0x00400009, VR.SH, sps);
        items.add(item);
      }
      d.putSequence(0x00400275, items);
    }
    return d;
  }

  private static JsonObject json(Dataset d) {
    StringWriter w = new StringWriter();
    try {
      new DicomJsonWriter(DicomJsonOptions.inline((e, p) -> "unused")).write(d, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new JsonObject(w.toString());
  }
}
