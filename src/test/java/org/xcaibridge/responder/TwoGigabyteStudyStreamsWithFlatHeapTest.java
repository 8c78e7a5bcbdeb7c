package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, done-when: "a 2 GB study retrieved with RAD-75 from the responder with -Xmx256m: heap flat, bytes
 * identical". Sixteen instances of 128 MiB (2 GiB in all, each larger than half the heap) are written to a
 * folder; a child JVM with {@code -Xmx256m} ({@link LargeRetrieveProbe}) serves them with our RAD-75 service and
 * retrieves them over HTTP with one request, hashing each attachment as it streams. Every instance arrives with
 * the SHA-256 of its file, and the heap in use after a forced GC, sampled throughout, never grows by more than
 * {@value #MAX_GROWTH_MIB} MiB over the baseline: one instance held whole would be 128 MiB. About a minute on two
 * cores; tagged {@code large} so it can be left out locally ({@code -DexcludedGroups=large}); {@code mvn test} runs it.
 */
@Tag("large")
class TwoGigabyteStudyStreamsWithFlatHeapTest {
  private static final int INSTANCES = 16;
  private static final int FRAMES = 256; // 256 × 512 × 512 × 2 bytes = 128 MiB per instance
  private static final long MAX_GROWTH_MIB = 48;
  @TempDir
  Path folder;
  private Process child;

  @AfterEach
  void stop() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  void everyInstanceArrivesIdenticalWithAFlatHeap() throws Exception {
    Map<String, String> files = LargeStudy.write(folder, INSTANCES, FRAMES, 20240502L);

    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), LargeRetrieveProbe.class.getName(), folder.toString())
        .redirectErrorStream(true).start();
    List<String> lines = output(child);
    assertThat(child.waitFor(10, TimeUnit.MINUTES)).as("the probe finished").isTrue();
    assertThat(child.exitValue()).as(String.join("\n", lines)).isZero();

    Map<String, String> received = new HashMap<>();
    Map<String, Long> numbers = new HashMap<>();
    for (String line : lines) {
      if (line.startsWith("sha256 ")) {
        String[] f = line.split(" ");
        received.put(f[1], f[2]);
      } else if (line.startsWith("baseline=")) {
        for (String kv : line.split(" ")) {
          String[] f = kv.split("=");
          numbers.put(f[0], (long) Double.parseDouble(f[1]));
        }
        System.out.println("2 GiB RAD-75 retrieve at -Xmx256m: " + line);
      }
    }
    assertThat(received).isEqualTo(files);
    assertThat(numbers.get("bytes")).isEqualTo((long) INSTANCES * FRAMES * LargeStudy.FRAME_BYTES + headerBytes());
    assertThat(numbers.get("samples")).as("heap samples taken").isGreaterThan(2);
    assertThat(numbers.get("maxAfterGc") - numbers.get("baseline")).as("live heap growth, bytes")
        .isLessThan(MAX_GROWTH_MIB << 20);
  }

  /** What the files hold beyond their pixel data: each file's size minus its frames. */
  private long headerBytes() throws IOException {
    long total = 0;
    for (int i = 0; i < INSTANCES; i++) {
      total += Files.size(folder.resolve("frames-" + i + ".dcm")) - (long) FRAMES * LargeStudy.FRAME_BYTES;
    }
    return total;
  }

  private static List<String> output(Process p) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        lines.add(line);
      }
    }
    return lines;
  }
}
