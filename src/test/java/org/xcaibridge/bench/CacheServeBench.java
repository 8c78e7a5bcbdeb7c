package org.xcaibridge.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.xcaibridge.cache.CacheSettings;
import org.xcaibridge.cache.InstanceKey;
import org.xcaibridge.cache.InstanceStore;
import org.xcaibridge.cache.InstanceStream;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * Serving a cached study: a 500 MiB study (100 instances of 5 MiB) is written as Part 10 files, stored
 * through the cache (the real ingest path: each file streamed in as an upstream would send it), then
 * fetched with curl on 127.0.0.1 as one multipart/related; type="application/dicom" response from a small
 * Vert.x server reading the store, and, in the same run, as 100 plain GETs (one connection) from a static
 * server over the same Part 10 files: Vert.x sendFile (zero-copy), and python3 -m http.server when
 * present. Prints the median throughput of each, the cache's ratio to each, and the heap of this JVM while
 * serving.
 *
 * <p>Usage: CacheServeBench [workDir] [runs]
 */
public final class CacheServeBench {
  static final int SERIES = 4;
  static final int PER_SERIES = 25;
  static final int ROWS = 512;
  static final int COLUMNS = 512;
  static final int FRAMES = 20;
  static final String STUDY = "1.2.826.0.1.3680043.10.543.900";

  private CacheServeBench() {}

  record Item(InstanceKey key, Path file, long length) {}

  record Run(String what, long bytes, double seconds) {
    double mbPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench-cache").toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    deleteTree(work);
    Path files = Files.createDirectories(work.resolve("static"));
    List<Item> items = generate(files);
    long total = items.stream().mapToLong(Item::length).sum();

    Vertx vertx = Vertx.vertx();
    InstanceStore store = await(InstanceStore.open(vertx, CacheSettings.of(work.resolve("store"), 2L << 30)));
    long t0 = System.nanoTime();
    for (Item i : items) {
      InstanceStream s = await(store.instance(i.key(),
          () -> vertx.fileSystem().open(i.file().toString(), new OpenOptions().setRead(true)).map(f -> f)));
      await(drain(s));
    }
    double ingest = (System.nanoTime() - t0) / 1e9;

    HttpServer cache = await(vertx.createHttpServer().requestHandler(req -> multipart(store, items, req))
        .listen(0, "127.0.0.1"));
    HttpServer plain = await(vertx.createHttpServer().requestHandler(req -> {
      Path p = files.resolve(req.path().substring(1)).normalize();
      if (!p.startsWith(files)) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("Content-Type", "application/dicom").sendFile(p.toString());
      }
    }).listen(0, "127.0.0.1"));
    Process python = startPython(files);

    String multipartUrl = "http://127.0.0.1:" + cache.actualPort() + "/studies/" + STUDY;
    List<String> plainUrls = urls("http://127.0.0.1:" + plain.actualPort(), files, items);
    check(curl(List.of(multipartUrl)), "multipart", multipartLength(items));
    check(curl(plainUrls), "sendFile", total);
    List<String> pythonUrls = null;
    if (python != null) {
      pythonUrls = urls("http://127.0.0.1:" + pythonPort, files, items);
      check(curl(pythonUrls), "python", total);
    }

    HeapSampler heap = new HeapSampler();
    List<Run> cacheRuns = new ArrayList<>();
    List<Run> plainRuns = new ArrayList<>();
    List<Run> pythonRuns = new ArrayList<>();
    long heapStatic = 0;
    long heapCache = 0;
    for (int r = 0; r < runs; r++) {
      heap.reset();
      plainRuns.add(timed("sendFile", plainUrls, total));
      heapStatic = Math.max(heapStatic, heap.peak());
      heap.reset();
      cacheRuns.add(timed("multipart", List.of(multipartUrl), multipartLength(items)));
      heapCache = Math.max(heapCache, heap.peak());
      if (pythonUrls != null) {
        pythonRuns.add(timed("python", pythonUrls, total));
      }
    }
    heap.stop();

    double mCache = median(cacheRuns);
    double mPlain = median(plainRuns);
    double mPython = pythonRuns.isEmpty() ? Double.NaN : median(pythonRuns);
    System.out.println(machine(work));
    System.out.printf(Locale.ROOT, "study: %d instances, %.1f MB of Part 10 files; stored through the cache in %.2f s (%.0f MB/s, fsync per instance)%n",
        items.size(), total / 1e6, ingest, total / 1e6 / ingest);
    System.out.printf(Locale.ROOT, "client: curl on 127.0.0.1, one connection; %d runs each, alternating, after one warm-up%n%n", runs);
    System.out.println("| server | what is fetched | median MB/s | runs (MB/s) | cache / this | peak heap while serving |");
    System.out.println("|---|---|---:|---|---:|---:|");
    row("cache: InstanceStore → multipart/related", "1 GET of the study", cacheRuns, mCache, heapCache);
    row("Vert.x sendFile (static, zero-copy)", "100 GETs of the .dcm files", plainRuns, mCache, heapStatic);
    if (!pythonRuns.isEmpty()) {
      row("python3 -m http.server (static)", "100 GETs of the .dcm files", pythonRuns, mCache, -1);
    }
    System.out.printf(Locale.ROOT, "%nratio cache/sendFile = %.2f, cache/python = %.2f (target ≥ 0.80 against each);"
        + " max heap %d MiB%n", mCache / mPlain, mCache / mPython, Runtime.getRuntime().maxMemory() >> 20);

    if (python != null) {
      python.destroy();
      python.waitFor(10, TimeUnit.SECONDS);
    }
    await(store.close());
    await(vertx.close());
    deleteTree(work);
  }

  /**
   * One multipart/related response (PS3.18 §8.7.1) with every instance of the study, read from the store
   * ({@link InstanceStream#sendTo(HttpServerRequest)}: file regions, zero-copy on HTTP/1.1); the next instance is
   * opened while the current one is sent.
   */
  static void multipart(InstanceStore store, List<Item> items, HttpServerRequest req) {
    HttpServerResponse res = req.response();
    String boundary = "xcai-bench-boundary";
    res.putHeader("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
    res.putHeader("Content-Length", Long.toString(multipartLength(items)));
    Iterator<Item> it = items.iterator();
    List<Future<Optional<InstanceStream>>> upcoming = new ArrayList<>();
    upcoming.add(store.get(it.next().key()));
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      if (upcoming.isEmpty()) {
        res.end("--" + boundary + "--\r\n");
        return;
      }
      Future<Optional<InstanceStream>> current = upcoming.remove(0);
      if (it.hasNext()) {
        upcoming.add(store.get(it.next().key()));
      }
      current.onComplete(ar -> {
        if (ar.failed() || ar.result().isEmpty()) {
          abandon(upcoming, res);
          return;
        }
        InstanceStream s = ar.result().get();
        res.write(partHeader(boundary, s.length()));
        s.sendTo(req).onComplete(done -> {
          if (done.failed()) {
            abandon(upcoming, res);
          } else {
            res.write("\r\n");
            next[0].run();
          }
        });
      });
    };
    next[0].run();
  }

  private static void abandon(List<Future<Optional<InstanceStream>>> upcoming, HttpServerResponse res) {
    upcoming.forEach(f -> f.onSuccess(o -> o.ifPresent(InstanceStream::close)));
    res.reset();
  }

  static String partHeader(String boundary, long length) {
    return "--" + boundary + "\r\nContent-Type: application/dicom\r\nContent-Length: " + length + "\r\n\r\n";
  }

  static long multipartLength(List<Item> items) {
    String boundary = "xcai-bench-boundary";
    long n = ("--" + boundary + "--\r\n").length();
    for (Item i : items) {
      n += partHeader(boundary, i.length()).length() + i.length() + 2;
    }
    return n;
  }

  /** Writes the study's Part 10 files: header by DicomWriter, then 5 MiB of 8-bit pixels made up on the fly. */
  static List<Item> generate(Path dir) throws IOException {
    List<Item> items = new ArrayList<>();
    byte[] chunk = new byte[1 << 20];
    for (int s = 1; s <= SERIES; s++) {
      for (int n = 1; n <= PER_SERIES; n++) {
        InstanceKey key = new InstanceKey(STUDY, STUDY + "." + s, STUDY + "." + s + "." + n);
        Dataset d = new Dataset();
        d.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7.2");
        d.putString(Tag.SOPInstanceUID, VR.UI, key.sopInstanceUid());
        d.putString(Tag.StudyInstanceUID, VR.UI, key.studyInstanceUid());
        d.putString(Tag.SeriesInstanceUID, VR.UI, key.seriesInstanceUid());
        d.putString(Tag.Modality, VR.CS, "OT");
        d.putInt(Tag.SamplesPerPixel, VR.US, 1);
        d.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.putString(Tag.NumberOfFrames, VR.IS, Integer.toString(FRAMES));
        d.putInt(Tag.Rows, VR.US, ROWS);
        d.putInt(Tag.Columns, VR.US, COLUMNS);
        d.putInt(Tag.BitsAllocated, VR.US, 8);
        d.putInt(Tag.BitsStored, VR.US, 8);
        d.putInt(0x00280102, VR.US, 7);
        d.putInt(Tag.PixelRepresentation, VR.US, 0);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DicomWriter.writeFile(header, d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        long pixels = (long) ROWS * COLUMNS * FRAMES;
        Path file = dir.resolve(s + "-" + n + ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
          header.writeTo(out);
          out.write(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0,
              (byte) pixels, (byte) (pixels >>> 8), (byte) (pixels >>> 16), (byte) (pixels >>> 24)});
          long seed = key.hashCode();
          for (long p = 0; p < pixels; p += chunk.length) {
            for (int k = 0; k < chunk.length; k++) {
              seed = seed * 6364136223846793005L + 1442695040888963407L;
              chunk[k] = (byte) (seed >>> 56);
            }
            out.write(chunk, 0, (int) Math.min(chunk.length, pixels - p));
          }
        }
        items.add(new Item(key, file, Files.size(file)));
      }
    }
    return items;
  }

  static Run timed(String what, List<String> urls, long expected) throws IOException, InterruptedException {
    long t = System.nanoTime();
    long bytes = curl(urls);
    double seconds = (System.nanoTime() - t) / 1e9;
    check(bytes, what, expected);
    return new Run(what, bytes, seconds);
  }

  /** Fetches the URLs with one curl (one connection, kept alive) into /dev/null; returns the bytes received. */
  static long curl(List<String> urls) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--fail", "-w", "%{size_download}\\n"));
    for (String u : urls) {
      cmd.add("-o");
      cmd.add("/dev/null");
      cmd.add(u);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (p.waitFor() != 0) {
      throw new IOException("curl failed: " + out);
    }
    return out.lines().mapToLong(Long::parseLong).sum();
  }

  static void check(long bytes, String what, long expected) {
    if (bytes != expected) {
      throw new IllegalStateException(what + ": received " + bytes + " bytes, expected " + expected);
    }
  }

  static List<String> urls(String base, Path files, List<Item> items) {
    return items.stream().map(i -> base + "/" + files.relativize(i.file())).toList();
  }

  static int pythonPort;

  static Process startPython(Path files) throws IOException, InterruptedException {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      return null;
    }
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      pythonPort = s.getLocalPort();
    }
    Process p = new ProcessBuilder(python.toString(), "-m", "http.server", "--bind", "127.0.0.1", Integer.toString(pythonPort))
        .directory(files.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), pythonPort)) {
        return p;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroy();
    return null;
  }

  static double median(List<Run> runs) {
    double[] v = runs.stream().mapToDouble(Run::mbPerSecond).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** A table row; the ratio column is the cache's median over this server's. */
  static void row(String server, String what, List<Run> runs, double cache, long heap) {
    double m = median(runs);
    StringBuilder all = new StringBuilder();
    for (Run r : runs) {
      all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", r.mbPerSecond()));
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %s | %.2f | %s |%n", server, what, m, all, cache / m,
        heap < 0 ? "(other process)" : (heap >> 20) + " MiB");
  }

  static String machine(Path work) throws IOException {
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    long mem = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return String.format(Locale.ROOT, "machine: %s, %d cores, %d GiB RAM; %s %s; Java %s (%s); data on %s (%s);"
        + " load average at the end %.2f (other work on the machine skews single runs: compare medians)",
        cpu, Runtime.getRuntime().availableProcessors(), mem >> 30, System.getProperty("os.name"),
        System.getProperty("os.version"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
        work, Files.getFileStore(work).type(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Samples this JVM's used heap every 20 ms. */
  static final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    HeapSampler() {
      Thread t = new Thread(() -> {
        while (running.get()) {
          peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    void reset() {
      System.gc();
      peak.set(0);
    }

    long peak() {
      return peak.get();
    }

    void stop() {
      running.set(false);
    }
  }

  static Future<Void> drain(InstanceStream s) {
    Promise<Void> p = Promise.promise();
    s.exceptionHandler(p::tryFail);
    s.endHandler(v -> p.tryComplete());
    s.handler(b -> { });
    return p.future();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

}
