package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated studies pass dcmtk's checks as manifests too: the KOS we write for each study of the demo set
 * (every series, every instance) is read by dsrdump (only its template notice, which it prints for any KOS)
 * and by dcmdump without a warning, and it reads back with all the instances the study has.
 */
class ManifestsOfGeneratedStudiesPassDcmtkTest {
  private static final String TEMPLATE_NOTICE = "W: Check for template constraints not yet supported";

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requireDcmtk("dsrdump");
    ExternalTools.requireDcmtk("dcmdump");
  }

  @Test
  void everyDemoStudyManifestIsClean() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    SyntheticStudies gen = new SyntheticStudies(new Random(7), clock);
    List<SyntheticStudies.Study> studies = gen.demoSet();
    assertThat(studies).hasSizeGreaterThanOrEqualTo(6);
    for (SyntheticStudies.Study study : studies) {
      KosManifestBuilder b = KosManifest.builder().retrieveFrom("1.2.3.4.5", "XCAIBRIDGE");
      for (SyntheticSeries series : study.series()) {
        for (int i = 0; i < series.instanceCount(); i++) {
          Dataset header = SyntheticStudies.instance(study, series, i);
          header.remove(Tag.PixelData);
          b.add(header);
        }
      }
      KosManifest manifest = b.build(gen::uid, clock);
      Path file = KosSupport.write(manifest, tmp);

      ExternalTools.Result sr = ExternalTools.run(List.of("dsrdump", file.toString()), null, 60);
      assertThat(sr.exitCode()).as("dsrdump on the manifest of %s: %s", study.description(), sr.stderr()).isZero();
      assertThat(sr.stderr().lines().filter(l -> !l.isBlank())).as("dsrdump on %s", study.description())
          .containsExactly(TEMPLATE_NOTICE);
      ExternalTools.Result dump = ExternalTools.run(List.of("dcmdump", "+E", file.toString()), null, 60);
      assertThat(dump.exitCode()).isZero();
      assertThat(dump.stderr()).as("dcmdump on %s", study.description()).isEmpty();

      KosManifest back = KosManifest.read(DicomReader.read(java.nio.file.Files.readAllBytes(file), ReadOptions.ALL).dataset());
      assertThat(back.instances()).hasSize(study.instanceCount());
    }
  }
}
