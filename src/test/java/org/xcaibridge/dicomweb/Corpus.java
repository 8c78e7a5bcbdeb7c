package org.xcaibridge.dicomweb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * The Part 10 files of a folder, by what a viewer would ask for: patients, their studies, series and instances,
 * and each instance's file(s) with their SHA-256. Files without a Patient ID or Study Instance UID are left out
 * (no manifest can list them). Two files may share a SOP Instance UID (the shared corpus has such pairs); the
 * archive serves one of them, so both are kept.
 */
final class Corpus {
  record File(Path path, String sha256, String patientId, String study, String series, String sop,
              String transferSyntax) {}

  final Map<String, List<File>> bySop = new TreeMap<>();

  static Corpus of(Path folder) throws Exception {
    Corpus c = new Corpus();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(p);
        DicomFile f;
        try {
          f = DicomReader.read(bytes, ReadOptions.HEADERS);
        } catch (RuntimeException e) {
          continue;
        }
        String patient = f.dataset().string(Tag.PatientID);
        String study = f.dataset().string(Tag.StudyInstanceUID);
        String sop = f.dataset().string(Tag.SOPInstanceUID);
        if (patient == null || patient.isBlank() || study == null || sop == null) {
          continue;
        }
        String ts = f.fileMeta() == null ? null : f.fileMeta().string(Tag.TransferSyntaxUID);
        c.bySop.computeIfAbsent(sop, k -> new ArrayList<>()).add(new File(p, sha256(bytes), patient.strip(), study,
            f.dataset().string(Tag.SeriesInstanceUID), sop, ts));
      }
    }
    return c;
  }

  Set<String> patients() {
    Set<String> out = new LinkedHashSet<>();
    bySop.values().forEach(l -> l.forEach(f -> out.add(f.patientId())));
    return out;
  }

  Set<String> studies(String patient) {
    Set<String> out = new LinkedHashSet<>();
    bySop.values().forEach(l -> l.stream().filter(f -> f.patientId().equals(patient)).forEach(f -> out.add(f.study())));
    return out;
  }

  Set<String> series(String study) {
    Set<String> out = new LinkedHashSet<>();
    bySop.values().forEach(l -> l.stream().filter(f -> f.study().equals(study)).forEach(f -> out.add(f.series())));
    return out;
  }

  Set<String> instances(String study, String series) {
    Set<String> out = new LinkedHashSet<>();
    bySop.values().forEach(l -> l.stream().filter(f -> f.study().equals(study)
        && (series == null || f.series().equals(series))).forEach(f -> out.add(f.sop())));
    return out;
  }

  /** The SHA-256 of every file with this SOP Instance UID. */
  Set<String> shas(String sop) {
    Set<String> out = new LinkedHashSet<>();
    bySop.getOrDefault(sop, List.of()).forEach(f -> out.add(f.sha256()));
    return out;
  }

  File first(String sop) {
    return bySop.get(sop).get(0);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
