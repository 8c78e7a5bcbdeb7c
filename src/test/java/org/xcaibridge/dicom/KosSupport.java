package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shared ground for the KOS manifest tests: the manifests to read, the CT series to write a manifest
 * for, and the same manifest as pydicom sees it, as JSON comparable with {@link #json(KosManifest)}.
 */
final class KosSupport {
  private KosSupport() {}

  static final String REPOSITORY_UID = "1.3.6.1.4.1.21367.13.80.110";
  static final String AE_TITLE = "XCAIBRIDGE";
  static final String WADO_RS = "http://127.0.0.1:8080/dicomweb";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC);

  /** The manifests of the fixtures: NIST's two XDS-I.b manifests and the shared one made with gen_kos.py. */
  static List<Path> manifests() {
    List<Path> all = new java.util.ArrayList<>(List.of(
        Fixtures.sharedIhe().resolve("06_kos_manifest_single_image.nist-ids_4801.dcm"),
        Fixtures.sharedIhe().resolve("07_kos_manifest_two_series.nist-ids_4802.dcm")));
    all.addAll(Fixtures.files(Fixtures.sharedDicom().resolve("kos")));
    return all;
  }

  /** The four CT images of study-sets/77654033/CT2, in file name order. */
  static List<Path> ctSeries() {
    List<Path> files = Fixtures.files(Fixtures.sharedDicom().resolve("study-sets/77654033/CT2"));
    assertThat(files).hasSize(4);
    return files;
  }

  static Dataset read(Path p) {
    return DicomReader.read(HostileInput.bytes(p), ReadOptions.ALL).dataset();
  }

  /** UIDs under 2.25 (PS3.5 B.2) numbered from 1000: deterministic, valid, and unlike any fixture UID. */
  static Supplier<String> uids() {
    int[] next = {1000};
    return () -> "2.25." + next[0]++;
  }

  /** The manifest of the CT series, with or without WADO-RS Retrieve URLs. */
  static KosManifest ctManifest(boolean wadoRs) {
    KosManifestBuilder b = KosManifest.builder().retrieveFrom(REPOSITORY_UID, AE_TITLE);
    if (wadoRs) {
      b.wadoRsBase(WADO_RS + "/");
    }
    ctSeries().forEach(p -> b.add(DicomReader.read(HostileInput.bytes(p), ReadOptions.HEADERS).dataset()));
    return b.build(uids(), CLOCK);
  }

  static Path write(KosManifest m, Path dir) throws IOException {
    Path f = dir.resolve(m.document().sopInstanceUid() + ".dcm");
    Files.write(f, DicomWriter.toBytes(m.toDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
    return f;
  }

  /** Our model as the JSON that {@link #pydicom} prints. */
  static JsonObject json(KosManifest m) {
    KosManifest.Patient p = m.patient();
    KosManifest.Study s = m.study();
    KosManifest.Document d = m.document();
    return new JsonObject()
        .put("patient", new JsonArray().add(p.name()).add(p.id()).add(p.issuerOfPatientId()).add(p.birthDate()).add(p.sex()))
        .put("study", new JsonArray().add(s.studyInstanceUid()).add(s.date()).add(s.time()).add(s.accessionNumber())
            .add(s.description()).add(s.referringPhysicianName()).add(s.studyId()))
        .put("document", new JsonArray().add(d.sopClassUid()).add(d.sopInstanceUid()).add(d.seriesInstanceUid())
            .add(d.seriesNumber()).add(d.instanceNumber()).add(d.contentDate()).add(d.contentTime())
            .add(d.title() == null ? null : new JsonArray().add(d.title().value()).add(d.title().scheme()).add(d.title().meaning())))
        .put("evidence", evidence(m.evidence()))
        .put("other", evidence(m.otherEvidence()));
  }

  private static JsonArray evidence(List<KosManifest.StudyReference> studies) {
    JsonArray out = new JsonArray();
    for (KosManifest.StudyReference st : studies) {
      JsonArray series = new JsonArray();
      for (KosManifest.SeriesReference se : st.series()) {
        JsonArray sops = new JsonArray();
        se.instances().forEach(i -> sops.add(new JsonArray().add(i.sopClassUid()).add(i.sopInstanceUid())));
        series.add(new JsonArray().add(se.seriesInstanceUid()).add(se.retrieveLocationUid())
            .add(new JsonArray(List.copyOf(se.retrieveAeTitles()))).add(se.retrieveUrl()).add(sops));
      }
      out.add(new JsonArray().add(st.studyInstanceUid()).add(series));
    }
    return out;
  }

  /** pydicom's reading of a manifest, in the shape of {@link #json(KosManifest)}; empty text is null. */
  private static final String PYDICOM_SCRIPT = String.join("\n",
      "import sys, json, pydicom",
      "from pydicom.multival import MultiValue",
      "ds = pydicom.dcmread(sys.argv[1])",
      "def values(d, kw):",
      "    e = d.data_element(kw) if kw in d else None",
      "    if e is None or e.value is None: return []",
      "    v = list(e.value) if isinstance(e.value, MultiValue) else [e.value]",
      "    return [str(x).strip() for x in v if str(x).strip() != '']",
      "def text(d, kw):",
      "    v = values(d, kw)",
      "    return v[0] if v else None",
      "def number(d, kw):",
      "    v = text(d, kw)",
      "    return int(v) if v is not None else None",
      "def evidence(kw):",
      "    out = []",
      "    for st in ds.get(kw, []):",
      "        series = []",
      "        for se in st.get('ReferencedSeriesSequence', []):",
      "            sops = [[text(r, 'ReferencedSOPClassUID'), text(r, 'ReferencedSOPInstanceUID')]",
      "                    for r in se.get('ReferencedSOPSequence', [])]",
      "            series.append([text(se, 'SeriesInstanceUID'), text(se, 'RetrieveLocationUID'),",
      "                           values(se, 'RetrieveAETitle'), text(se, 'RetrieveURL'), sops])",
      "        out.append([text(st, 'StudyInstanceUID'), series])",
      "    return out",
      "concept = ds.get('ConceptNameCodeSequence', [])",
      "title = [text(concept[0], k) for k in ('CodeValue', 'CodingSchemeDesignator', 'CodeMeaning')] if concept else None",
      "print(json.dumps({",
      "  'patient': [text(ds, k) for k in ('PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientSex')],",
      "  'study': [text(ds, k) for k in ('StudyInstanceUID', 'StudyDate', 'StudyTime', 'AccessionNumber',",
      "            'StudyDescription', 'ReferringPhysicianName', 'StudyID')],",
      "  'document': [text(ds, 'SOPClassUID'), text(ds, 'SOPInstanceUID'), text(ds, 'SeriesInstanceUID'),",
      "               number(ds, 'SeriesNumber'), number(ds, 'InstanceNumber'), text(ds, 'ContentDate'),",
      "               text(ds, 'ContentTime'), title],",
      "  'evidence': evidence('CurrentRequestedProcedureEvidenceSequence'),",
      "  'other': evidence('PertinentOtherEvidenceSequence')}))");

  static JsonObject pydicom(Path file) throws IOException {
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, "-c", PYDICOM_SCRIPT, file.toString()), null, 60);
    assertThat(r.exitCode()).as("pydicom on %s: %s", file, r.stderr()).isZero();
    return new JsonObject(r.out());
  }
}
