package org.xcaibridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xcaibridge.dicom.DicomParserHandler;
import org.xcaibridge.dicom.DicomStreamParser;
import org.xcaibridge.dicom.ElementHeader;
import org.xcaibridge.dicom.ValueAction;

/**
 * Run in a child JVM with a small heap by {@link DicomCodecBench}: streams the given Part 10 files, over and
 * over, through {@link DicomStreamParser} in 64 KiB chunks until {@code totalBytes} have passed; Pixel
 * Data values and fragments are STREAMed (counted, never kept), every other value SKIPped. Prints one
 * line: {@code bytes=… files=… elements=… streamed=… seconds=… peakHeapUsed=… maxUsedAfterFile=… maxHeap=…}.
 *
 * <p>Usage: {@code StreamingHeapProbe TOTAL_BYTES FILE...}
 */
public final class StreamingHeapProbe {
  private StreamingHeapProbe() {}

  /** Counts what passes; keeps nothing. */
  static final class Counting implements DicomParserHandler {
    long elements;
    long streamed;

    @Override
    public ValueAction element(ElementHeader header) {
      elements++;
      return header.tag() == 0x7FE00010 ? ValueAction.STREAM : ValueAction.SKIP;
    }

    @Override
    public void value(ElementHeader header, byte[] bytes, int offset, int length, boolean last) {
      streamed += length;
    }

    @Override
    public void startSequence(ElementHeader header) {
      elements++;
    }

    @Override
    public void startItem(long offset, long length) {}

    @Override
    public void endItem() {}

    @Override
    public void endSequence() {}

    @Override
    public ValueAction startFragments(ElementHeader header) {
      elements++;
      return ValueAction.STREAM;
    }

    @Override
    public void fragment(ElementHeader fragment) {}

    @Override
    public void endFragments() {}
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: StreamingHeapProbe TOTAL_BYTES FILE...");
      System.exit(2);
    }
    long total = Long.parseLong(args[0]);
    List<Path> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    byte[] chunk = new byte[64 * 1024];
    Counting counts = new Counting();
    long bytes = 0;
    long fileCount = 0;
    long maxUsedAfterFile = 0;
    long start = System.nanoTime();
    while (bytes < total) {
      for (Path f : files) {
        DicomStreamParser parser = new DicomStreamParser(counts);
        try (InputStream in = Files.newInputStream(f)) {
          for (int n; (n = in.read(chunk)) >= 0; ) {
            parser.feed(chunk, 0, n);
            bytes += n;
          }
        }
        parser.end();
        fileCount++;
        maxUsedAfterFile = Math.max(maxUsedAfterFile, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        if (bytes >= total) {
          break;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // the sum of each pool's peak bounds the peak of the whole heap from above (pools peak at different times)
    long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf("bytes=%d files=%d elements=%d streamed=%d seconds=%.3f peakHeapUsed=%d maxUsedAfterFile=%d maxHeap=%d%n",
        bytes, fileCount, counts.elements, counts.streamed, seconds, peak, maxUsedAfterFile,
        Runtime.getRuntime().maxMemory());
  }
}
