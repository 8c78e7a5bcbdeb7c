package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * Issue 8's drain through the whole bridge: a child JVM ({@code Main} in demo mode over a generated CT study,
 * {@code --data}) and a viewer's WADO-RS study retrieval through its DICOMweb front — the front asks the study core,
 * which retrieves the series from the embedded responder with RAD-75 into the cache and on to the viewer. The
 * viewer stops reading a quarter of the way in; SIGTERM arrives; readiness answers 503 and a new DICOMweb request
 * is refused. Then:
 * <ul>
 *   <li>with a grace period long enough, the viewer reads on and gets the whole study — every part's SHA-256 equal
 *       to its source file's, the closing delimiter at the end —, the process exits by itself with 0, and the cache
 *       directory holds every instance as a complete entry byte for byte its file, and no temporary file;</li>
 *   <li>with a grace period too short, the answer is cut (no closing delimiter) and, after a restart on the same
 *       work directory, the cache holds only complete entries equal to their files, and no temporary file.</li>
 * </ul>
 * The cache is inspected on disk ({@link CacheOnDisk}), not through the store. Size: {@code -Dxcai.drainTestMiB}
 * (default 500 MiB, the size issue 8 names, which CI runs — {@code .ci/run} runs every test, there are no tags; about
 * 25 s here; smaller for a quick local run: {@code mvn test -Dtest=SigtermDrainsAStudy* -Dxcai.drainTestMiB=100}).
 */
class SigtermDrainsAStudyRetrievalThroughTheFrontTest {
  private static final int MIB = Integer.getInteger("xcai.drainTestMiB", 500);
  private static final String ACCEPT = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
  @TempDir
  Path temp;
  private BridgeChild child;
  private Path folder;
  private Map<String, Source> sources;
  private String study;

  record Source(String series, String sha256, String stem) {}

  @BeforeEach
  void generate() throws Exception {
    folder = temp.resolve("study");
    DemoSet.generate(folder, MIB);
    sources = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(p);
        DicomFile f = DicomReader.read(bytes, ReadOptions.HEADERS);
        study = f.dataset().string(Tag.StudyInstanceUID);
        String series = f.dataset().string(Tag.SeriesInstanceUID);
        String sop = f.dataset().string(Tag.SOPInstanceUID);
        sources.put(sop, new Source(series, java.util.HexFormat.of().formatHex(StreamedMultipart.sha256()
            .digest(bytes)), CacheOnDisk.stem(study, series, sop)));
      }
    }
    assertThat(sources.size()).isGreaterThan(100);
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.close();
    }
  }

  @Test
  void theViewerGetsTheWholeStudyAndTheCacheOnlyCompleteEntries() throws Exception {
    Held held = startAndHold("2m");

    held.resume.countDown();
    StreamedMultipart.Result r = held.result.get(5, TimeUnit.MINUTES);
    assertThat(r.failure()).as("the answer was read to its end; %d parts; log:%n%s", r.parts().size(),
        child.logText()).isNull();
    assertThat(r.closed()).as("closing delimiter").isTrue();
    assertThat(r.parts()).hasSameSizeAs(sources.keySet());
    for (StreamedMultipart.Part p : r.parts()) {
      assertThat(sources).containsKey(p.sop());
      assertThat(p.sha256()).as("instance %s", p.sop()).isEqualTo(sources.get(p.sop()).sha256());
    }

    assertThat(child.exitCode(Duration.ofMinutes(1))).as("exit code:%n%s", child.logText()).isZero();
    assertThat(child.log()).as("%s", child.logText()).anyMatch(l -> l.contains("drained: no request in flight"));
    CacheOnDisk.Contents cache = CacheOnDisk.read(cacheDir());
    assertOnlyCompleteEntries(cache);
    assertThat(cache.entries()).as("every instance went through the cache").hasSameSizeAs(sources.keySet());
  }

  @Test
  void aGracePeriodTooShortCutsTheAnswerAndLeavesNoPartialEntry() throws Exception {
    Held held = startAndHold("1s");

    int exit = child.exitCode(Duration.ofMinutes(1));
    held.resume.countDown();
    StreamedMultipart.Result r = held.result.get(2, TimeUnit.MINUTES);
    assertThat(r.closed()).as("a cut answer does not end with the closing delimiter").isFalse();
    assertThat(r.parts().size()).as("the viewer had what came before the cut").isBetween(sources.size() / 4 + 1,
        sources.size() - 1);
    assertThat(exit).as("exit code:%n%s", child.logText()).isZero();
    assertThat(child.log()).anyMatch(l -> l.contains("grace period of 1s over with"));
    assertThat(CacheOnDisk.read(cacheDir()).entries()).as("no entry file is ever partial")
        .allSatisfy(e -> assertThat(e.sha256()).isEqualTo(sourceOf(e).sha256()));

    // a restart on the same work directory: the store's recovery, then the files again
    child = BridgeChild.start(temp.resolve("child-2.log"), args());
    String front = child.await(BridgeChild.FRONT, Duration.ofMinutes(2));
    assertThat(child.status(front + OpsRuntime.READY_PATH)).isEqualTo(200);
    CacheOnDisk.Contents cache = CacheOnDisk.read(cacheDir());
    assertOnlyCompleteEntries(cache);
    assertThat(cache.entries().size()).as("what was complete before the cut is kept")
        .isGreaterThanOrEqualTo(r.parts().size());
    child.sigterm();
    assertThat(child.exitCode(Duration.ofMinutes(1))).isZero();
  }

  /** The viewer's retrieval, held after a quarter of the parts; {@code resume} lets it read on. */
  record Held(CountDownLatch resume, CompletableFuture<StreamedMultipart.Result> result) {}

  /**
   * Starts the bridge with {@code shutdown.grace}, starts the study retrieval, holds it at a quarter, sends
   * SIGTERM, and checks what the drain must show at once: readiness 503, a new request refused, the process alive.
   */
  private Held startAndHold(String grace) throws Exception {
    Files.writeString(temp.resolve("bridge.yaml"), "shutdown:\n  grace: " + grace + "\n");
    child = BridgeChild.start(temp.resolve("child.log"), args());
    String front = child.await(BridgeChild.FRONT, Duration.ofMinutes(3));
    String dicomweb = child.await(BridgeChild.DICOMWEB, Duration.ofSeconds(10));

    HttpResponse<InputStream> response = child.http.send(HttpRequest.newBuilder(URI.create(dicomweb + "/studies/"
        + study)).header("Accept", ACCEPT).timeout(Duration.ofMinutes(5)).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    String contentType = response.headers().firstValue("Content-Type").orElseThrow();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    int holdAt = sources.size() / 4;
    CompletableFuture<StreamedMultipart.Result> result = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = response.body()) {
        return StreamedMultipart.read(in, contentType, (i, p) -> {
          if (i == holdAt) {
            held.countDown();
            resume.await();
          }
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(held.await(2, TimeUnit.MINUTES)).as("the retrieval reached a quarter").isTrue();

    assertThat(child.status(front + OpsRuntime.READY_PATH)).isEqualTo(200);
    child.sigterm();
    assertThat(child.readinessAfterDrainStarts(front)).as("readiness fails during the drain").isEqualTo(503);
    assertThat(child.status(dicomweb + "/studies?PatientID=x")).as("a new request is refused while draining")
        .isEqualTo(503);
    if (!grace.equals("1s")) {
      assertThat(child.alive()).as("the process waits for the retrieval in flight").isTrue();
    }
    return new Held(resume, result);
  }

  private String[] args() {
    return new String[] {"--work-dir", temp.resolve("work").toString(), "--port", "0", "--responder-port", "0",
        "--data", folder.toString(), "--config", temp.resolve("bridge.yaml").toString()};
  }

  private Path cacheDir() {
    return temp.resolve("work").resolve(CacheConfig.DEFAULT_DIRECTORY);
  }

  private Source sourceOf(CacheOnDisk.Entry e) {
    return sources.values().stream().filter(s -> s.stem().equals(e.stem())).findFirst()
        .orElseThrow(() -> new AssertionError("an entry for no source instance: " + e.file()));
  }

  /** No temporary or stray file; every entry a source instance's, its Part 10 bytes equal to the file's. */
  private void assertOnlyCompleteEntries(CacheOnDisk.Contents cache) {
    assertThat(cache.temporary()).as("temporary files").isEmpty();
    assertThat(cache.stray()).as("files of no known kind").isEmpty();
    assertThat(cache.entries()).allSatisfy(e -> assertThat(e.sha256()).as("entry %s", e.file())
        .isEqualTo(sourceOf(e).sha256()));
    assertThat(cache.entries().stream().map(CacheOnDisk.Entry::stem).distinct().count())
        .as("one entry per instance").isEqualTo(cache.entries().size());
  }
}
