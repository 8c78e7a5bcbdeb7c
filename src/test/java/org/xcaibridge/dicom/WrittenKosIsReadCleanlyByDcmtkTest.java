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
 * The manifest we write for the four CT images of study 77654033 is read by dsrdump as a Key Object
 * Selection Document titled "Manifest" with four CONTAINS IMAGE items and nothing to complain about, and
 * by dcmdump without a warning — with and without WADO-RS Retrieve URLs.
 *
 * <p>dsrdump 3.6.7 prints "Check for template constraints not yet supported" for every document whose IOD
 * requires a template (KOS: TID 2010), whatever its content; it does so for NIST's reference manifest
 * too, which this test checks, so that line alone is accepted.
 */
class WrittenKosIsReadCleanlyByDcmtkTest {
  private static final String TEMPLATE_NOTICE = "W: Check for template constraints not yet supported";

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requireDcmtk("dsrdump");
    ExternalTools.requireDcmtk("dcmdump");
  }

  @ParameterizedTest(name = "with WADO-RS URLs: {0}")
  @ValueSource(booleans = {false, true})
  void dsrdumpAndDcmdumpAcceptIt(boolean wadoRs) throws IOException {
    Path nist = Fixtures.sharedIhe().resolve("06_kos_manifest_single_image.nist-ids_4801.dcm");
    assertThat(stderrLines(dsrdump(nist))).as("dsrdump on NIST's manifest").containsExactly(TEMPLATE_NOTICE);

    Path ours = KosSupport.write(KosSupport.ctManifest(wadoRs), tmp);
    ExternalTools.Result sr = dsrdump(ours);
    assertThat(sr.exitCode()).as("dsrdump exit code: %s", sr.stderr()).isZero();
    assertThat(stderrLines(sr)).as("dsrdump warnings and errors").containsExactly(TEMPLATE_NOTICE);
    assertThat(sr.out()).contains("Key Object Selection Document", "Patient             : Doe^Archibald (#77654033)",
        "Content Date/Time   : 2024-05-06 07:08:09", "<CONTAINER:(,,\"Manifest\")=SEPARATE>");
    assertThat(sr.out().lines().filter(l -> l.trim().equals("<contains IMAGE:=(CT image,)>"))).hasSize(4);

    ExternalTools.Result dump = ExternalTools.run(List.of("dcmdump", "+E", ours.toString()), null, 60);
    assertThat(dump.exitCode()).as("dcmdump exit code: %s", dump.stderr()).isZero();
    assertThat(dump.stderr()).as("dcmdump warnings").isEmpty();
    assertThat(dump.out()).contains("(0040,a375)", "(0040,e011) UI [" + KosSupport.REPOSITORY_UID + "]",
        "(0008,0054) AE [" + KosSupport.AE_TITLE + "]", "(0040,db00) CS [2010]", "(0008,0060) CS [KO]");
    assertThat(dump.out().contains("(0008,1190) UR [")).isEqualTo(wadoRs);
  }

  private static ExternalTools.Result dsrdump(Path f) throws IOException {
    return ExternalTools.run(List.of("dsrdump", f.toString()), null, 60);
  }

  private static List<String> stderrLines(ExternalTools.Result r) {
    return r.stderr().lines().filter(l -> !l.isBlank()).toList();
  }
}
