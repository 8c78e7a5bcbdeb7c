package org.xcaibridge.dicom;

import static org.xcaibridge.dicom.KosTags.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An XDS-I.b imaging manifest: a Key Object Selection Document (PS3.3 A.35.4) whose Current Requested
 * Procedure Evidence Sequence (0040,A375) lists, study by study and series by series, the instances a
 * consumer may retrieve, and where from: Retrieve Location UID (0040,E011) is the repositoryUniqueId to
 * send RAD-69/RAD-75 to (IHE RAD TF-3 4.68), Retrieve AE Title (0008,0054) the DIMSE source, Retrieve URL
 * (0008,1190) an optional WADO-RS series URL. Read one with {@link #read}; make one with
 * {@link #builder()} and encode it with {@link #toDataset()}.
 *
 * <p>Optional text is null when absent or empty. Pertinent Other Evidence (0040,A385), which belongs to
 * the SR document IODs rather than to the KOS IOD, is kept when a manifest carries it.
 */
public record KosManifest(Patient patient, Study study, Document document, List<StudyReference> evidence,
                          List<StudyReference> otherEvidence) {
  /** Key Object Selection Document Storage. */
  public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.88.59";
  /** The document title of an XDS-I.b manifest (CID 7010). */
  public static final Code MANIFEST = new Code("113030", "DCM", "Manifest");

  public KosManifest {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(study, "study");
    Objects.requireNonNull(document, "document");
    evidence = List.copyOf(evidence);
    otherEvidence = List.copyOf(otherEvidence);
  }

  /** Patient Module attributes; all Type 2, so any may be null. */
  public record Patient(String name, String id, String issuerOfPatientId, String birthDate, String sex) {}

  /** General Study Module attributes; only the Study Instance UID is required. */
  public record Study(String studyInstanceUid, String date, String time, String accessionNumber, String description,
                      String referringPhysicianName, String studyId) {
    public Study {
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }
  }

  /**
   * The manifest's own identity: SOP Class and Instance, its series, numbers, content date and time
   * (DA and TM text as encoded) and its title (Concept Name Code Sequence of the root content item).
   */
  public record Document(String sopClassUid, String sopInstanceUid, String seriesInstanceUid, Integer seriesNumber,
                         Integer instanceNumber, String contentDate, String contentTime, Code title) {
    public Document {
      Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
      Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
    }
  }

  /** A coded concept (PS3.3 Table 8.8-1). */
  public record Code(String value, String scheme, String meaning) {}

  /** One item of an evidence sequence (Hierarchical SOP Instance Reference Macro, PS3.3 Table C.17-3). */
  public record StudyReference(String studyInstanceUid, List<SeriesReference> series) {
    public StudyReference {
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
      series = List.copyOf(series);
    }
  }

  /** One Referenced Series Sequence (0008,1115) item, with where its instances can be retrieved. */
  public record SeriesReference(String seriesInstanceUid, String retrieveLocationUid, List<String> retrieveAeTitles,
                                String retrieveUrl, List<InstanceReference> instances) {
    public SeriesReference {
      Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
      retrieveAeTitles = List.copyOf(retrieveAeTitles);
      instances = List.copyOf(instances);
    }
  }

  /** One Referenced SOP Sequence (0008,1199) item. */
  public record InstanceReference(String sopClassUid, String sopInstanceUid) {
    public InstanceReference {
      Objects.requireNonNull(sopClassUid, "sopClassUid");
      Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
  }

  /** Every instance of the current evidence, in manifest order. */
  public List<InstanceReference> instances() {
    List<InstanceReference> all = new ArrayList<>();
    evidence.forEach(st -> st.series().forEach(se -> all.addAll(se.instances())));
    return all;
  }

  public static KosManifestBuilder builder() {
    return new KosManifestBuilder();
  }

  /**
   * This manifest as a complete Key Object Selection Document (PS3.3 A.35.4, TID 2010), ready for
   * {@link DicomWriter#writeFile}: every Type 1 and Type 2 attribute of its modules, the evidence, and one
   * CONTAINS content item per instance of the current evidence. A manifest spanning several studies
   * (read from elsewhere) is written without the Identical Documents Sequence such a document needs.
   */
  public Dataset toDataset() {
    return KosManifestEncoder.encode(this);
  }

  /**
   * Reads a manifest from a KOS dataset. Required: SOP Class UID of a Key Object Selection Document, SOP
   * Instance, Study Instance and Series Instance UIDs, and an evidence sequence whose every study,
   * series and instance names its UIDs (and SOP Class). Everything else is optional.
   *
   * @throws KosManifestException naming every problem found
   */
  public static KosManifest read(Dataset ds) {
    String sopClass = ds.string(Tag.SOPClassUID);
    if (!SOP_CLASS_UID.equals(sopClass)) {
      throw new KosManifestException(List.of(sopClass == null ? "SOP Class UID (0008,0016) is missing"
          : "SOP Class UID (0008,0016) is " + sopClass + ", not Key Object Selection Document Storage (" + SOP_CLASS_UID + ")"));
    }
    List<String> problems = new ArrayList<>();
    String sopInstance = required(ds, Tag.SOPInstanceUID, "SOP Instance UID (0008,0018)", "", problems);
    String studyUid = required(ds, Tag.StudyInstanceUID, "Study Instance UID (0020,000D)", "", problems);
    String seriesUid = required(ds, Tag.SeriesInstanceUID, "Series Instance UID (0020,000E)", "", problems);
    String evidenceName = "Current Requested Procedure Evidence Sequence (0040,A375)";
    if (ds.items(Tag.CurrentRequestedProcedureEvidenceSequence).isEmpty()) {
      problems.add(evidenceName + " is missing or has no items");
    }
    List<StudyReference> evidence = evidence(ds.items(Tag.CurrentRequestedProcedureEvidenceSequence), evidenceName, problems);
    List<StudyReference> other = evidence(ds.items(PertinentOtherEvidenceSequence),
        "Pertinent Other Evidence Sequence (0040,A385)", problems);
    if (!problems.isEmpty()) {
      throw new KosManifestException(problems);
    }
    Patient patient = new Patient(text(ds, Tag.PatientName), text(ds, Tag.PatientID), text(ds, IssuerOfPatientID),
        text(ds, PatientBirthDate), text(ds, PatientSex));
    Study study = new Study(studyUid, text(ds, Tag.StudyDate), text(ds, Tag.StudyTime), text(ds, Tag.AccessionNumber),
        text(ds, StudyDescription), text(ds, ReferringPhysicianName), text(ds, StudyID));
    List<Dataset> concept = ds.items(ConceptNameCodeSequence);
    Code title = concept.isEmpty() ? null : new Code(text(concept.get(0), CodeValue),
        text(concept.get(0), CodingSchemeDesignator), text(concept.get(0), CodeMeaning));
    Document document = new Document(sopClass, sopInstance, seriesUid, number(ds, SeriesNumber), number(ds, InstanceNumber),
        text(ds, ContentDate), text(ds, ContentTime), title);
    return new KosManifest(patient, study, document, evidence, other);
  }

  private static List<StudyReference> evidence(List<Dataset> studies, String name, List<String> problems) {
    List<StudyReference> out = new ArrayList<>();
    for (int i = 0; i < studies.size(); i++) {
      Dataset st = studies.get(i);
      String path = name + " item " + (i + 1);
      String studyUid = required(st, Tag.StudyInstanceUID, "Study Instance UID (0020,000D)", path, problems);
      List<Dataset> seriesItems = st.items(Tag.ReferencedSeriesSequence);
      if (seriesItems.isEmpty()) {
        problems.add(path + ": Referenced Series Sequence (0008,1115) is missing or has no items");
      }
      List<SeriesReference> series = new ArrayList<>();
      for (int j = 0; j < seriesItems.size(); j++) {
        Dataset se = seriesItems.get(j);
        String sePath = path + " > Referenced Series Sequence (0008,1115) item " + (j + 1);
        String seriesUid = required(se, Tag.SeriesInstanceUID, "Series Instance UID (0020,000E)", sePath, problems);
        List<Dataset> sopItems = se.items(Tag.ReferencedSOPSequence);
        if (sopItems.isEmpty()) {
          problems.add(sePath + ": Referenced SOP Sequence (0008,1199) is missing or has no items");
        }
        List<InstanceReference> instances = new ArrayList<>();
        for (int k = 0; k < sopItems.size(); k++) {
          String sopPath = sePath + " > Referenced SOP Sequence (0008,1199) item " + (k + 1);
          String cls = required(sopItems.get(k), Tag.ReferencedSOPClassUID, "Referenced SOP Class UID (0008,1150)", sopPath, problems);
          String inst = required(sopItems.get(k), Tag.ReferencedSOPInstanceUID, "Referenced SOP Instance UID (0008,1155)",
              sopPath, problems);
          if (cls != null && inst != null) {
            instances.add(new InstanceReference(cls, inst));
          }
        }
        if (seriesUid != null) {
          List<String> aeTitles = se.strings(Tag.RetrieveAETitle).stream().filter(t -> !t.isEmpty()).toList();
          series.add(new SeriesReference(seriesUid, text(se, Tag.RetrieveLocationUID), aeTitles, text(se, Tag.RetrieveURL),
              instances));
        }
      }
      if (studyUid != null) {
        out.add(new StudyReference(studyUid, series));
      }
    }
    return out;
  }

  private static String required(Dataset ds, int tag, String name, String path, List<String> problems) {
    String v = ds.string(tag);
    if (v == null || v.isEmpty()) {
      problems.add((path.isEmpty() ? "" : path + ": ") + name + " is missing or empty");
      return null;
    }
    return v;
  }

  /** The first value of a text element, or null when absent or empty. */
  private static String text(Dataset ds, int tag) {
    String v = ds.string(tag);
    return v == null || v.isEmpty() ? null : v;
  }

  private static Integer number(Dataset ds, int tag) {
    long n = ds.integer(tag, Long.MIN_VALUE);
    return n == Long.MIN_VALUE || n != (int) n ? null : (int) n;
  }
}
