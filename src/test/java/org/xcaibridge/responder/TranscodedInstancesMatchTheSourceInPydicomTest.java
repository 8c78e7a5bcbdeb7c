package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.RetrievedDocument;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;

/**
 * Transcoding as asked (issue 4: "transcode between native syntaxes when one of those is listed"): IPF's RAD-75
 * producer asks for instances stored in Explicit VR Little Endian, Implicit VR Little Endian, Deflated Explicit VR
 * Little Endian and Explicit VR Big Endian in a native syntax they are not stored in (JPEG Baseline listed first,
 * which cannot be served); each arrives in the first servable syntax listed, and pydicom finds in the received
 * bytes the source's pixel array and every element of its dataset.
 */
class TranscodedInstancesMatchTheSourceInPydicomTest {
  private static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
  @TempDir
  static Path folder;
  @TempDir
  static Path received;
  private static RetrieveRig rig;
  private static IpfRetriever ipf;

  @BeforeAll
  static void start() throws Exception {
    ExternalTools.requirePydicom();
    RetrieveRig.copyFixtures(folder, "ct/CT_small.dcm", "ct/PT_sample_tcia.dcm", "mr/MR_sample3_ge.dcm",
        "compressed/image_dfl.dcm");
    Files.copy(Fixtures.pydicomTestFiles().resolve("MR_small_bigendian.dcm"), folder.resolve("MR_small_bigendian.dcm"),
        StandardCopyOption.COPY_ATTRIBUTES);
    rig = RetrieveRig.start(folder);
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
  }

  @ParameterizedTest(name = "{0} asked as {1}")
  @CsvSource({
      "CT_small.dcm, 1.2.840.10008.1.2",
      "PT_sample_tcia.dcm, 1.2.840.10008.1.2.1",
      "MR_sample3_ge.dcm, 1.2.840.10008.1.2.1",
      "image_dfl.dcm, 1.2.840.10008.1.2.1",
      "image_dfl.dcm, 1.2.840.10008.1.2",
      "MR_small_bigendian.dcm, 1.2.840.10008.1.2.1"})
  void arrivesInTheAskedSyntaxWithTheSameContent(String file, String asked) throws Exception {
    RetrieveRig.Instance source = RetrieveRig.byFile(RetrieveRig.instances(folder), file);
    assertThat(source.transferSyntax()).isNotEqualTo(asked);

    IpfRetriever.Answer answer = ipf.rad75(rig, IpfRetriever.imagingRequest(List.of(JPEG_BASELINE, asked),
        List.of(new IpfRetriever.Series(source))));

    assertThat(answer.set().getStatus()).isEqualTo(Status.SUCCESS);
    RetrievedDocument d = answer.set().getDocuments().get(0);
    Path copy = received.resolve(file + "." + asked);
    Files.write(copy, IpfRetriever.bytes(d.getDataHandler()));
    JsonObject oracle = compare(source.file(), copy);
    assertThat(oracle.getString("transferSyntax")).isEqualTo(asked);
    assertThat(oracle.getString("sopInstance")).isEqualTo(source.sop());
    assertThat(oracle.getBoolean("pixelsEqual")).as("pixel arrays equal").isTrue();
    assertThat(oracle.getJsonArray("differences").getList()).isEmpty();
  }

  private static JsonObject compare(Path source, Path copy) throws Exception {
    Path script = Path.of(TranscodedInstancesMatchTheSourceInPydicomTest.class.getResource("compare_transcoded.py")
        .toURI());
    ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.PYTHON, script.toString(), source.toString(),
        copy.toString()), null, 120);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return new JsonObject(r.out());
  }
}
