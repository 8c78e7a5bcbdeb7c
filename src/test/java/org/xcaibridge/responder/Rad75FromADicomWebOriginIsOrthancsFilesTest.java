package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.responder.ImageArchive.InstanceRecord;

/**
 * Issue 4, done-when: with Orthanc and its DICOMweb plugin loaded with the shared fixtures, our RAD-75 service over
 * the {@link DicomWebArchive} answers IPF's producer with every instance, one request per study, byte for byte
 * Orthanc's {@code /instances/{id}/file} — compressed, implicit, deflated and multi-frame instances alike, each asked in its stored syntax among others (Explicit VR Little Endian first). Orthanc's QIDO-RS does
 * not name stored syntaxes, so each is checked when its instance is opened: a JPEG instance asked for uncompressed
 * only turns out unservable after the status went out, and the answer is broken off: reading the instance from
 * IPF's answer fails (CXF reads MTOM attachments lazily, so its exchange itself completes with the root part).
 */
@ExtendWith(OrthancPeer.Extension.class)
class Rad75FromADicomWebOriginIsOrthancsFilesTest {
  private static OrthancPeer orthanc;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start(OrthancPeer peer) throws Exception {
    orthanc = peer;
    Vertx vertx = Vertx.vertx();
    rig = RetrieveRig.start(vertx, DicomWebArchive.create(vertx, DicomWebArchive.Options.of(peer.dicomWeb(),
        RetrieveRig.MANIFESTS)));
    ipf = new IpfRetriever();
  }

  @AfterAll
  static void stop() throws Exception {
    if (ipf != null) {
      ipf.close();
    }
    if (rig != null) {
      rig.close();
    }
    orthanc = null;
  }

  @Test
  void everyInstanceArrivesAsOrthancStoresIt() throws Exception {
    Map<String, InstanceRecord> found = await(rig.archive.findInstances(orthanc.files().keySet()));
    assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(orthanc.files().keySet());
    Set<String> syntaxes = new LinkedHashSet<>(List.of("1.2.840.10008.1.2.1"));
    for (var f : orthanc.files().values()) {
      syntaxes.add(DicomReader.read(Files.readAllBytes(f), ReadOptions.HEADERS).transferSyntax().uid());
    }
    Map<String, Map<String, List<String>>> byStudy = new LinkedHashMap<>();
    found.values().forEach(i -> byStudy.computeIfAbsent(i.studyInstanceUid(), k -> new LinkedHashMap<>())
        .computeIfAbsent(i.seriesInstanceUid(), k -> new ArrayList<>()).add(i.sopInstanceUid()));

    int received = 0;
    for (Map.Entry<String, Map<String, List<String>>> study : byStudy.entrySet()) {
      List<IpfRetriever.Series> series = study.getValue().entrySet().stream().map(s -> new IpfRetriever.Series(
          study.getKey(), s.getKey(), s.getValue(), RetrieveRig.REPOSITORY, RetrieveRig.HOME)).toList();
      IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.copyOf(syntaxes), series));

      assertThat(answer.set().getStatus()).as(study.getKey()).isEqualTo(Status.SUCCESS);
      for (RetrievedDocument d : answer.set().getDocuments()) {
        String uid = d.getRequestData().getDocumentUniqueId();
        assertThat(IpfRetriever.bytes(d.getDataHandler())).as(uid).isEqualTo(orthanc.storedFile(uid));
        received++;
      }
    }
    assertThat(received).isEqualTo(found.size());
  }

  @Test
  void instanceFoundUnservableWhenOpenedBreaksTheAnswerOff() throws Exception {
    String jpeg = orthanc.files().entrySet().stream()
        .filter(e -> e.getValue().getFileName().toString().equals("SC_8bit_jpeg_baseline_dcmtk.dcm"))
        .findFirst().orElseThrow().getKey();
    InstanceRecord record = await(rig.archive.findInstances(List.of(jpeg))).get(jpeg);
    assertThat(record.transferSyntaxUid()).as("Orthanc's QIDO-RS names no stored syntax").isNull();

    Exception broken = ipf.rad75Failure(rig, IpfRetriever.imagingRequest(List.of("1.2.840.10008.1.2.1"),
        List.of(new IpfRetriever.Series(record.studyInstanceUid(), record.seriesInstanceUid(), List.of(jpeg),
            RetrieveRig.REPOSITORY, RetrieveRig.HOME))));

    assertThat(broken).as("IPF saw the answer break off").isNotNull();
  }
}
