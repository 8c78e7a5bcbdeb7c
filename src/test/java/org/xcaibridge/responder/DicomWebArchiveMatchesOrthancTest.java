package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.InstanceStream;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * The DICOMweb archive in front of Orthanc loaded with the shared fixtures: every instance streams byte for
 * byte as Orthanc's {@code /instances/{id}/file} (and the file that was loaded), in its stored syntax; patients,
 * studies, series and instances are those a folder archive finds in the same files, and so are the manifests,
 * to the byte.
 */
@ExtendWith(OrthancPeer.Extension.class)
class DicomWebArchiveMatchesOrthancTest {
  private static OrthancPeer orthanc;
  @TempDir
  static Path folder;
  private Vertx vertx;
  private DicomWebArchive archive;

  @BeforeAll
  static void orthanc(OrthancPeer peer) throws Exception {
    orthanc = peer;
    for (Map.Entry<String, Path> e : peer.files().entrySet()) {
      Files.copy(e.getValue(), folder.resolve("instance-" + e.getKey()));
    }
  }

  @BeforeEach
  void archive() {
    vertx = Vertx.vertx();
    archive = DicomWebArchive.create(vertx, DicomWebArchive.Options.of(orthanc.dicomWeb(), MANIFESTS));
  }

  @AfterEach
  void close() throws Exception {
    await(archive.close());
    await(vertx.close());
  }

  @AfterAll
  static void forget() {
    orthanc = null;
  }

  @Test
  void everyInstanceIsOrthancsFileByteForByte() throws Exception {
    Map<String, Path> files = orthanc.files();
    assertThat(files).hasSizeGreaterThan(40);
    Map<String, InstanceRecord> found = await(archive.findInstances(files.keySet()));
    assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(files.keySet());
    for (Map.Entry<String, Path> e : files.entrySet()) {
      InstanceStream s = await(archive.open(found.get(e.getKey())));
      byte[] got = await(collect(s.body())).getBytes();
      assertThat(got).as(e.getValue().toString()).isEqualTo(orthanc.storedFile(e.getKey()));
      assertThat(got).as(e.getValue().toString()).isEqualTo(Files.readAllBytes(e.getValue()));
      assertThat(s.transferSyntax()).as(e.getValue().toString())
          .isEqualTo(DicomReader.read(got, ReadOptions.HEADERS).transferSyntax());
    }
  }

  /**
   * Accepted differences: Orthanc 1.10 answers QIDO-RS from the patient and study tags of its database, kept in
   * its default encoding (Latin-1), so names outside Latin-1 lose their characters there (the stored files keep
   * them; pydicom and the folder archive decode them). Patient ID → the name Orthanc answers with.
   */
  private static final Map<String, String> ORTHANC_LATIN1_NAMES = Map.of(
      "SCSRUSS", "ceyp", // ISO_IR 144 Cyrillic "Люкceмбypг": only its Latin letters survive
      "H31EXAMPLE", "Yamada^Tarou=^=^"); // ISO 2022 IR 87: the ideographic and phonetic groups are emptied

  @Test
  void treeAndManifestsEqualAFolderArchiveOfTheSameFiles(@TempDir Path work) throws Exception {
    FolderArchive local = await(FolderArchive.start(vertx, options(folder, work, Duration.ZERO)));
    JsonObject expected = withoutStorage(tree(local));
    JsonObject actual = withoutStorage(tree(archive));
    for (Object o : expected.getJsonArray("patients")) {
      JsonObject p = (JsonObject) o;
      if (ORTHANC_LATIN1_NAMES.containsKey(p.getString("id"))) {
        p.put("name", ORTHANC_LATIN1_NAMES.get(p.getString("id")));
      }
    }
    for (Object o : expected.getJsonArray("studies")) {
      JsonObject st = (JsonObject) o;
      if (ORTHANC_LATIN1_NAMES.containsKey(st.getString("patientId"))) {
        st.put("patientName", ORTHANC_LATIN1_NAMES.get(st.getString("patientId")));
      }
    }
    for (String level : new String[] {"patients", "studies", "series", "instances"}) {
      assertThat(actual.getJsonArray(level)).as(level).isEqualTo(expected.getJsonArray(level));
    }
    int manifests = 0;
    for (PatientRecord p : await(local.patients())) {
      for (StudyRecord st : await(local.studies(p.id(), p.issuer()))) {
        ImageArchive.KosDocument ours = await(archive.manifest(st.studyInstanceUid()));
        ImageArchive.KosDocument theirs = await(local.manifest(st.studyInstanceUid()));
        if (ORTHANC_LATIN1_NAMES.containsKey(p.id())) { // the name differs; what is listed does not
          assertThat(kos(ours).evidence()).isEqualTo(kos(theirs).evidence());
        } else {
          assertThat(ours.bytes()).isEqualTo(theirs.bytes());
        }
        assertThat(await(archive.manifestByDocumentId(ours.documentUniqueId())).bytes()).isEqualTo(ours.bytes());
        manifests++;
      }
    }
    assertThat(manifests).isEqualTo(expected.getJsonArray("studies").size());
    await(local.close());
  }

  @Test
  void unknownUidsAreNotInTheArchive() throws Exception {
    InstanceRecord ghost = new InstanceRecord("1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4.5", null, null, -1);
    assertThat(failure(archive.open(ghost))).isInstanceOf(NotInArchiveException.class);
    assertThat(failure(archive.study("1.2.3"))).isInstanceOf(NotInArchiveException.class);
    assertThat(failure(archive.series("1.2.3"))).isInstanceOf(NotInArchiveException.class);
    assertThat(failure(archive.manifest("1.2.3"))).isInstanceOf(NotInArchiveException.class);
    assertThat(failure(archive.manifestByDocumentId("2.25.1"))).isInstanceOf(NotInArchiveException.class);
    assertThat(await(archive.findInstances(List.of("1.2.3.4.5")))).isEmpty();
    assertThat(await(archive.studies("no-such-patient", null))).isEmpty();
  }

  @Test
  void demographicsFindTheStudySetPatients() throws Exception {
    var peter = await(archive.findPatients(new ImageArchive.DemographicQuery("DOE", "Peter", null, "M", List.of())));
    assertThat(peter).extracting(m -> m.patient().id(), ImageArchive.PatientMatch::score)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("98890234", 100));
    var byId = await(archive.findPatients(new ImageArchive.DemographicQuery(null, null, null, null, List.of("77654033"))));
    assertThat(byId).extracting(m -> m.patient().name()).containsExactly("Doe^Archibald");
  }

  @Test
  void unreachableOriginIsUnavailable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    DicomWebArchive down = DicomWebArchive.create(vertx,
        DicomWebArchive.Options.of(java.net.URI.create("http://127.0.0.1:" + port + "/dicom-web"), MANIFESTS));
    assertThat(failure(down.patients())).isInstanceOf(ArchiveUnavailableException.class);
    await(down.close());
  }

  private static org.xcaibridge.dicom.KosManifest kos(ImageArchive.KosDocument d) {
    return org.xcaibridge.dicom.KosManifest.read(DicomReader.read(d.bytes().getBytes(), ReadOptions.ALL).dataset());
  }

  /** Size and transfer syntax are known to a folder before an instance is opened, to DICOMweb only after. */
  private static JsonObject withoutStorage(JsonObject tree) {
    JsonArray instances = new JsonArray();
    for (Object o : tree.getJsonArray("instances")) {
      JsonObject i = ((JsonObject) o).copy();
      i.remove("ts");
      i.remove("size");
      instances.add(i);
    }
    return tree.copy().put("instances", instances);
  }
}
