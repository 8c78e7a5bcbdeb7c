package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dciodvfy (dicom3tools), checking the Key Object Selection Document IOD with its IHE XDS-I manifest
 * profile, finds no error and no warning in the manifest we write; NIST's reference manifest passes the
 * same check, and gen_kos.py's (which has no Retrieve AE Title) does not, so the check has teeth.
 *
 * <p>Accepted: with WADO-RS URLs, dciodvfy (2022) warns that Retrieve URL (0008,1190) is not part of the
 * IOD, making the manifest a Standard Extended SOP Class (PS3.4 B.1.3). Those two warnings, and only
 * they, are allowed then.
 */
class WrittenKosPassesDciodvfyXdsiManifestProfileTest {
  private static final String RETRIEVE_URL_WARNING = "Warning - Attribute is not present in standard DICOM IOD - (0x0008,0x1190) UR Retrieve URL";
  private static final String EXTENDED_WARNING =
      "Warning - Dicom dataset contains attributes not present in standard DICOM IOD - this is a Standard Extended SOP Class";

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    boolean present = ExternalTools.onPath("dciodvfy");
    String message = "dciodvfy (dicom3tools) is not installed: apt-get install -y dicom3tools";
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  @Test
  void nistManifestPassesAndGenKosManifestFails() throws IOException {
    List<String> nist = dciodvfy(Fixtures.sharedIhe().resolve("07_kos_manifest_two_series.nist-ids_4802.dcm"));
    assertThat(nist).containsExactly("KeyObjectSelectionDocumentIHEXDSIManifest");
    List<String> genKos = dciodvfy(Fixtures.sharedDicom().resolve("kos/KOS_manifest_77654033_CT.dcm"));
    assertThat(genKos).anyMatch(l -> l.startsWith("Error - Missing attribute Type 1 Required Element=<RetrieveAETitle>"));
  }

  @Test
  void ourManifestHasNoErrorOrWarning() throws IOException {
    List<String> lines = dciodvfy(KosSupport.write(KosSupport.ctManifest(false), tmp));
    assertThat(lines).containsExactly("KeyObjectSelectionDocumentIHEXDSIManifest");
  }

  @Test
  void retrieveUrlIsTheOnlyExtension() throws IOException {
    List<String> lines = dciodvfy(KosSupport.write(KosSupport.ctManifest(true), tmp));
    assertThat(lines).containsExactlyInAnyOrder("KeyObjectSelectionDocumentIHEXDSIManifest", RETRIEVE_URL_WARNING, EXTENDED_WARNING);
  }

  /** dciodvfy prints the IOD it chose, then one line per error or warning, on stderr and stdout. */
  private static List<String> dciodvfy(Path f) throws IOException {
    ExternalTools.Result r = ExternalTools.run(List.of("dciodvfy", "-profile", "IHEXDSIManifest", f.toString()), null, 60);
    return (r.out() + "\n" + r.stderr()).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
