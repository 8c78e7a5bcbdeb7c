package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifest we write for the CT series comes back whole: pydicom reads the same patient, study,
 * document and evidence from the file, our reader gives back an equal {@link KosManifest}, and the
 * evidence lists exactly the four CT images, with the UIDs pydicom reads from the images themselves.
 */
class WrittenKosReadsBackAsTheSameManifestTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requirePydicom();
  }

  @ParameterizedTest(name = "with WADO-RS URLs: {0}")
  @ValueSource(booleans = {false, true})
  void pydicomAndOurReaderSeeTheManifestWeBuilt(boolean wadoRs) throws IOException {
    KosManifest built = KosSupport.ctManifest(wadoRs);
    Path file = KosSupport.write(built, tmp);

    assertThat(KosSupport.pydicom(file).encodePrettily()).isEqualTo(KosSupport.json(built).encodePrettily());
    assertThat(KosManifest.read(KosSupport.read(file))).isEqualTo(built);

    // the references are those of the images, as an independent reader sees them
    String script = "import sys, pydicom\n"
        + "for f in sys.argv[1:]:\n"
        + "    d = pydicom.dcmread(f, stop_before_pixels=True)\n"
        + "    print(d.StudyInstanceUID, d.SeriesInstanceUID, d.SOPClassUID, d.SOPInstanceUID)\n";
    List<String> cmd = new java.util.ArrayList<>(List.of(ExternalTools.PYTHON, "-c", script));
    KosSupport.ctSeries().forEach(p -> cmd.add(p.toString()));
    ExternalTools.Result r = ExternalTools.run(cmd, null, 60);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    KosManifest.StudyReference study = built.evidence().get(0);
    List<String> ours = built.instances().stream().map(i -> study.studyInstanceUid() + " "
        + study.series().get(0).seriesInstanceUid() + " " + i.sopClassUid() + " " + i.sopInstanceUid()).toList();
    assertThat(ours).containsExactlyElementsOf(r.out().lines().toList());

    KosManifest.SeriesReference series = study.series().get(0);
    assertThat(series.retrieveLocationUid()).isEqualTo(KosSupport.REPOSITORY_UID);
    assertThat(series.retrieveAeTitles()).containsExactly(KosSupport.AE_TITLE);
    assertThat(series.retrieveUrl()).isEqualTo(wadoRs
        ? KosSupport.WADO_RS + "/studies/" + study.studyInstanceUid() + "/series/" + series.seriesInstanceUid() : null);
    assertThat(built.document().sopInstanceUid()).isEqualTo("2.25.1000");
    assertThat(built.document().seriesInstanceUid()).isEqualTo("2.25.1001");
  }
}
