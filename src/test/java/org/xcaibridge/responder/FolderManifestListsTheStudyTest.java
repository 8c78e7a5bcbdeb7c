package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;
import org.xcaibridge.responder.ImageArchive.KosDocument;
import org.xcaibridge.responder.ImageArchive.PatientRecord;
import org.xcaibridge.responder.ImageArchive.SeriesRecord;
import org.xcaibridge.responder.ImageArchive.StudyRecord;

/**
 * The manifest of each study, read by pydicom, is a Key Object Selection "Manifest" listing every series and
 * instance the archive holds for the study, each series retrievable at the configured repository unique id; its
 * SOP Instance UID is the document unique id; the same study gives the same bytes again and after a restart,
 * and the document id finds it.
 */
class FolderManifestListsTheStudyTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void everyStudyManifestMatchesTheArchive(@TempDir Path work) throws Exception {
    ExternalTools.requirePydicom();
    FolderArchive a = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    List<byte[]> first = new ArrayList<>();
    int studies = 0;
    for (PatientRecord p : await(a.patients())) {
      for (StudyRecord st : await(a.studies(p.id(), null))) {
        KosDocument kos = await(a.manifest(st.studyInstanceUid()));
        first.add(kos.bytes().getBytes());
        JsonObject read = pydicomKos(work, kos);
        assertThat(read.getString("sopClass")).isEqualTo("1.2.840.10008.5.1.4.1.1.88.59");
        assertThat(read.getString("title")).isEqualTo("113030");
        assertThat(read.getString("sopInstance")).isEqualTo(kos.documentUniqueId())
            .isEqualTo(read.getString("mediaStorageSopInstance"));
        assertThat(read.getString("study")).isEqualTo(st.studyInstanceUid());
        assertThat(read.getString("patientId")).isEqualTo(p.id());
        assertThat(read.getString("contentDate")).isEqualTo(st.date()).isEqualTo(kos.creationDate());
        assertThat(read.getJsonArray("evidence")).isEqualTo(expectedEvidence(a, st));
        assertThat(await(a.manifestByDocumentId(kos.documentUniqueId())).bytes()).isEqualTo(kos.bytes());
        assertThat(kos.sha1()).hasSize(40);
        studies++;
      }
    }
    assertThat(studies).isEqualTo(6);
    assertThat(failure(a.manifestByDocumentId("2.25.1"))).isInstanceOf(NotInArchiveException.class);
    assertThat(failure(a.manifest("1.2.3.4"))).isInstanceOf(NotInArchiveException.class);
    await(a.close());

    FolderArchive again = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    int i = 0;
    for (PatientRecord p : await(again.patients())) {
      for (StudyRecord st : await(again.studies(p.id(), null))) {
        assertThat(await(again.manifest(st.studyInstanceUid())).bytes().getBytes()).isEqualTo(first.get(i++));
      }
    }
    await(again.close());
  }

  @Test
  void aChangedStudyGetsANewDocument(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    copyTree(studySets().resolve("77654033/CT2"), folder);
    FolderArchive a = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ZERO)));
    String study = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1";
    KosDocument before = await(a.manifest(study));
    Files.delete(folder.resolve("17106"));
    await(a.rescan());
    KosDocument after = await(a.manifest(study));
    assertThat(after.documentUniqueId()).isNotEqualTo(before.documentUniqueId());
    assertThat(failure(a.manifestByDocumentId(before.documentUniqueId()))).isInstanceOf(NotInArchiveException.class);
    assertThat(await(a.manifestByDocumentId(after.documentUniqueId())).bytes()).isEqualTo(after.bytes());
    await(a.close());
  }

  private static JsonArray expectedEvidence(ImageArchive a, StudyRecord st) throws Exception {
    JsonArray out = new JsonArray();
    for (SeriesRecord se : await(a.series(st.studyInstanceUid()))) {
      JsonArray instances = new JsonArray();
      for (InstanceRecord i : await(a.instances(st.studyInstanceUid(), se.seriesInstanceUid()))) {
        instances.add(new JsonArray().add(i.sopClassUid()).add(i.sopInstanceUid()));
      }
      out.add(new JsonObject().put("study", st.studyInstanceUid()).put("series", se.seriesInstanceUid())
          .put("retrieveLocationUid", MANIFESTS.repositoryUniqueId()).put("retrieveAeTitle", MANIFESTS.retrieveAeTitle())
          .put("instances", instances));
    }
    return out;
  }

  static JsonObject pydicomKos(Path dir, KosDocument kos) throws Exception {
    Path f = Files.createTempFile(dir, "kos", ".dcm");
    Files.write(f, kos.bytes().getBytes());
    Path script = Path.of(FolderManifestListsTheStudyTest.class.getResource("kos_evidence.py").toURI());
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), f.toString()), null, 60);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return new JsonObject(r.out());
  }
}
