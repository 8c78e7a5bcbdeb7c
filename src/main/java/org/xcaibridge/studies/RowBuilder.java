package org.xcaibridge.studies;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.VR;

/**
 * Makes QIDO-RS rows (PS3.18 Tables 10.6.3-3, -4, -5): every required attribute of the level is present, empty
 * when unknown, so a row always has the same shape. Text is UTF-8 ({@code ISO_IR 192}), whatever the manifest
 * used. RetrieveURL is the front's to add: it knows its own URLs.
 */
final class RowBuilder {
  private RowBuilder() {}

  /** A study row; {@code moreModalities} are modalities learnt from instance headers. */
  static Dataset study(StudyLocation l, Collection<String> moreModalities) {
    StudySummary s = l.summary();
    Set<String> modalities = new LinkedHashSet<>(s.modalities());
    modalities.remove("KO"); // the entry's code for the manifest itself, not one of the study's series
    modalities.addAll(moreModalities); // a KO read from an instance header is a series of the study (PS3.4 Table C.6-5)
    Dataset d = utf8();
    text(d, Tags.StudyDate, VR.DA, s.studyDate());
    text(d, Tags.StudyTime, VR.TM, s.studyTime());
    text(d, Tags.AccessionNumber, VR.SH, s.accessionNumber());
    d.putString(Tags.ModalitiesInStudy, VR.CS, modalities.toArray(String[]::new));
    text(d, Tags.ReferringPhysicianName, VR.PN, s.referringPhysicianName());
    text(d, Tags.StudyDescription, VR.LO, s.studyDescription());
    text(d, Tags.PatientName, VR.PN, s.patientName());
    text(d, Tags.PatientID, VR.LO, s.patientId());
    if (s.issuerOfPatientId() != null) {
      text(d, Tags.IssuerOfPatientID, VR.LO, s.issuerOfPatientId());
    }
    text(d, Tags.PatientBirthDate, VR.DA, s.patientBirthDate());
    text(d, Tags.PatientSex, VR.CS, s.patientSex());
    text(d, Tags.StudyInstanceUID, VR.UI, l.studyInstanceUid());
    text(d, Tags.StudyID, VR.SH, s.studyId());
    d.putInt(Tags.NumberOfStudyRelatedSeries, VR.IS, s.numberOfSeries());
    d.putInt(Tags.NumberOfStudyRelatedInstances, VR.IS, s.numberOfInstances());
    return d;
  }

  /** A series row; {@code facts} from one of its instances' headers, or null when none has been read. */
  static Dataset series(String studyUid, KosManifest.SeriesReference s, HeaderFacts facts) {
    Dataset d = utf8();
    text(d, Tags.SeriesDate, VR.DA, facts == null ? null : facts.seriesDate());
    text(d, Tags.SeriesTime, VR.TM, facts == null ? null : facts.seriesTime());
    text(d, Tags.Modality, VR.CS, facts == null ? null : facts.modality());
    text(d, Tags.SeriesDescription, VR.LO, facts == null ? null : facts.seriesDescription());
    text(d, Tags.StudyInstanceUID, VR.UI, studyUid);
    text(d, Tags.SeriesInstanceUID, VR.UI, s.seriesInstanceUid());
    number(d, Tags.SeriesNumber, facts == null ? null : facts.seriesNumber());
    d.putInt(Tags.NumberOfSeriesRelatedInstances, VR.IS, s.instances().size());
    return d;
  }

  /** An instance row; {@code facts} from its header, or null when it has not been read. */
  static Dataset instance(String studyUid, String seriesUid, KosManifest.InstanceReference i, HeaderFacts facts) {
    Dataset d = utf8();
    text(d, Tags.SOPClassUID, VR.UI, facts != null && facts.sopClassUid() != null ? facts.sopClassUid()
        : i.sopClassUid());
    text(d, Tags.SOPInstanceUID, VR.UI, i.sopInstanceUid());
    text(d, Tags.StudyInstanceUID, VR.UI, studyUid);
    text(d, Tags.SeriesInstanceUID, VR.UI, seriesUid);
    number(d, Tags.InstanceNumber, facts == null ? null : facts.instanceNumber());
    number(d, Tags.NumberOfFrames, facts == null ? null : facts.numberOfFrames());
    if (facts == null || facts.rows() != null) {
      d.putInt(Tags.Rows, VR.US, facts == null ? new long[0] : new long[] {facts.rows()});
    }
    if (facts == null || facts.columns() != null) {
      d.putInt(Tags.Columns, VR.US, facts == null ? new long[0] : new long[] {facts.columns()});
    }
    if (facts == null || facts.bitsAllocated() != null) {
      d.putInt(Tags.BitsAllocated, VR.US, facts == null ? new long[0] : new long[] {facts.bitsAllocated()});
    }
    return d;
  }

  private static Dataset utf8() {
    Dataset d = new Dataset();
    d.putString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
    return d;
  }

  private static void text(Dataset d, int tag, VR vr, String value) {
    if (value == null || value.isEmpty()) {
      d.putString(tag, vr);
    } else {
      d.putString(tag, vr, value);
    }
  }

  private static void number(Dataset d, int tag, Integer n) {
    if (n == null) {
      d.putString(tag, VR.IS);
    } else {
      d.putInt(tag, VR.IS, n);
    }
  }
}
