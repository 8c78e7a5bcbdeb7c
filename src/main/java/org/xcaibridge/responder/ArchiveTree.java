package org.xcaibridge.responder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * Patients, studies, series and instances grouped from instance headers, immutable. When headers of one study
 * or series disagree (two files naming different patients, say) the first header given wins, so a caller that
 * gives them in a fixed order (by path) gets the same tree every time. An instance given twice counts once. A
 * study keeps the patient attributes it was stored with; a patient (Patient ID and issuer) is listed with those
 * of its study with the lowest Study Instance UID — the rule {@link DicomWebArchive} follows too, since studies
 * with no or the same Patient ID often name different people.
 */
final class ArchiveTree {
  private static final Comparator<StudyRecord> STUDY_ORDER = Comparator
      .comparing((StudyRecord s) -> s.date() == null ? "" : s.date())
      .thenComparing(s -> s.time() == null ? "" : s.time())
      .thenComparing(StudyRecord::studyInstanceUid);
  private static final Comparator<SeriesRecord> SERIES_ORDER = Comparator
      .comparing(SeriesRecord::number, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(SeriesRecord::seriesInstanceUid);
  private static final Comparator<InstanceRecord> INSTANCE_ORDER = Comparator
      .comparing(InstanceRecord::instanceNumber, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(InstanceRecord::sopInstanceUid);

  private final List<PatientRecord> patients;
  private final Map<String, StudyRecord> studies;
  private final Map<String, List<StudyRecord>> studiesByPatientId;
  private final Map<String, List<SeriesRecord>> seriesByStudy;
  private final Map<String, List<InstanceRecord>> instancesBySeries;
  private final Map<String, InstanceRecord> instances;

  private ArchiveTree(List<PatientRecord> patients, Map<String, StudyRecord> studies,
                      Map<String, List<StudyRecord>> studiesByPatientId, Map<String, List<SeriesRecord>> seriesByStudy,
                      Map<String, List<InstanceRecord>> instancesBySeries, Map<String, InstanceRecord> instances) {
    this.patients = patients;
    this.studies = studies;
    this.studiesByPatientId = studiesByPatientId;
    this.seriesByStudy = seriesByStudy;
    this.instancesBySeries = instancesBySeries;
    this.instances = instances;
  }

  /** Series are keyed by study and series UID together: a series UID reused in another study stays apart. */
  private static String seriesKey(String studyUid, String seriesUid) {
    return studyUid + '/' + seriesUid;
  }

  static ArchiveTree of(Collection<InstanceHeader> headers) {
    assert Workers.notOnEventLoop("grouping instances");
    Map<String, InstanceHeader> byUid = new LinkedHashMap<>();
    for (InstanceHeader h : headers) {
      byUid.putIfAbsent(h.instance().sopInstanceUid(), h);
    }
    Map<String, InstanceHeader> firstOfStudy = new LinkedHashMap<>();
    Map<String, InstanceHeader> firstOfSeries = new LinkedHashMap<>();
    Map<String, List<InstanceRecord>> bySeries = new HashMap<>();
    for (InstanceHeader h : byUid.values()) {
      firstOfStudy.putIfAbsent(h.study().uid(), h);
      String key = seriesKey(h.study().uid(), h.series().uid());
      firstOfSeries.putIfAbsent(key, h);
      bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(h.instance());
    }
    Map<String, List<SeriesRecord>> seriesByStudy = new HashMap<>();
    Map<String, List<InstanceRecord>> instancesBySeries = new HashMap<>();
    for (Map.Entry<String, InstanceHeader> e : firstOfSeries.entrySet()) {
      InstanceHeader h = e.getValue();
      List<InstanceRecord> list = new ArrayList<>(bySeries.get(e.getKey()));
      list.sort(INSTANCE_ORDER);
      instancesBySeries.put(e.getKey(), List.copyOf(list));
      seriesByStudy.computeIfAbsent(h.study().uid(), k -> new ArrayList<>()).add(new SeriesRecord(h.study().uid(),
          h.series().uid(), h.series().modality(), h.series().number(), h.series().description(), h.series().date(),
          h.series().time(), distinct(list.stream().map(InstanceRecord::sopClassUid).toList()), list.size()));
    }
    Map<String, StudyRecord> studies = new HashMap<>();
    Map<String, List<StudyRecord>> byPatient = new HashMap<>();
    for (InstanceHeader h : firstOfStudy.values()) {
      List<SeriesRecord> series = new ArrayList<>(seriesByStudy.get(h.study().uid()));
      series.sort(SERIES_ORDER);
      seriesByStudy.put(h.study().uid(), List.copyOf(series));
      List<String> modalities = new ArrayList<>();
      int count = 0;
      for (SeriesRecord s : series) {
        if (s.modality() != null) {
          modalities.add(s.modality());
        }
        count += s.numberOfInstances();
      }
      PatientRecord p = h.patient();
      InstanceHeader.StudyAttributes a = h.study();
      StudyRecord st = new StudyRecord(p, a.uid(), a.date(), a.time(), a.accessionNumber(), a.description(),
          a.referringPhysicianName(), a.studyId(), distinct(modalities), series.size(), count);
      studies.put(st.studyInstanceUid(), st);
      byPatient.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(st);
    }
    byPatient.replaceAll((k, v) -> v.stream().sorted(STUDY_ORDER).toList());
    List<PatientRecord> patientList = patientsOf(studies.values());
    Map<String, InstanceRecord> instances = new HashMap<>();
    byUid.forEach((uid, h) -> instances.put(uid, h.instance()));
    return new ArchiveTree(patientList, studies, byPatient, seriesByStudy, instancesBySeries, instances);
  }

  /** One record per Patient ID and issuer, from the study with the lowest UID; by id, then issuer. */
  static List<PatientRecord> patientsOf(Collection<StudyRecord> studies) {
    Map<List<String>, StudyRecord> first = new HashMap<>();
    for (StudyRecord st : studies) {
      first.merge(Arrays.asList(st.patient().id(), st.patient().issuer()), st,
          (a, b) -> a.studyInstanceUid().compareTo(b.studyInstanceUid()) <= 0 ? a : b);
    }
    return first.values().stream().map(StudyRecord::patient)
        .sorted(Comparator.comparing(PatientRecord::id).thenComparing(p -> p.issuer() == null ? "" : p.issuer()))
        .toList();
  }

  private static List<String> distinct(List<String> values) {
    Set<String> s = new LinkedHashSet<>(values);
    s.remove(null);
    return List.copyOf(s);
  }

  List<PatientRecord> patients() {
    return patients;
  }

  List<StudyRecord> studies(String patientId, String issuer) {
    List<StudyRecord> all = studiesByPatientId.getOrDefault(patientId, List.of());
    return issuer == null ? all : all.stream().filter(s -> issuer.equals(s.patient().issuer())).toList();
  }

  /** Every study, in no particular order. */
  Collection<StudyRecord> studies() {
    return studies.values();
  }

  StudyRecord study(String studyUid) {
    return studies.get(studyUid);
  }

  List<SeriesRecord> series(String studyUid) {
    return seriesByStudy.get(studyUid);
  }

  /** The instances of a series, or null when the study has no such series. */
  List<InstanceRecord> instances(String studyUid, String seriesUid) {
    return instancesBySeries.get(seriesKey(studyUid, seriesUid));
  }

  InstanceRecord instance(String sopInstanceUid) {
    return instances.get(sopInstanceUid);
  }

  int instanceCount() {
    return instances.size();
  }

  /** Every instance of a study in series order, then instance order: what its manifest lists. */
  List<InstanceRecord> studyInstances(String studyUid) {
    List<InstanceRecord> all = new ArrayList<>();
    for (SeriesRecord s : seriesByStudy.getOrDefault(studyUid, List.of())) {
      all.addAll(instances(studyUid, s.seriesInstanceUid()));
    }
    return all;
  }
}
