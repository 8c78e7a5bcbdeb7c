package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.ihe.Ii;
import org.xcaibridge.ihe.PatientDiscoveryResponse;

/**
 * The whole responding side through one {@link RespondingGateway}, as an initiating gateway walks it: XCPD (ITI-55,
 * from IPF's sample request with Peter Doe's name) gives the patient id in our domain; IPF's ITI-38 producer finds
 * his imaging manifests with it; IPF's ITI-39 producer retrieves one, whose bytes have the entry's SHA-1 and size
 * and which pydicom reads as the KOS of that study, each series retrievable from our repository; IPF's RAD-75
 * producer retrieves every instance it lists, byte for byte the files in the folder. Every answer passes IPF's
 * validator for its transaction.
 */
class IpfWalksFromPatientToImagesThroughTheGatewayTest {
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  @TempDir
  static Path temp;
  private static Path folder;
  private static GatewayRig rig;
  private static IpfInitiatingGateway ipf;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePydicom();
    folder = temp.resolve("dicom");
    ArchiveTestSupport.copyTree(ArchiveTestSupport.studySets(), folder);
    rig = GatewayRig.overFolder(folder, temp.resolve("work"));
    ipf = new IpfInitiatingGateway(rig.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (ipf != null) {
      ipf.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void patientToManifestToInstances() throws Exception {
    String request = Iti55Exchange.without(Iti55Exchange.fixtureRequest(), "livingSubjectBirthTime")
        .replace("<given>Jimmy</given>", "<given>Peter</given>").replace("<family>Jones</family>", "<family>Doe</family>");
    PatientDiscoveryResponse xcpd = Iti55Exchange.ask(rig, request);
    Ii pid = xcpd.subjects().get(0).patientIds().get(0);

    List<DocumentEntry> entries = ipf.query(IpfInitiatingGateway.findDocuments(pid.extension(), pid.root()),
        QueryReturnType.LEAF_CLASS).getDocumentEntries();
    assertThat(entries).hasSize(4);
    DocumentEntry mr = entries.stream().filter(e -> e.getEventCodeList().stream()
        .anyMatch(c -> c.getCode().equals("MR"))).findFirst().orElseThrow();

    RetrievedDocumentSet manifests = ipf.iti39(List.of(mr.getUniqueId()));
    assertThat(manifests.getStatus()).isEqualTo(Status.SUCCESS);
    byte[] kos = IpfRetriever.bytes(manifests.getDocuments().get(0).getDataHandler());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(kos))).isEqualTo(mr.getHash());
    assertThat((long) kos.length).isEqualTo(mr.getSize());
    Path kosFile = Files.write(temp.resolve("manifest.dcm"), kos);
    Path script = Path.of(getClass().getResource("kos_evidence.py").toURI());
    ExternalTools.Result py = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), kosFile.toString()),
        null, 60);
    assertThat(py.exitCode()).as(py.stderr()).isZero();
    JsonObject evidence = new JsonObject(py.out());
    assertThat(evidence.getString("sopInstance")).isEqualTo(mr.getUniqueId());
    assertThat(evidence.getString("study")).isEqualTo(IpfFindsEveryStudyOfTheFolderTest.studyOf(mr));

    Map<String, String> files = new HashMap<>();
    for (RetrieveRig.Instance i : RetrieveRig.instances(folder)) {
      files.put(i.sop(), IpfRetriever.sha256(Files.readAllBytes(i.file())));
    }
    int retrieved = 0;
    for (Object o : evidence.getJsonArray("evidence")) {
      JsonObject series = (JsonObject) o;
      assertThat(series.getString("retrieveLocationUid")).isEqualTo(GatewayRig.IDENTITY.repositoryUniqueId());
      List<String> sops = ((JsonArray) series.getValue("instances")).stream()
          .map(pair -> ((JsonArray) pair).getString(1)).toList();
      RetrievedDocumentSet images = ipf.rad75(series.getString("study"), series.getString("series"),
          series.getString("retrieveLocationUid"), sops, List.of(EXPLICIT_LE));
      assertThat(images.getStatus()).isEqualTo(Status.SUCCESS);
      assertThat(images.getDocuments()).hasSize(sops.size());
      for (RetrievedDocument d : images.getDocuments()) {
        String sop = d.getRequestData().getDocumentUniqueId();
        assertThat(IpfRetriever.sha256(IpfRetriever.bytes(d.getDataHandler()))).as(sop).isEqualTo(files.get(sop));
        retrieved++;
      }
    }
    assertThat(retrieved).isGreaterThan(1);
  }
}
