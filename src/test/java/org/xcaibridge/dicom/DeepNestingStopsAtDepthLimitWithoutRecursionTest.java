package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 10,000 nested sequences — defined length, undefined length, Implicit VR, and undefined-length UN
 * (PS3.5 §6.2.2) — stop at {@link ReadLimits#maxDepth()} with a {@link DicomLimitException} naming the
 * limit; with a limit above 10,000 they are read to the bottom on a thread with a 128 KiB stack: the
 * parser follows nesting without recursion.
 */
class DeepNestingStopsAtDepthLimitWithoutRecursionTest {
  private static final int DEPTH = 10_000;
  private static final long SMALL_STACK = 128 * 1024;

  enum Nesting { UNDEFINED_LENGTH, DEFINED_LENGTH, IMPLICIT_VR, UNDEFINED_LENGTH_UN }

  static Stream<Nesting> nestings() {
    return Stream.of(Nesting.values());
  }

  @ParameterizedTest
  @MethodSource("nestings")
  void defaultLimitStopsTheDescent(Nesting nesting) throws Exception {
    byte[] input = nested(nesting);
    Throwable t = onSmallStack(() -> DicomReader.read(input, ReadOptions.ALL));
    assertThat(t).isInstanceOf(DicomLimitException.class);
    DicomLimitException e = (DicomLimitException) t;
    assertThat(e.limit()).isEqualTo("maxDepth");
    assertThat(e.limitValue()).isEqualTo(ReadLimits.DEFAULT.maxDepth());
    assertThat(e.actual()).isGreaterThan(e.limitValue());
    assertThat(e.offset()).isBetween(0L, (long) input.length);
    assertThat(e.getMessage()).contains("maxDepth");
  }

  @ParameterizedTest
  @MethodSource("nestings")
  void higherLimitReadsToTheBottomWithoutRecursion(Nesting nesting) throws Exception {
    byte[] input = nested(nesting);
    ReadOptions deep = ReadOptions.ALL.withLimits(new ReadLimits(2 * DEPTH + 2, ReadLimits.DEFAULT.maxValueBytes()));
    AtomicReference<DicomFile> read = new AtomicReference<>();
    Throwable t = onSmallStack(() -> read.set(DicomReader.read(input, deep)));
    assertThat(t).as("reading %d nested sequences", DEPTH).isNull();
    // walk down iteratively: a recursive walk is what this test forbids
    Dataset d = read.get().dataset();
    int depth = 0;
    for (List<Dataset> items = d.items(0x0040A730); !items.isEmpty(); items = items.get(0).items(0x0040A730)) {
      assertThat(items).hasSize(1);
      depth++;
    }
    assertThat(depth).isEqualTo(DEPTH);
  }

  /** Runs {@code body} on a thread with a small stack; returns what it threw, or null. */
  private static Throwable onSmallStack(Runnable body) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        body.run();
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "small-stack", SMALL_STACK);
    t.start();
    t.join(60_000);
    assertThat(t.isAlive()).as("parse still running after 60 s").isFalse();
    return thrown.get();
  }

  /**
   * A bare dataset of {@value #DEPTH} Content Sequences (0040,A730), each holding one item that holds the
   * next. Defined lengths are computed from the inside out: each level adds a sequence and an item header.
   */
  static byte[] nested(Nesting nesting) {
    DicomBytes b = new DicomBytes();
    switch (nesting) {
      case UNDEFINED_LENGTH -> {
        for (int i = 0; i < DEPTH; i++) {
          b.explicit(0x0040A730, "SQ", -1).item(-1);
        }
        closeAll(b);
      }
      case DEFINED_LENGTH -> {
        int perLevel = 12 + 8;
        for (int i = 0; i < DEPTH; i++) {
          long inside = (long) perLevel * (DEPTH - i);
          b.explicit(0x0040A730, "SQ", inside - 12).item(inside - 20);
        }
      }
      case IMPLICIT_VR -> {
        for (int i = 0; i < DEPTH; i++) {
          b.implicit(0x0040A730, -1).item(-1);
        }
        closeAll(b);
      }
      case UNDEFINED_LENGTH_UN -> {
        // the outer UN is explicit; its items, and all below, are Implicit VR Little Endian
        b.explicit(0x0040A730, "UN", -1).item(-1);
        for (int i = 1; i < DEPTH; i++) {
          b.implicit(0x0040A730, -1).item(-1);
        }
        closeAll(b);
      }
    }
    return b.done();
  }

  private static void closeAll(DicomBytes b) {
    for (int i = 0; i < DEPTH; i++) {
      b.endItem().endSequence();
    }
  }
}
