package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KosManifest#read} finds in NIST's XDS-I.b manifests (one image; two series of 36 images) and in
 * the shared gen_kos.py manifest exactly what pydicom finds there: patient, study, the document's
 * identity and title, and the evidence tree down to each SOP reference with its retrieve information.
 */
class KosManifestReadsFixturesAsPydicomDoesTest {

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
}
