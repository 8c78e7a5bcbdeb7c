package org.xcaibridge.dicom;

import static org.xcaibridge.dicom.KosTags.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@link KosManifest} as a Key Object Selection Document (PS3.3 A.35.4): Patient, General
 * Study, Key Object Document Series, General Equipment, Key Object Document, SR Document Content (TID
 * 2010 "Key Object Selection") and SOP Common modules, with the evidence in the XDS-I.b form that
 * dciodvfy's IHEXDSIManifest profile checks (Retrieve AE Title and Retrieve Location UID per series).
 */
final class KosManifestEncoder {
  private KosManifestEncoder() {}

  private static final String LATIN_1 = "ISO_IR 100";
  private static final String UTF_8 = "ISO_IR 192";

  static Dataset encode(KosManifest m) {
    Dataset ds = new Dataset();
    String text = text(m);
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      // set first: putString encodes text with the dataset's character set. Latin-1 where it suffices,
      // as the images mostly say and every reader supports; UTF-8 otherwise
      boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(text);
      ds.putString(Tag.SpecificCharacterSet, VR.CS, latin1 ? LATIN_1 : UTF_8);
    }
    KosManifest.Document doc = m.document();
    ds.putString(Tag.SOPClassUID, VR.UI, doc.sopClassUid() != null ? doc.sopClassUid() : KosManifest.SOP_CLASS_UID);
    ds.putString(Tag.SOPInstanceUID, VR.UI, doc.sopInstanceUid());

    KosManifest.Patient p = m.patient();
    type2(ds, Tag.PatientName, VR.PN, p.name());
    type2(ds, Tag.PatientID, VR.LO, p.id());
    type3(ds, IssuerOfPatientID, VR.LO, p.issuerOfPatientId());
    type2(ds, PatientBirthDate, VR.DA, p.birthDate());
    type2(ds, PatientSex, VR.CS, p.sex());

    KosManifest.Study s = m.study();
    ds.putString(Tag.StudyInstanceUID, VR.UI, s.studyInstanceUid());
    type2(ds, Tag.StudyDate, VR.DA, s.date());
    type2(ds, Tag.StudyTime, VR.TM, s.time());
    type2(ds, Tag.AccessionNumber, VR.SH, s.accessionNumber());
    type3(ds, StudyDescription, VR.LO, s.description());
    type2(ds, ReferringPhysicianName, VR.PN, s.referringPhysicianName());
    type2(ds, StudyID, VR.SH, s.studyId());

    // Key Object Document Series; its Referenced Performed Procedure Step Sequence is Type 2: present, empty
    ds.putString(Tag.Modality, VR.CS, "KO");
    ds.putString(Tag.SeriesInstanceUID, VR.UI, doc.seriesInstanceUid());
    ds.putInt(SeriesNumber, VR.IS, doc.seriesNumber() != null ? doc.seriesNumber() : 1);
    ds.putSequence(ReferencedPerformedProcedureStepSequence, List.of());
    type2(ds, Manufacturer, VR.LO, null);

    // Key Object Document
    ds.putInt(InstanceNumber, VR.IS, doc.instanceNumber() != null ? doc.instanceNumber() : 1);
    ds.putString(ContentDate, VR.DA, doc.contentDate());
    ds.putString(ContentTime, VR.TM, doc.contentTime());
    ds.putSequence(Tag.CurrentRequestedProcedureEvidenceSequence, evidence(m.evidence()));
    if (!m.otherEvidence().isEmpty()) {
      ds.putSequence(PertinentOtherEvidenceSequence, evidence(m.otherEvidence()));
    }

    // SR Document Content: the root CONTAINER titled by CID 7010, one CONTAINS item per instance (TID 2010)
    ds.putString(KosTags.ValueType, VR.CS, "CONTAINER");
    ds.putSequence(ConceptNameCodeSequence, List.of(code(doc.title() != null ? doc.title() : KosManifest.MANIFEST)));
    ds.putString(ContinuityOfContent, VR.CS, "SEPARATE");
    Dataset template = new Dataset();
    template.putString(MappingResource, VR.CS, "DCMR");
    template.putString(TemplateIdentifier, VR.CS, "2010");
    ds.putSequence(ContentTemplateSequence, List.of(template));
    List<Dataset> content = new ArrayList<>();
    for (KosManifest.InstanceReference ref : m.instances()) {
      Dataset item = new Dataset();
      item.putString(RelationshipType, VR.CS, "CONTAINS");
      item.putString(KosTags.ValueType, VR.CS, contentValueType(ref.sopClassUid()));
      item.putSequence(Tag.ReferencedSOPSequence, List.of(sop(ref)));
      content.add(item);
    }
    ds.putSequence(ContentSequence, content);
    return ds;
  }

  private static final String STORAGE = "1.2.840.10008.5.1.4.1.1.";
  /**
   * Storage SOP Classes (PS3.4 B.5), by their part after {@link #STORAGE}, whose instances are neither
   * images nor waveforms; each entry covers the classes below it too. Structured reports, presentation
   * states, encapsulated documents, registrations, fiducials, surface segmentations and scans, real world
   * value mapping, ophthalmic measurements, protocols, annotations, MR spectroscopy, structured display,
   * stereometric relationships, security reports and the retired standalone objects.
   */
  private static final List<String> NOT_IMAGES = List.of("88", "11", "104", "66.1", "66.2", "66.3", "66.5", "66.6",
      "67", "68", "78", "79", "80", "81", "82", "90", "91", "200", "4.2", "131", "77.1.5.3", "501.3", "501.4",
      "501.5", "501.6", "8", "10", "129");
  /** Classes that are not images although classes below them are: Raw Data (66), retired curves (9, 9.1). */
  private static final List<String> NOT_IMAGES_EXACTLY = List.of("66", "9", "9.1");

  /**
   * The value type of a TID 2010 content item referencing an instance of {@code sopClassUid}: IMAGE for
   * images, WAVEFORM for waveforms (9.x.y), COMPOSITE for every other composite object — RT objects but
   * RT Image (481.x), and the SOP Classes outside the storage arc (second generation RT, hanging
   * protocols, color palettes). dsrdump rejects an IMAGE or WAVEFORM item of another class.
   */
  static String contentValueType(String sopClassUid) {
    if (!sopClassUid.startsWith(STORAGE)) {
      return "COMPOSITE";
    }
    String rest = sopClassUid.substring(STORAGE.length());
    if (NOT_IMAGES_EXACTLY.contains(rest) || rest.startsWith("481.") && !rest.equals("481.1")) {
      return "COMPOSITE";
    }
    if (rest.startsWith("9.")) {
      return "WAVEFORM";
    }
    for (String arc : NOT_IMAGES) {
      if (rest.equals(arc) || rest.startsWith(arc + ".")) {
        return "COMPOSITE";
      }
    }
    return "IMAGE";
  }

  private static List<Dataset> evidence(List<KosManifest.StudyReference> studies) {
    List<Dataset> out = new ArrayList<>();
    for (KosManifest.StudyReference st : studies) {
      Dataset study = new Dataset();
      study.putString(Tag.StudyInstanceUID, VR.UI, st.studyInstanceUid());
      List<Dataset> series = new ArrayList<>();
      for (KosManifest.SeriesReference se : st.series()) {
        Dataset item = new Dataset();
        item.putString(Tag.SeriesInstanceUID, VR.UI, se.seriesInstanceUid());
        if (!se.retrieveAeTitles().isEmpty()) {
          item.putString(Tag.RetrieveAETitle, VR.AE, se.retrieveAeTitles().toArray(String[]::new));
        }
        type3(item, Tag.RetrieveLocationUID, VR.UI, se.retrieveLocationUid());
        type3(item, Tag.RetrieveURL, VR.UR, se.retrieveUrl());
        item.putSequence(Tag.ReferencedSOPSequence, se.instances().stream().map(KosManifestEncoder::sop).toList());
        series.add(item);
      }
      study.putSequence(Tag.ReferencedSeriesSequence, series);
      out.add(study);
    }
    return out;
  }

  private static Dataset sop(KosManifest.InstanceReference ref) {
    Dataset d = new Dataset();
    d.putString(Tag.ReferencedSOPClassUID, VR.UI, ref.sopClassUid());
    d.putString(Tag.ReferencedSOPInstanceUID, VR.UI, ref.sopInstanceUid());
    return d;
  }

  private static Dataset code(KosManifest.Code c) {
    Dataset d = new Dataset();
    d.putString(CodeValue, VR.SH, c.value());
    d.putString(CodingSchemeDesignator, VR.SH, c.scheme());
    d.putString(CodeMeaning, VR.LO, c.meaning());
    return d;
  }

  /** Type 2: always present, empty when unknown. */
  private static void type2(Dataset ds, int tag, VR vr, String value) {
    ds.putString(tag, vr, value == null ? "" : value);
  }

  /** Type 3: present only when known. */
  private static void type3(Dataset ds, int tag, VR vr, String value) {
    if (value != null && !value.isEmpty()) {
      ds.putString(tag, vr, value);
    }
  }

  /** Every text of the manifest that is encoded with the Specific Character Set, run together. */
  private static String text(KosManifest m) {
    StringBuilder all = new StringBuilder();
    KosManifest.Patient p = m.patient();
    KosManifest.Study s = m.study();
    for (String t : new String[] {p.name(), p.id(), p.issuerOfPatientId(), s.accessionNumber(), s.description(),
        s.referringPhysicianName(), s.studyId(), m.document().title() == null ? null : m.document().title().meaning(),
        m.document().title() == null ? null : m.document().title().value()}) {
      if (t != null) {
        all.append(t);
      }
    }
    return all.toString();
  }
}
