package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A failed parse leaves nothing behind: after each kind of failure (truncation, a depth limit, a value
 * limit, damaged VR bytes, corrupt deflated data), a fresh reader on good input — Explicit, Implicit and
 * deflated — reads exactly what it read before any failure.
 */
class FreshReaderWorksAfterFailedParseTest {
  private static final String CT = "ct/CT_small.dcm";
  private static final String IMPLICIT = "mr/MR_sample3_ge.dcm";
  private static final String DEFLATED = "compressed/image_dfl.dcm";

  static Stream<Arguments> failures() {
    byte[] ct = fixture(CT);
    byte[] deflated = fixture(DEFLATED);
    byte[] badVr = ct.clone();
    int patientName = indexOf(ct, new byte[] {0x10, 0x00, 0x10, 0x00, 'P', 'N'});
    badVr[patientName + 4] = 'Q';
    byte[] corruptDeflate = deflated.clone();
    for (int i = deflated.length / 2; i < deflated.length / 2 + 64; i++) {
      corruptDeflate[i] = (byte) 0xFF;
    }
    return Stream.of(
        Arguments.of("truncated inside pixel data", Arrays.copyOf(ct, ct.length - 100), ReadOptions.ALL),
        Arguments.of("depth limit", DeepNestingStopsAtDepthLimitWithoutRecursionTest.nested(
            DeepNestingStopsAtDepthLimitWithoutRecursionTest.Nesting.UNDEFINED_LENGTH), ReadOptions.ALL),
        Arguments.of("value limit", ct, ReadOptions.ALL.withLimits(new ReadLimits(64, 1024))),
        Arguments.of("unknown VR bytes", badVr, ReadOptions.ALL),
        Arguments.of("corrupt deflated data", corruptDeflate, ReadOptions.ALL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void goodInputReadsTheSameAfterAFailure(String failure, byte[] bad, ReadOptions options) {
    DicomFile[] before = {read(CT), read(IMPLICIT), read(DEFLATED)};

    DicomReader failed = new DicomReader(options);
    assertThatThrownBy(() -> failed.feed(bad, 0, bad.length).end()).isInstanceOf(DicomParseException.class);

    DicomFile[] after = {read(CT), read(IMPLICIT), read(DEFLATED)};
    for (int i = 0; i < before.length; i++) {
      assertThat(after[i].transferSyntax()).isEqualTo(before[i].transferSyntax());
      assertThat(DatasetAssert.differences(before[i].fileMeta(), after[i].fileMeta(), true)).isEmpty();
      assertThat(DatasetAssert.differences(before[i].dataset(), after[i].dataset(), true))
          .as("fixture %d after a failure with %s", i, failure).isEmpty();
    }
    assertThat(after[0].dataset().string(Tag.PatientName)).isEqualTo("CompressedSamples^CT1");
  }

  private static DicomFile read(String name) {
    return HostileInput.readChunked(fixture(name), () -> 4096, ReadOptions.ALL);
  }

  private static byte[] fixture(String name) {
    return HostileInput.bytes(Fixtures.sharedDicom().resolve(name));
  }

  private static int indexOf(byte[] in, byte[] what) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        return i;
      }
    }
    throw new IllegalStateException("pattern not found");
  }
}
