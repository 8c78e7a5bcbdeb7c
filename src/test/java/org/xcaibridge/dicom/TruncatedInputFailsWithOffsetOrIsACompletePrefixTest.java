package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file cut short anywhere is either rejected with a {@link DicomParseException} that names an offset
 * inside what was received, or — only when the cut falls exactly between two top-level elements — read
 * as exactly the elements before the cut. Never another exception, never a silently shortened
 * sequence, item or pixel data.
 */
class TruncatedInputFailsWithOffsetOrIsACompletePrefixTest {
  private static final int CUTS_PER_FILE = 50;

  static Stream<Path> corpus() {
    return HostileInput.corpus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCutIsAnErrorOrACompletePrefix(Path file) {
    byte[] full = HostileInput.bytes(file);
    DicomFile whole = DicomReader.read(full, ReadOptions.ALL);
    TreeSet<Long> boundaries = HostileInput.topLevelBoundaries(full);
    boolean deflated = whole.transferSyntax().deflated();
    long inflatedBound = HostileInput.offsetBound(full);
    Random random = new Random(0x5EED_0001L + file.getFileName().toString().hashCode());
    // the hang guard is generous: 50 parses of a file under 1 MB take well under a second
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int i = 0; i < CUTS_PER_FILE; i++) {
        int cut = 1 + random.nextInt(full.length - 1);
        String what = file + " cut at " + cut + " of " + full.length;
        byte[] part = Arrays.copyOf(full, cut);
        DicomFile read = HostileInput.readOrTypedFailure(part, deflated ? inflatedBound : cut, what);
        if (read != null) {
          assertThat(boundaries).as("%s was read without error, so the cut must lie between top-level elements", what)
              .contains((long) cut);
          assertThat(DatasetAssert.differences(prefix(whole.fileMeta(), read.fileMeta().size()), read.fileMeta(), true))
              .as("file meta of %s", what).isEmpty();
          assertThat(DatasetAssert.differences(prefix(whole.dataset(), read.dataset().size()), read.dataset(), true))
              .as("dataset of %s", what).isEmpty();
        }
      }
    });
  }

  /** The first {@code n} elements of {@code d}: what a reader may return for a prefix of the stream. */
  private static Dataset prefix(Dataset d, int n) {
    Dataset p = new Dataset();
    d.elements().stream().limit(n).forEach(p::put);
    return p;
  }
}
