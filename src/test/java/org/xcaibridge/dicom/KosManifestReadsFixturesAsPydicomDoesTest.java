package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KosManifest#read} finds in NIST's XDS-I.b manifests (one image; two series of 36 images) and in
 * the shared gen_kos.py manifest exactly what pydicom finds there: patient, study, the document's
 * identity and title, and the evidence tree down to each SOP reference with its retrieve information —
 * and, when a manifest carries it, the Pertinent Other Evidence Sequence.
 */
class KosManifestReadsFixturesAsPydicomDoesTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void tools() {
    ExternalTools.requirePydicom();
  }

  static Stream<Path> manifests() {
    return KosSupport.manifests().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifests")
  void sameManifestAsPydicom(Path file) throws IOException {
    KosManifest ours = KosManifest.read(KosSupport.read(file));
    JsonObject theirs = KosSupport.pydicom(file);
    assertThat(KosSupport.json(ours).encodePrettily()).isEqualTo(theirs.encodePrettily());
    assertThat(ours.instances()).as("instances of %s", file).isNotEmpty();
  }

  /** No fixture carries Pertinent Other Evidence (0040,A385): add one, from another study, and compare again. */
  @Test
  void pertinentOtherEvidenceIsReadToo() throws IOException {
    Dataset kos = KosSupport.read(Fixtures.sharedIhe().resolve("07_kos_manifest_two_series.nist-ids_4802.dcm"));
    Dataset other = KosSupport.read(Fixtures.sharedIhe().resolve("06_kos_manifest_single_image.nist-ids_4801.dcm"));
    kos.putSequence(KosTags.PertinentOtherEvidenceSequence, other.items(Tag.CurrentRequestedProcedureEvidenceSequence));
    Path file = tmp.resolve("with-other-evidence.dcm");
    Files.write(file, DicomWriter.toBytes(kos, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

    KosManifest ours = KosManifest.read(KosSupport.read(file));
    assertThat(ours.otherEvidence()).isEqualTo(KosManifest.read(other).evidence()).hasSize(1);
    assertThat(KosSupport.json(ours).encodePrettily()).isEqualTo(KosSupport.pydicom(file).encodePrettily());
    assertThat(KosManifest.read(ours.toDataset())).isEqualTo(ours);
  }
}
