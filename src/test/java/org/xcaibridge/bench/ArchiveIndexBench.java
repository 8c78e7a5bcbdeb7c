package org.xcaibridge.bench;

import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xcaibridge.dicom.DataElement;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;

/**
 * The folder-archive index benchmark ({@code bench/archive-index.sh}): writes a folder of small synthetic Part 10
 * files (extension-less, patient/study/series folders; 16×16 images so that the files, not the pixels, are
 * measured), then starts a {@link FolderArchive} on it cold (no stored index: every header is read) and warm
 * (the stored index is served at once, then verified: every file listed and compared by size and modification
 * time), three times each after one uncounted round (JIT warm-up). Prints the medians, their ratios to cold
 * (target: warm under 10%), the load average and the machine. The files are in the page cache throughout (they
 * were just written), which makes the cold read as cheap as it gets: the ratios are of work done, not disk reads.
 */
public final class ArchiveIndexBench {
  private ArchiveIndexBench() {}

  static final int RUNS = 3;
  private static final ManifestSettings MANIFESTS = new ManifestSettings("1.3.6.1.4.1.21367.13.80.110", "XCAI_BENCH");

  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Files.createTempDirectory("xcai-archive-bench-");
    Vertx vertx = Vertx.vertx();
    try {
      Path folder = dir.resolve("images");
      long t0 = System.nanoTime();
      long bytes = write(folder, instances);
      System.out.printf("wrote %,d files (%,.1f MiB) in %,d ms under %s%n", instances, bytes / 1048576.0,
          ms(System.nanoTime() - t0), folder);
      List<Long> cold = new ArrayList<>();
      List<Long> ready = new ArrayList<>();
      List<Long> verified = new ArrayList<>();
      // one round not counted: the JIT compiles the reader and scanner during it
      Path w = dir.resolve("var-w");
      System.out.printf("warm-up (not counted): cold %d ms, warm %s ms%n", start(vertx, folder, w, instances, true)[0],
          java.util.Arrays.toString(start(vertx, folder, w, instances, false)));
      for (int i = 0; i < RUNS; i++) {
        Path work = dir.resolve("var-" + i);
        cold.add(start(vertx, folder, work, instances, true)[0]);
        long[] warm = start(vertx, folder, work, instances, false);
        ready.add(warm[0]);
        verified.add(warm[1]);
      }
      long coldMs = median(cold);
      System.out.println();
      System.out.printf("%-50s %9s  %s%n", "start of the folder archive (" + instances + " files)", "median ms",
          "runs (ms)");
      System.out.printf("%-50s %9d  %s%n", "cold: no stored index, every header read", coldMs, cold);
      System.out.printf("%-50s %9d  %s  %.1f%% of cold (target: under 10%%)%n",
          "warm: serving from the stored index", median(ready), ready, 100.0 * median(ready) / coldMs);
      System.out.printf("%-50s %9d  %s  %.1f%% of cold%n", "warm: verified, every file listed and compared",
          median(verified), verified, 100.0 * median(verified) / coldMs);
      System.out.println();
      machine();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * Starts an archive, checks what it read, closes it; returns the wall times in ms until it served and until its
   * index was verified against the folder (the same for a cold start).
   */
  private static long[] start(Vertx vertx, Path folder, Path work, int instances, boolean cold) throws Exception {
    long t0 = System.nanoTime();
    FolderArchive a = FolderArchive.start(vertx, new FolderArchive.Options(folder, work, MANIFESTS, Duration.ZERO))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    long ready = System.nanoTime() - t0;
    FolderArchive.ScanReport r = a.verified().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
    long verified = System.nanoTime() - t0;
    if (r.instances() != instances || r.filesRead() != (cold ? instances : 0) || !r.verified()) {
      throw new IllegalStateException("unexpected " + (cold ? "cold" : "warm") + " start: " + r);
    }
    a.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new long[] {ms(ready), ms(verified)};
  }

  /** 20 patients × 5 studies × 4 series × (instances / 400) images, as extension-less files. */
  public static long write(Path folder, int instances) throws IOException {
    SyntheticStudies gen = new SyntheticStudies(new Random(42), Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
    int perSeries = Math.max(1, instances / 400);
    long bytes = 0;
    int written = 0;
    byte[] pixels = new byte[16 * 16 * 2];
    for (int p = 0; p < 20 && written < instances; p++) {
      SyntheticStudies.Patient patient = gen.patient();
      for (int st = 0; st < 5 && written < instances; st++) {
        String studyUid = gen.uid();
        for (int se = 0; se < 4 && written < instances; se++) {
          String seriesUid = gen.uid();
          Path dir = folder.resolve(patient.id()).resolve("ST" + st).resolve("SE" + se);
          Files.createDirectories(dir);
          int n = p == 19 && st == 4 && se == 3 ? instances - written : Math.min(perSeries, instances - written);
          for (int i = 0; i < n; i++) {
            Dataset ds = new Dataset();
            ds.putString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
            ds.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
            ds.putString(Tag.SOPInstanceUID, VR.UI, gen.uid());
            ds.putString(Tag.StudyDate, VR.DA, "2024050" + (1 + st));
            ds.putString(Tag.StudyTime, VR.TM, "120000");
            ds.putString(Tag.AccessionNumber, VR.SH, "A" + p + "-" + st);
            ds.putString(Tag.Modality, VR.CS, "CT");
            ds.putString(Tag.PatientName, VR.PN, patient.name());
            ds.putString(Tag.PatientID, VR.LO, patient.id());
            ds.putString(0x00100030, VR.DA, patient.birthDate().toString().replace("-", ""));
            ds.putString(0x00100040, VR.CS, patient.sex());
            ds.putString(Tag.StudyInstanceUID, VR.UI, studyUid);
            ds.putString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
            ds.putInt(0x00200011, VR.IS, se + 1);
            ds.putInt(0x00200013, VR.IS, i + 1);
            ds.putInt(Tag.SamplesPerPixel, VR.US, 1);
            ds.putString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            ds.putInt(Tag.Rows, VR.US, 16);
            ds.putInt(Tag.Columns, VR.US, 16);
            ds.putInt(Tag.BitsAllocated, VR.US, 16);
            ds.putInt(Tag.BitsStored, VR.US, 12);
            ds.putInt(Tag.PixelRepresentation, VR.US, 0);
            ds.put(new DataElement.Value(Tag.PixelData, VR.OW, pixels));
            Path f = dir.resolve(String.format("IM%05d", i + 1));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(f), 8192)) {
              DicomWriter.writeFile(out, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            }
            bytes += Files.size(f);
            written++;
          }
        }
      }
    }
    return bytes;
  }

  private static void machine() throws IOException {
    String cpu = "unknown CPU";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    }
    String load = Files.isReadable(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "?";
    System.out.printf("load average (1, 5, 15 min, runnable/threads, last pid): %s%n", load);
    System.out.printf("machine: %s, %d cores available, %s %s, Java %s (%s), max heap %d MiB%n", cpu,
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("java.version"), System.getProperty("java.vm.name"),
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20);
  }

  private static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
