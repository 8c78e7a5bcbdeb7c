package org.xcaibridge.responder;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.KosManifest;
import org.xcaibridge.dicom.KosManifestBuilder;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.KosDocument;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * Makes the imaging manifest of a study as a pure function of what it lists: the manifest's SOP Instance UID
 * is derived from a digest of the repository, patient, study and every instance, its KOS series UID from the
 * repository and study, and its content date and time are the study's (1970-01-01 when the study has none).
 * So the same study gives the same bytes after any restart, and a study that changed gives a new document —
 * an XDS document never changes under its unique id.
 */
final class Manifests {
  private Manifests() {}

  /** Changes when the inputs or the derivation change, so old and new documents never share an id. */
  private static final String VERSION = "xcai-kos-1";
  private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

  /** The document unique id the manifest of this study has; cheap (no encoding). */
  static String documentUniqueId(ManifestSettings settings, StudyRecord study, List<InstanceRecord> instances) {
    return uid(digest(fingerprint(settings, study, instances)));
  }

  /**
   * The manifest, encoded in Explicit VR Little Endian.
   *
   * @param instances every instance of the study, in series order
   * @throws ArchiveDataException when the study has no instances or a UID a manifest needs is not valid
   */
  static KosDocument build(ManifestSettings settings, StudyRecord study, List<InstanceRecord> instances) {
    assert Workers.notOnEventLoop("encoding a manifest");
    if (instances.isEmpty()) {
      throw new ArchiveDataException("study " + study.studyInstanceUid() + " has no instances to list in a manifest", null);
    }
    String documentUid = documentUniqueId(settings, study, instances);
    String seriesUid = uid(digest(String.join("\n", VERSION, "series", settings.repositoryUniqueId(),
        study.studyInstanceUid())));
    LocalDateTime when = contentDateTime(study);
    PatientRecord p = study.patient();
    KosManifest manifest;
    try {
      KosManifestBuilder b = KosManifest.builder()
          .patient(new KosManifest.Patient(p.name(), p.id().isEmpty() ? null : p.id(), p.issuer(), p.birthDate(), p.sex()))
          .study(new KosManifest.Study(study.studyInstanceUid(), study.date(), study.time(), study.accessionNumber(),
              study.description(), study.referringPhysicianName(), study.studyId()))
          .retrieveFrom(settings.repositoryUniqueId(), settings.retrieveAeTitle());
      for (InstanceRecord i : instances) {
        b.add(i.studyInstanceUid(), i.seriesInstanceUid(), i.sopClassUid(), i.sopInstanceUid());
      }
      Iterator<String> uids = List.of(documentUid, seriesUid).iterator();
      manifest = b.build(uids::next, Clock.fixed(when.toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ArchiveDataException("no manifest can be made for study " + study.studyInstanceUid() + ": "
          + e.getMessage(), e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + instances.size() * 200);
    try {
      DicomWriter.writeFile(out, manifest.toDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KosDocument(documentUid, study.studyInstanceUid(), manifest.document().contentDate(),
        manifest.document().contentTime(), Buffer.buffer(out.toByteArray()));
  }

  /** The study's date and time (fractions and an unparseable time dropped), else the epoch. */
  static LocalDateTime contentDateTime(StudyRecord study) {
    LocalDate date;
    try {
      date = study.date() == null ? null : LocalDate.parse(study.date(), DA);
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null) {
      return LocalDateTime.of(1970, 1, 1, 0, 0);
    }
    LocalTime time = LocalTime.MIDNIGHT;
    String t = study.time() == null ? "" : study.time().replace(":", "");
    if (t.length() >= 2 && t.chars().limit(Math.min(6, t.length())).allMatch(Character::isDigit)) {
      try {
        int h = Integer.parseInt(t.substring(0, 2));
        int m = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
        int s = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 0;
        time = LocalTime.of(h, m, Math.min(s, 59));
      } catch (RuntimeException e) {
        time = LocalTime.MIDNIGHT;
      }
    }
    return date.atTime(time);
  }

  private static String fingerprint(ManifestSettings settings, StudyRecord study, List<InstanceRecord> instances) {
    PatientRecord p = study.patient();
    StringBuilder b = new StringBuilder(256 + instances.size() * 130);
    for (String s : Arrays.asList(VERSION, settings.repositoryUniqueId(), settings.retrieveAeTitle(), p.id(), p.issuer(),
        p.name(), p.birthDate(), p.sex(), study.studyInstanceUid(), study.date(), study.time(), study.accessionNumber(),
        study.description(), study.referringPhysicianName(), study.studyId())) {
      b.append(s == null ? "\u0000" : s).append('\n');
    }
    for (InstanceRecord i : instances) {
      b.append(i.seriesInstanceUid()).append(' ').append(i.sopClassUid()).append(' ').append(i.sopInstanceUid()).append('\n');
    }
    return b.toString();
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A UID under 2.25 (PS3.5 §B.2) from the first 128 bits of a digest, marked as an RFC 9562 version 8 UUID. */
  private static String uid(byte[] digest) {
    byte[] b = Arrays.copyOf(digest, 16);
    b[6] = (byte) ((b[6] & 0x0F) | 0x80);
    b[8] = (byte) ((b[8] & 0x3F) | 0x80);
    return "2.25." + new BigInteger(1, b);
  }
}
