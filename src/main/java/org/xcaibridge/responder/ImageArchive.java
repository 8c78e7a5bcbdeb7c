package org.xcaibridge.responder;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * What a Responding Imaging Gateway serves from: patients, their studies, series and instances, each instance
 * as a stream of its stored Part 10 bytes, and one XDS-I.b imaging manifest (a KOS, IHE RAD TF-3 4.68.4.1.2.3)
 * per study. Implementations: {@link FolderArchive} (a folder of Part 10 files, indexed) and
 * {@link DicomWebArchive} (a DICOMweb origin, PS3.18 QIDO-RS and WADO-RS).
 *
 * <p>Every method is non-blocking: it returns at once and completes its future later, on the caller's
 * context where there is one. Failures are {@link ArchiveException}s: {@link NotInArchiveException} for a UID
 * the archive does not hold, {@link ArchiveUnavailableException} when the folder or origin cannot answer,
 * {@link ArchiveDataException} when what it holds cannot be served. Text values are as DICOM encodes them
 * (DA {@code YYYYMMDD}, TM {@code HHMMSS.FFFFFF}, PN {@code Family^Given}), or null when absent or empty.
 */
public interface ImageArchive {
  /** Every patient, by Patient ID. */
  Future<List<PatientRecord>> patients();

  /**
   * The patients that match demographics, best first, for XCPD (ITI-55); an empty list when none does.
   * How a match is scored: {@link DemographicQuery}.
   */
  Future<List<PatientMatch>> findPatients(DemographicQuery query);

  /**
   * The studies of a patient, oldest first. {@code issuerOfPatientId} null matches any issuer (a responder
   * serves one identity domain and files seldom name it); otherwise it must equal the recorded issuer.
   */
  Future<List<StudyRecord>> studies(String patientId, String issuerOfPatientId);

  /** One study; fails with {@link NotInArchiveException} when unknown. */
  Future<StudyRecord> study(String studyInstanceUid);

  /** The series of a study by Series Number; fails with {@link NotInArchiveException} when the study is unknown. */
  Future<List<SeriesRecord>> series(String studyInstanceUid);

  /** The instances of a series by Instance Number; fails with {@link NotInArchiveException} when unknown. */
  Future<List<InstanceRecord>> instances(String studyInstanceUid, String seriesInstanceUid);

  /**
   * The instances with these SOP Instance UIDs, wherever they are; UIDs the archive does not hold are simply
   * absent from the map (RAD-69/RAD-75 answer them with an error of their own).
   */
  Future<Map<String, InstanceRecord>> findInstances(Collection<String> sopInstanceUids);

  /**
   * Opens an instance for streaming: the future completes once its stored transfer syntax is known, and the
   * body then yields the Part 10 bytes exactly as stored, with back-pressure, never whole in memory. The caller
   * must read the body to its end or {@link InstanceStream#cancel()} it.
   */
  Future<InstanceStream> open(InstanceRecord instance);

  /**
   * Whether an instance may be opened ahead of its turn in an answer (while the one before it streams): true where
   * an opened instance can wait unread at no cost (a file), false where it holds a connection that would time out
   * while waiting for a slow reader (an origin's answer).
   */
  default boolean opensAhead() {
    return false;
  }

  /**
   * The imaging manifest of a study as Part 10 bytes: every instance of the study, each series with
   * Retrieve Location UID = the repository unique id. The same study content gives the same bytes and
   * document unique id on every call and after restarts, so size and hash in DocumentEntry metadata hold.
   */
  Future<KosDocument> manifest(String studyInstanceUid);

  /** The manifest whose SOP Instance UID (the XDS document unique id) is this; {@link NotInArchiveException} if none. */
  Future<KosDocument> manifestByDocumentId(String documentUniqueId);

  /** Stops background work (rescans, connections); the archive answers nothing afterwards. */
  Future<Void> close();

  /** Patient module attributes (PS3.3 C.7.1.1). {@code id} is never null; it may be empty (Type 2). */
  record PatientRecord(String id, String issuer, String name, String birthDate, String sex) {
    public PatientRecord {
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * A study with what ITI-38 metadata needs: General Study attributes, its patient, the modalities of its
   * series (in series order, without repeats) and how many series and instances it has.
   */
  record StudyRecord(PatientRecord patient, String studyInstanceUid, String date, String time, String accessionNumber,
                     String description, String referringPhysicianName, String studyId, List<String> modalities,
                     int numberOfSeries, int numberOfInstances) {
    public StudyRecord {
      Objects.requireNonNull(patient, "patient");
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
      modalities = List.copyOf(modalities);
    }
  }

  /** General Series attributes (PS3.3 C.7.3.1), the SOP classes of its instances and how many there are. */
  record SeriesRecord(String studyInstanceUid, String seriesInstanceUid, String modality, Integer number,
                      String description, String date, String time, List<String> sopClassUids, int numberOfInstances) {
    public SeriesRecord {
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
      Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
      sopClassUids = List.copyOf(sopClassUids);
    }
  }

  /**
   * One stored instance.
   *
   * @param transferSyntaxUid the stored syntax, or null when the origin does not say before the instance is
   *                          opened ({@link InstanceStream#transferSyntax()} always knows)
   * @param size              bytes of the Part 10 file, or -1 when the origin does not say
   */
  record InstanceRecord(String studyInstanceUid, String seriesInstanceUid, String sopClassUid, String sopInstanceUid,
                        Integer instanceNumber, String transferSyntaxUid, long size) {
    public InstanceRecord {
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
      Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
      Objects.requireNonNull(sopClassUid, "sopClassUid");
      Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
    }
  }

  /** An opened instance: its stored bytes as a stream. */
  interface InstanceStream {
    InstanceRecord instance();

    /** The syntax the bytes are in, read from the instance itself (its file meta, or guessed for a bare dataset). */
    TransferSyntax transferSyntax();

    /** Length of {@link #body()} in bytes, or -1 when not known in advance. */
    long size();

    /** The Part 10 bytes as stored; they flow once a handler is set (or the stream is piped). */
    ReadStream<Buffer> body();

    /** Releases the file or connection when the body will not be read to its end. */
    Future<Void> cancel();
  }

  /** An imaging manifest as an XDS document: its unique id (the KOS SOP Instance UID) and Part 10 bytes. */
  record KosDocument(String documentUniqueId, String studyInstanceUid, String creationDate, String creationTime,
                     Buffer bytes) {
    public static final String MIME_TYPE = "application/dicom";

    public KosDocument {
      Objects.requireNonNull(documentUniqueId, "documentUniqueId");
      Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
      Objects.requireNonNull(bytes, "bytes");
    }

    public long size() {
      return bytes.length();
    }

    /** SHA-1 of the bytes in lower-case hex, as XDS DocumentEntry.hash wants it. */
    public String sha1() {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes.getBytes()));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is part of every JDK", e);
      }
    }
  }

  /**
   * Demographics to match, for XCPD. Null fields are not asked for. A patient whose recorded family name,
   * given name, birth date or sex differs from the one asked does not match (an initial agrees with a given
   * name it begins); one that lacks an asked value is not excluded for it. The score is the weighted share
   * (1–100) of the asked criteria the record confirms: family name 35, given name 25 (an initial half of it),
   * birth date 30, sex 10. Family name or birth date must be asked: given name and sex alone identify nobody.
   * A patient whose Patient ID is one of {@code patientIds} matches with 100 whatever its demographics.
   * Names are compared without case, accents or punctuation.
   *
   * @param birthDate DA {@code YYYYMMDD} (an HL7 TS is cut to its date)
   * @param sex       M, F or O (HL7 UN is treated as not asked)
   */
  record DemographicQuery(String familyName, String givenName, String birthDate, String sex, List<String> patientIds) {
    public DemographicQuery {
      patientIds = List.copyOf(patientIds);
    }
  }

  /** A patient found by {@link #findPatients} with its score, 0–100. */
  record PatientMatch(PatientRecord patient, int score) {}
}
