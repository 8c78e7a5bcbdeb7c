package org.xcaibridge.dicom;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes the XDS-I.b manifest of one study (IHE RAD TF-3 4.68.4.1.2.3) for a set of instances, given as
 * their headers or as plain references. Patient and study attributes come from {@link #patient} and
 * {@link #study}, or else from the first header added (a plain reference gives only the Study Instance UID). The new document's UIDs come from the supplier and
 * its content date and time from the clock given to {@link #build}: nothing here reads global state.
 */
public final class KosManifestBuilder {
  private KosManifest.Patient patient;
  private KosManifest.Study study;
  private KosManifest.Code title = KosManifest.MANIFEST;
  private String retrieveLocationUid;
  private String retrieveAeTitle;
  private String wadoRsBase;
  private int seriesNumber = 1;
  private int instanceNumber = 1;
  private final Map<String, List<KosManifest.InstanceReference>> series = new LinkedHashMap<>();
  private final Set<String> seen = new HashSet<>();

  KosManifestBuilder() {}

  public KosManifestBuilder patient(KosManifest.Patient p) {
    this.patient = p;
    return this;
  }

  public KosManifestBuilder study(KosManifest.Study s) {
    this.study = s;
    return this;
  }

  /** The document title; {@link KosManifest#MANIFEST} unless set. */
  public KosManifestBuilder title(KosManifest.Code c) {
    this.title = c;
    return this;
  }

  /**
   * Where the instances are retrieved from: the Imaging Document Source's repositoryUniqueId, written as
   * Retrieve Location UID (0040,E011), and its AE title (0008,0054), which IHE XDS-I.b requires too.
   */
  public KosManifestBuilder retrieveFrom(String repositoryUniqueId, String aeTitle) {
    this.retrieveLocationUid = uid(repositoryUniqueId, "repository unique id");
    if (aeTitle == null || aeTitle.isBlank() || aeTitle.length() > 16 || aeTitle.contains("\\")) {
      throw new IllegalArgumentException("retrieve AE title must be 1 to 16 characters without backslash, was " + aeTitle);
    }
    this.retrieveAeTitle = aeTitle.strip();
    return this;
  }

  /** Optional WADO-RS base URL: each series gets Retrieve URL (0008,1190) {base}/studies/{uid}/series/{uid}. */
  public KosManifestBuilder wadoRsBase(String baseUrl) {
    this.wadoRsBase = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
    return this;
  }

  public KosManifestBuilder seriesNumber(int n) {
    this.seriesNumber = n;
    return this;
  }

  public KosManifestBuilder instanceNumber(int n) {
    this.instanceNumber = n;
    return this;
  }

  /** Adds an instance by its header; the first header also gives patient and study when they are not set. */
  public KosManifestBuilder add(Dataset header) {
    String studyUid = header.string(Tag.StudyInstanceUID);
    if (study == null && studyUid != null) {
      study = new KosManifest.Study(studyUid, text(header, Tag.StudyDate), text(header, Tag.StudyTime),
          text(header, Tag.AccessionNumber), text(header, KosTags.StudyDescription),
          text(header, KosTags.ReferringPhysicianName), text(header, KosTags.StudyID));
    }
    if (patient == null) {
      patient = new KosManifest.Patient(text(header, Tag.PatientName), text(header, Tag.PatientID),
          text(header, KosTags.IssuerOfPatientID), text(header, KosTags.PatientBirthDate), text(header, KosTags.PatientSex));
    }
    return add(studyUid, header.string(Tag.SeriesInstanceUID), header.string(Tag.SOPClassUID), header.string(Tag.SOPInstanceUID));
  }

  /**
   * Adds an instance by reference; all four UIDs are required, and the study must be the manifest's (the
   * first reference names it when {@link #study} was not set).
   */
  public KosManifestBuilder add(String studyInstanceUid, String seriesInstanceUid, String sopClassUid, String sopInstanceUid) {
    uid(studyInstanceUid, "Study Instance UID");
    if (study == null) {
      study = new KosManifest.Study(studyInstanceUid, null, null, null, null, null, null);
    } else if (!study.studyInstanceUid().equals(studyInstanceUid)) {
      throw new IllegalArgumentException("a manifest covers one study (" + study.studyInstanceUid() + "); instance "
          + sopInstanceUid + " is in study " + studyInstanceUid);
    }
    KosManifest.InstanceReference ref = new KosManifest.InstanceReference(uid(sopClassUid, "SOP Class UID"),
        uid(sopInstanceUid, "SOP Instance UID"));
    if (!seen.add(sopInstanceUid)) {
      throw new IllegalArgumentException("instance " + sopInstanceUid + " is added twice");
    }
    series.computeIfAbsent(uid(seriesInstanceUid, "Series Instance UID"), k -> new ArrayList<>()).add(ref);
    return this;
  }

  /**
   * The manifest, with a new SOP Instance UID and Series Instance UID from {@code uids} (in that order)
   * and content date and time from {@code clock}, in the clock's zone.
   */
  public KosManifest build(Supplier<String> uids, Clock clock) {
    if (series.isEmpty()) {
      throw new IllegalStateException("a manifest needs at least one instance");
    }
    if (retrieveLocationUid == null) {
      throw new IllegalStateException("retrieveFrom(repositoryUniqueId, aeTitle) was not called");
    }
    String sopInstanceUid = uid(uids.get(), "supplied SOP Instance UID");
    String seriesInstanceUid = uid(uids.get(), "supplied Series Instance UID");
    if (sopInstanceUid.equals(seriesInstanceUid) || seen.contains(sopInstanceUid) || series.containsKey(seriesInstanceUid)) {
      throw new IllegalArgumentException("the UID supplier gave a UID already in use");
    }
    LocalDateTime now = LocalDateTime.now(clock);
    KosManifest.Document doc = new KosManifest.Document(KosManifest.SOP_CLASS_UID, sopInstanceUid, seriesInstanceUid,
        seriesNumber, instanceNumber, now.format(DateTimeFormatter.BASIC_ISO_DATE),
        now.format(DateTimeFormatter.ofPattern("HHmmss")), title);
    List<KosManifest.SeriesReference> refs = new ArrayList<>();
    String st = study.studyInstanceUid();
    series.forEach((se, instances) -> refs.add(new KosManifest.SeriesReference(se, retrieveLocationUid,
        List.of(retrieveAeTitle), wadoRsBase == null ? null : wadoRsBase + "/studies/" + st + "/series/" + se, instances)));
    KosManifest.Patient p = patient != null ? patient : new KosManifest.Patient(null, null, null, null, null);
    return new KosManifest(p, study, doc, List.of(new KosManifest.StudyReference(st, refs)), List.of());
  }

  private static String uid(String uid, String what) {
    if (!Uids.isValid(uid)) {
      throw new IllegalArgumentException(what + " is not a valid UID: " + uid);
    }
    return uid;
  }

  private static String text(Dataset ds, int tag) {
    String v = ds.string(tag);
    return v == null || v.isEmpty() ? null : v;
  }
}
