package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lengths near 2^32 (and odd ones) declared in element, sequence, item and fragment headers — at the
 * top level, one and two sequences deep, in the file meta, in Implicit VR — are met with a
 * {@link DicomParseException} naming an offset in the input, and the reading thread allocates less than
 * a small multiple of the input size: nothing is sized from what a header claims.
 */
class HugeDeclaredLengthsAllocateNothingTest {
  private static final long[] LENGTHS = {0xFFFFFFF0L, 0xFFFFFFFEL, 0xFFFFFFFDL, 0x7FFFFFFFL, 0x80000001L, 0x00FFFFFFL};
  /** Bytes of an ordinary value in front of the hostile header, so the input has a size to compare with. */
  private static final int BODY = 256 * 1024;
  /** The reader may hold the input, a copy of each kept value and a growing buffer: a few times the input. */
  private static final int ALLOWED_MULTIPLE = 6;

  /** How a hostile header is placed: the bytes that follow the 256 KiB value, for a declared length. */
  record Placement(String name, boolean implicitVr, Function<Long, byte[]> tail) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<Placement> placements = List.of(
        new Placement("OB value at top level", false, len -> new DicomBytes().explicit(0x00431029, "OB", len).filler(16).done()),
        new Placement("UT value at top level", false, len -> new DicomBytes().explicit(0x00404001, "UT", len).filler(16).done()),
        new Placement("UN value at top level", false, len -> new DicomBytes().explicit(0x00091010, "UN", len).filler(16).done()),
        new Placement("defined-length sequence", false, len -> new DicomBytes().explicit(0x0040A730, "SQ", len).item(-1).done()),
        new Placement("defined-length item", false, len -> new DicomBytes().explicit(0x0040A730, "SQ", -1).item(len).filler(8).done()),
        new Placement("OB value one sequence deep", false,
            len -> new DicomBytes().explicit(0x0040A730, "SQ", -1).item(-1).explicit(0x00431029, "OB", len).filler(16).done()),
        new Placement("OB value two sequences deep", false, len -> new DicomBytes().explicit(0x0040A730, "SQ", -1).item(-1)
            .explicit(0x0040A730, "SQ", -1).item(-1).explicit(0x00431029, "OB", len).filler(16).done()),
        new Placement("item inside a defined-length sequence", false,
            len -> new DicomBytes().explicit(0x0040A730, "SQ", 24).item(len).filler(16).done()),
        new Placement("fragment of encapsulated pixel data", false,
            len -> new DicomBytes().explicit(0x7FE00010, "OB", -1).item(0).item(len).filler(16).done()),
        new Placement("value in Implicit VR", true, len -> new DicomBytes().implicit(0x00431029, len).filler(16).done()),
        new Placement("item in Implicit VR", true, len -> new DicomBytes().implicit(0x0040A730, -1).item(len).filler(16).done()));
    List<Arguments> out = new ArrayList<>();
    for (Placement p : placements) {
      for (long len : LENGTHS) {
        out.add(Arguments.of(p, len));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, length 0x{1}")
  @MethodSource("cases")
  void declaredLengthDrivesNoAllocation(Placement placement, long length) {
    byte[] input = file(placement.implicitVr(), placement.tail().apply(length));
    for (ReadOptions options : new ReadOptions[] {ReadOptions.ALL, ReadOptions.HEADERS}) {
      readExpectingFailure(input, options); // warm up: class loading and JIT allocate too
      long before = HostileInput.allocatedBytes();
      readExpectingFailure(input, options);
      long whole = HostileInput.allocatedBytes() - before;
      before = HostileInput.allocatedBytes();
      DicomParseException e = readExpectingFailure(input, options, 4096);
      long chunked = HostileInput.allocatedBytes() - before;
      String what = placement + " with length 0x" + Long.toHexString(length) + ", pixel data " + options.pixelData();
      assertThat(e.offset()).as("offset named for %s: %s", what, e.getMessage()).isBetween(0L, (long) input.length);
      assertThat(whole).as("bytes allocated reading %s whole (input %d bytes)", what, input.length)
          .isLessThan((long) ALLOWED_MULTIPLE * input.length);
      assertThat(chunked).as("bytes allocated reading %s in 4 KiB chunks (input %d bytes)", what, input.length)
          .isLessThan((long) ALLOWED_MULTIPLE * input.length);
    }
  }

  @ParameterizedTest(name = "length 0x{0}")
  @MethodSource("lengths")
  void fileMetaValueLengthIsBounded(long length) {
    DicomBytes b = new DicomBytes().preamble().explicit(0x00020001, "OB", 2).raw(0, 1).explicit(0x00020012, "OB", length).filler(16);
    byte[] input = b.done();
    DicomParseException e = readExpectingFailure(input, ReadOptions.ALL);
    assertThat(e).isInstanceOf(DicomLimitException.class);
    assertThat(e.offset()).isBetween(0L, (long) input.length);
  }

  static Stream<Long> lengths() {
    return Stream.of(0xFFFFFFF0L, 0xFFFFFFFEL, 0xFFFFFFFDL, 0x7FFFFFFFL, 0x80000001L);
  }

  private static DicomParseException readExpectingFailure(byte[] input, ReadOptions options) {
    return readExpectingFailure(input, options, input.length);
  }

  private static DicomParseException readExpectingFailure(byte[] input, ReadOptions options, int chunk) {
    try {
      HostileInput.readChunked(input, () -> chunk, options);
    } catch (DicomParseException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a DicomParseException, got " + t, t);
    }
    throw new AssertionError("a header declaring more bytes than the input holds was accepted");
  }

  /** A Part 10 file: meta, SOP Class/Instance UIDs, a 256 KiB OB value, then the hostile bytes. */
  private static byte[] file(boolean implicitVr, byte[] tail) {
    DicomBytes b = new DicomBytes().preamble();
    String ts = implicitVr ? "1.2.840.10008.1.2" : "1.2.840.10008.1.2.1";
    b.explicit(0x00020010, "UI", ts.length() + 1).text(ts).raw(0);
    if (implicitVr) {
      b.implicit(0x00080016, 26).text("1.2.840.10008.5.1.4.1.1.7").raw(0)
          .implicit(0x00420011, BODY).filler(BODY);
    } else {
      b.explicit(0x00080016, "UI", 26).text("1.2.840.10008.5.1.4.1.1.7").raw(0)
          .explicit(0x00420011, "OB", BODY).filler(BODY);
    }
    return b.raw(tail).done();
  }
}
