package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the same four CT images, repository and WADO-RS base, our manifest and the one shared/tools/gen_kos.py
 * makes with pydicom have the same evidence (study, series, Retrieve Location UID, Retrieve URL, SOP
 * references in order) and the same patient and study attributes, read by the same reader.
 *
 * <p>Accepted differences: gen_kos.py writes no Retrieve AE Title, which IHE XDS-I.b requires and we
 * write; the new UIDs, content date/time, series number, Manufacturer and Series Description are each
 * writer's own.
 */
class WrittenKosHasTheEvidenceGenKosWritesTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requirePydicom();
  }

  @Test
  void sameEvidenceAsGenKos() throws IOException {
    Path genKos = Path.of(System.getProperty("xcai.fixtures", "../shared/fixtures")).resolveSibling("tools").resolve("gen_kos.py");
    assertThat(genKos).exists();
    Path theirsFile = tmp.resolve("gen_kos.dcm");
    List<String> cmd = new ArrayList<>(List.of(ExternalTools.PYTHON, genKos.toString(), theirsFile.toString(),
        KosSupport.REPOSITORY_UID, KosSupport.WADO_RS));
    KosSupport.ctSeries().forEach(p -> cmd.add(p.toString()));
    ExternalTools.Result r = ExternalTools.run(cmd, null, 120);
    assertThat(r.exitCode()).as("gen_kos.py: %s", r.stderr()).isZero();
    assertThat(Files.size(theirsFile)).isPositive();

    KosManifest theirs = KosManifest.read(KosSupport.read(theirsFile));
    KosManifest ours = KosManifest.read(KosSupport.read(KosSupport.write(KosSupport.ctManifest(true), tmp)));

    assertThat(withoutAeTitles(ours.evidence())).isEqualTo(theirs.evidence());
    assertThat(theirs.evidence().get(0).series().get(0).retrieveAeTitles()).isEmpty();
    assertThat(ours.patient()).isEqualTo(theirs.patient());
    assertThat(ours.study()).isEqualTo(theirs.study());
    assertThat(ours.document().title()).isEqualTo(theirs.document().title()).isEqualTo(KosManifest.MANIFEST);
    assertThat(ours.document().sopClassUid()).isEqualTo(theirs.document().sopClassUid());
    assertThat(ours.otherEvidence()).isEmpty();
    assertThat(theirs.otherEvidence()).isEmpty();
  }

  private static List<KosManifest.StudyReference> withoutAeTitles(List<KosManifest.StudyReference> evidence) {
    return evidence.stream().map(st -> new KosManifest.StudyReference(st.studyInstanceUid(), st.series().stream()
        .map(se -> new KosManifest.SeriesReference(se.seriesInstanceUid(), se.retrieveLocationUid(), List.of(),
            se.retrieveUrl(), se.instances())).toList())).toList();
  }
}
