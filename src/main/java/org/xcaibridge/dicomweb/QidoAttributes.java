package org.xcaibridge.dicomweb;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xcaibridge.dicom.ElementDictionary;

/**
 * Which attribute belongs to which QIDO-RS level, and what each level must return.
 *
 * <p>The required return attributes are PS3.18 Tables 10.6.3-3 (study), 10.6.3-4 (series) and 10.6.3-5
 * (instance), conditional rows included. The level of other attributes follows the Study Root keys of
 * PS3.4 §C.6.2.1 and the modules the IODs put at each level (PS3.3 Patient/Study, Series and Equipment,
 * Image); an attribute named nowhere here belongs to the level being searched.
 */
public final class QidoAttributes {
  private QidoAttributes() {}

  private static final Map<QidoLevel, Set<Integer>> REQUIRED = new EnumMap<>(QidoLevel.class);
  private static final Map<Integer, QidoLevel> LEVEL = new HashMap<>();

  static {
    REQUIRED.put(QidoLevel.STUDY, tags("SpecificCharacterSet", "StudyDate", "StudyTime", "AccessionNumber",
        "InstanceAvailability", "ModalitiesInStudy", "ReferringPhysicianName", "TimezoneOffsetFromUTC",
        "RetrieveURL", "PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyID",
        "NumberOfStudyRelatedSeries", "NumberOfStudyRelatedInstances"));
    REQUIRED.put(QidoLevel.SERIES, tags("SpecificCharacterSet", "Modality", "TimezoneOffsetFromUTC",
        "SeriesDescription", "RetrieveURL", "SeriesInstanceUID", "SeriesNumber", "NumberOfSeriesRelatedInstances",
        "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime", "RequestAttributesSequence"));
    REQUIRED.put(QidoLevel.INSTANCE, tags("SpecificCharacterSet", "SOPClassUID", "SOPInstanceUID",
        "InstanceAvailability", "TimezoneOffsetFromUTC", "RetrieveURL", "InstanceNumber", "Rows", "Columns",
        "BitsAllocated", "NumberOfFrames"));

    level(QidoLevel.STUDY, "PatientName", "PatientID", "IssuerOfPatientID", "IssuerOfPatientIDQualifiersSequence",
        "OtherPatientIDsSequence", "PatientBirthDate", "PatientBirthTime", "PatientSex", "PatientAge", "PatientSize",
        "PatientWeight", "EthnicGroup", "PatientComments", "StudyDate", "StudyTime", "AccessionNumber",
        "IssuerOfAccessionNumberSequence", "ModalitiesInStudy", "SOPClassesInStudy", "ReferringPhysicianName",
        "StudyDescription", "StudyInstanceUID", "StudyID", "NumberOfStudyRelatedSeries",
        "NumberOfStudyRelatedInstances", "ProcedureCodeSequence", "NameOfPhysiciansReadingStudy",
        "AdmittingDiagnosesDescription", "NumberOfPatientRelatedStudies");
    level(QidoLevel.SERIES, "Modality", "SeriesDescription", "SeriesNumber", "SeriesInstanceUID",
        "NumberOfSeriesRelatedInstances", "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime",
        "RequestAttributesSequence", "SeriesDate", "SeriesTime", "BodyPartExamined", "Laterality", "ProtocolName",
        "OperatorsName", "PerformingPhysicianName", "Manufacturer", "ManufacturerModelName", "StationName",
        "InstitutionName", "InstitutionalDepartmentName", "FrameOfReferenceUID");
    level(QidoLevel.INSTANCE, "SOPClassUID", "SOPInstanceUID", "InstanceNumber", "Rows", "Columns",
        "BitsAllocated", "NumberOfFrames", "ContentDate", "ContentTime", "AcquisitionDate", "AcquisitionTime",
        "AcquisitionDateTime", "InstanceCreationDate", "InstanceCreationTime", "ImageType", "AcquisitionNumber",
        "AvailableTransferSyntaxUID");
  }

  private static Set<Integer> tags(String... keywords) {
    Set<Integer> out = new LinkedHashSet<>();
    for (String k : keywords) {
      out.add(resolve(k));
    }
    return Collections.unmodifiableSet(out);
  }

  private static void level(QidoLevel level, String... keywords) {
    for (String k : keywords) {
      LEVEL.put(resolve(k), level);
    }
  }

  private static int resolve(String keyword) {
    ElementDictionary.Entry e = ElementDictionary.standard().entry(keyword);
    if (e == null) {
      throw new IllegalStateException("keyword " + keyword + " is not in the PS3.6 dictionary");
    }
    return e.tag();
  }

  /** The attributes PS3.18 Table 10.6.3-3, -4 or -5 requires at {@code level}, in the table's order. */
  public static Set<Integer> required(QidoLevel level) {
    return REQUIRED.get(level);
  }

  /** The level a top-level attribute belongs to when searching at {@code searched}. */
  public static QidoLevel levelOf(int tag, QidoLevel searched) {
    QidoLevel l = LEVEL.get(tag);
    return l == null ? searched : l;
  }

  /**
   * The attributes a row of {@code query} carries when present: the required ones of its level and, for
   * searches not scoped to one study or series, those of the levels above (PS3.18 §10.6.3.3), plus every
   * matching key and include field at or above the level. {@code includefield=all} is answered by
   * {@link QidoQuery#includeAll()}; this set is then the minimum.
   */
  public static Set<Integer> returned(QidoQuery query) {
    Set<Integer> out = new TreeSet<>(Integer::compareUnsigned);
    out.addAll(required(query.level()));
    if (query.level() == QidoLevel.SERIES && query.studyInstanceUid() == null) {
      out.addAll(required(QidoLevel.STUDY));
    }
    if (query.level() == QidoLevel.INSTANCE) {
      if (query.seriesInstanceUid() == null) {
        out.addAll(required(QidoLevel.SERIES));
      }
      if (query.studyInstanceUid() == null) {
        out.addAll(required(QidoLevel.STUDY));
      }
    }
    for (QidoQuery.MatchKey k : query.keys()) {
      out.add(k.path().top());
    }
    for (AttributePath p : query.includeFields()) {
      out.add(p.top());
    }
    return Collections.unmodifiableSet(out);
  }

  /** True when the attribute may be a key or include field of a search at {@code level}. */
  static boolean allowedAt(int tag, QidoLevel level) {
    return level.isAtOrBelow(levelOf(tag, level));
  }

  static List<String> names(Set<Integer> tags) {
    return tags.stream().map(t -> AttributePath.of(t).keywords()).toList();
  }
}
