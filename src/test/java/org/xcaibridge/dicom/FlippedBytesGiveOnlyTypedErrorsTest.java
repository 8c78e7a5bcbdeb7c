package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged bytes anywhere — in headers, lengths, VRs, delimiters, deflated data — give either a dataset
 * or a {@link DicomParseException} naming an offset inside the input: never another exception type,
 * an OutOfMemoryError, a StackOverflowError or a hang. 300 damaged copies per fixture, fixed seed; most
 * damage lands in the first 4 KiB, where the structure is.
 */
class FlippedBytesGiveOnlyTypedErrorsTest {
  private static final int COPIES_PER_FILE = 300;
  /** Deflate cannot expand data more than about 1032-fold (RFC 1951 lengths), so offsets stay below this. */
  private static final long MAX_DEFLATE_RATIO = 1032;

  static Stream<Path> corpus() {
    return HostileInput.corpus();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void damagedCopiesFailOnlyWithTypedErrors(Path file) {
    byte[] original = HostileInput.bytes(file);
    boolean deflated = DicomReader.read(original, ReadOptions.HEADERS).transferSyntax().deflated();
    Random random = new Random(0x5EED_0003L + file.getFileName().toString().hashCode());
    int rejected = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      int failures = 0;
      for (int copy = 0; copy < COPIES_PER_FILE; copy++) {
        byte[] damaged = original.clone();
        int changes = 1 + random.nextInt(4);
        StringBuilder where = new StringBuilder();
        for (int c = 0; c < changes; c++) {
          int span = random.nextBoolean() ? Math.min(4096, damaged.length) : damaged.length;
          int at = random.nextInt(span);
          // a single flipped bit, or a byte set to a value typical of lengths and delimiters
          damaged[at] = random.nextBoolean() ? (byte) (damaged[at] ^ (1 << random.nextInt(8))) : pick(random);
          where.append(at).append(c + 1 < changes ? "," : "");
        }
        long bound = deflated ? damaged.length * MAX_DEFLATE_RATIO : damaged.length;
        if (HostileInput.readOrTypedFailure(damaged, bound, file + " damaged at " + where) == null) {
          failures++;
        }
      }
      return failures;
    });
    // the damage must reach the parser's structure checks, or this test would prove nothing
    assertThat(rejected).as("damaged copies of %s that were rejected", file).isPositive();
  }

  private static byte pick(Random r) {
    byte[] interesting = {0, (byte) 0xFF, (byte) 0xFE, (byte) 0xE0, (byte) 0xDD, 0x0D, 0x7F, (byte) 0x80, 1};
    return interesting[r.nextInt(interesting.length)];
  }
}
