package org.xcaibridge.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * Shared ground for the parser robustness tests: the corpus, chunked feeding, what a failure may
 * look like, and how many bytes the reading thread allocated.
 */
final class HostileInput {
  private HostileInput() {}

  /** Every file of the shared DICOM corpus and the two XDS-I manifests of the IHE fixtures. */
  static Stream<Path> corpus() {
    List<Path> all = new ArrayList<>(Fixtures.files(Fixtures.sharedDicom()));
    all.addAll(Fixtures.files(Fixtures.sharedIhe()).stream().filter(p -> p.toString().endsWith(".dcm")).toList());
    if (all.isEmpty()) {
      throw new IllegalStateException("no fixtures under " + Fixtures.sharedDicom().toAbsolutePath());
    }
    return all.stream();
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Feeds {@code input} in chunks whose sizes {@code chunk} supplies, then ends the input. */
  static DicomFile readChunked(byte[] input, IntSupplier chunk, ReadOptions options) {
    return readChunked(input, chunk, options, false);
  }

  /** As above; with {@code direct}, each chunk is fed as a direct buffer of its own (as a network read is). */
  static DicomFile readChunked(byte[] input, IntSupplier chunk, ReadOptions options, boolean direct) {
    DicomReader r = new DicomReader(options);
    for (int off = 0; off < input.length && !r.done(); ) {
      int n = Math.min(Math.max(1, chunk.getAsInt()), input.length - off);
      if (direct) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(n).put(input, off, n).flip();
        r.feed(b);
        if (b.hasRemaining()) {
          throw new AssertionError("feed left " + b.remaining() + " bytes of a direct chunk");
        }
      } else {
        r.feed(input, off, n);
      }
      off += n;
    }
    return r.end();
  }

  /**
   * Reads {@code input}; a failure must be a {@link DicomParseException} whose offset lies in the input
   * ({@code bound} is the input length, or the inflated length for deflated syntaxes, whose offsets
   * count inflated bytes). Any other throwable — including errors — fails the test with the input named.
   */
  static DicomFile readOrTypedFailure(byte[] input, long bound, String what) {
    try {
      return DicomReader.read(input, ReadOptions.ALL);
    } catch (DicomParseException e) {
      assertThat(e.offset()).as("offset of \"%s\" for %s", e.getMessage(), what).isBetween(0L, bound);
      assertThat(e.getMessage()).as("message for %s", what).contains("offset");
      return null;
    } catch (Throwable t) {
      throw new AssertionError(what + ": expected a DicomParseException, got " + t, t);
    }
  }

  /**
   * Offsets at which a top-level element (file meta included) starts in {@code input}, plus the end of
   * the stream: the only places where a truncated copy is still a complete dataset. For a deflated
   * syntax the offsets after the file meta count inflated bytes.
   */
  static TreeSet<Long> topLevelBoundaries(byte[] input) {
    TreeSet<Long> at = new TreeSet<>();
    DicomParserHandler h = new DicomParserHandler() {
      @Override
      public ValueAction element(ElementHeader header) {
        top(header);
        return ValueAction.SKIP;
      }

      @Override
      public void startSequence(ElementHeader header) {
        top(header);
      }

      @Override
      public ValueAction startFragments(ElementHeader header) {
        top(header);
        return ValueAction.SKIP;
      }

      private void top(ElementHeader header) {
        if (header.depth() == 0) {
          at.add(header.offset());
        }
      }

      @Override
      public void startItem(long offset, long length) {}

      @Override
      public void endItem() {}

      @Override
      public void endSequence() {}

      @Override
      public void fragment(ElementHeader fragment) {}

      @Override
      public void endFragments() {}
    };
    DicomStreamParser p = new DicomStreamParser(h);
    p.feed(input);
    p.end();
    at.add(p.position());
    return at;
  }

  /** Largest offset an error about {@code input} may name: its length, or the inflated length. */
  static long offsetBound(byte[] input) {
    return Math.max(input.length, topLevelBoundaries(input).last());
  }

  /** Bytes allocated so far by the calling thread (HotSpot's per-thread counter). */
  static long allocatedBytes() {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
  }
}
