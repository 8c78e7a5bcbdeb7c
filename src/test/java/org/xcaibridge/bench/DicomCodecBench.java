package org.xcaibridge.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xcaibridge.dicom.BulkDataUriBuilder;
import org.xcaibridge.dicom.Dataset;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomJsonOptions;
import org.xcaibridge.dicom.DicomJsonWriter;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.DicomWriter;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;
import org.xcaibridge.dicom.VR;

/**
 * The DICOM codec benchmark ({@code bench/dicom-codec.sh}): header parse + DICOM JSON per instance for a
 * 512×512 CT slice and a 1,000-frame ultrasound cine, ours against dcm2json on the same files in the same
 * run (medians of several runs), then the heap of a child JVM (-Xmx64m) streaming 2 GiB of instances
 * through {@code DicomStreamParser}. Prints a table and the machine it ran on.
 */
public final class DicomCodecBench {
  private DicomCodecBench() {}

  static final int CINE_FRAMES = 1000;
  static final long STREAM_BYTES = 2L << 30;
  static final long HEAP_LIMIT = 64L << 20;

  record Measure(String file, double sizeMb, String mode, double medianMs, int runs) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("xcai-bench-");
    try {
      run(dir);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static void run(Path dir) throws Exception {
    machine();
    System.out.println("generating the instances with SyntheticStudies (seed 1) in " + dir + " ...");
    SyntheticStudies gen = new SyntheticStudies(new Random(1), Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC));
    Path ct = write(dir.resolve("ct-512x512.dcm"), gen.ctChestAbdomen(gen.patient(), 1));
    Path cine = write(dir.resolve("us-1000-frames.dcm"), gen.usAbdomen(gen.patient(), CINE_FRAMES, 240, 320));
    Path tiny = dir.resolve("tiny.dcm");
    Files.write(tiny, tinyFile());

    List<Measure> rows = new ArrayList<>();
    for (Path f : List.of(ct, cine)) {
      boolean big = Files.size(f) > (8 << 20);
      rows.add(ours(f, false, big ? 200 : 2000));
      rows.add(ours(f, true, big ? 7 : 200));
      rows.add(dcm2json(f, big ? 5 : 15));
    }
    Measure startup = dcm2json(tiny, 15);

    System.out.println();
    System.out.printf("%-19s %8s  %-60s %10s %9s %13s %13s%n", "instance", "size MB", "what", "median ms", "MB/s",
        "dcm2json÷ours", "same, excl.");
    for (Measure m : rows) {
      Measure ref = rows.stream().filter(r -> r.file().equals(m.file()) && r.mode().startsWith("dcm2json")).findFirst().orElseThrow();
      String ratio = m == ref ? "1" : String.format("%.1f", ref.medianMs() / m.medianMs());
      double netMs = ref.medianMs() - startup.medianMs();
      // on a busy machine start-up can take longer than a whole small-file run: then there is nothing to compare
      String net = m == ref ? "1" : netMs <= 0 ? "n/a" : String.format("%.1f", netMs / m.medianMs());
      System.out.printf("%-19s %8.2f  %-60s %10.3f %9.1f %13s %13s%n", m.file(), m.sizeMb(), m.mode() + " (n=" + m.runs() + ")",
          m.medianMs(), m.sizeMb() / (m.medianMs() / 1000), ratio, net);
    }
    System.out.printf("dcm2json process start-up (a 1-element file, n=%d): median %.3f ms; 'excl.' subtracts it from dcm2json%n",
        startup.runs(), startup.medianMs());
    System.out.println("ours: warm JVM, in-process; 'metadata' seeks past Pixel Data and names it by BulkDataURI (what WADO-RS");
    System.out.println("metadata needs); 'inline' reads every byte and base64-encodes it, as dcm2json does. MB/s = file size / time.");
    System.out.println();
    heap(List.of(ct, cine));
  }

  static Path write(Path file, SyntheticStudies.Study study) throws IOException {
    SyntheticSeries s = study.series().get(0);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 18)) {
      SyntheticStudies.write(out, study, s, 0);
    }
    return file;
  }

  /** Header parse + DICOM JSON, repeated: warm-up, then {@code runs} timed runs, median. */
  static Measure ours(Path f, boolean inline, int runs) throws IOException {
    for (int i = 0; i < Math.max(3, runs / 2); i++) {
      oursOnce(f, inline);
    }
    long[] t = new long[runs];
    for (int i = 0; i < runs; i++) {
      long s = System.nanoTime();
      oursOnce(f, inline);
      t[i] = System.nanoTime() - s;
    }
    String mode = inline ? "ours inline: read all, InlineBinary" : "ours metadata: headers, Pixel Data by BulkDataURI";
    return new Measure(f.getFileName().toString(), Files.size(f) / 1e6, mode, median(t) / 1e6, runs);
  }

  static long oursOnce(Path f, boolean inline) throws IOException {
    ReadOptions read = inline ? ReadOptions.ALL : ReadOptions.HEADERS;
    DicomFile d;
    try (SeekableByteChannel ch = Files.newByteChannel(f)) {
      d = DicomReader.read(ch, read);
    }
    String base = f.toUri().toString();
    BulkDataUriBuilder uris = (element, path) -> base + "#" + path;
    DicomJsonOptions json = inline ? DicomJsonOptions.inline(uris) : DicomJsonOptions.metadata(1024, uris);
    CountingStream out = new CountingStream();
    new DicomJsonWriter(json).write(d.dataset(), out);
    if (out.count < 100) {
      throw new IllegalStateException("DICOM JSON of " + f + " is only " + out.count + " bytes");
    }
    return out.count;
  }

  static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** dcm2json as a new process per instance, its output discarded, as a user would run it. */
  static Measure dcm2json(Path f, int runs) throws IOException, InterruptedException {
    long[] t = new long[runs];
    for (int i = -1; i < runs; i++) {
      long s = System.nanoTime();
      Process p = new ProcessBuilder("dcm2json", f.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("dcm2json failed on " + f);
      }
      if (i >= 0) {
        t[i] = System.nanoTime() - s;
      }
    }
    return new Measure(f.getFileName().toString(), Files.size(f) / 1e6, "dcm2json: new process, InlineBinary", median(t) / 1e6, runs);
  }

  /** Streams 2 GiB through the parser in a child JVM with -Xmx64m and reports its heap. */
  static void heap(List<Path> files) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + (HEAP_LIMIT >> 20) + "m", "-cp", System.getProperty("java.class.path"),
        StreamingHeapProbe.class.getName(), Long.toString(STREAM_BYTES)));
    files.forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the streaming probe failed: " + out);
    }
    long bytes = field(out, "bytes");
    long peak = field(out, "peakHeapUsed");
    long afterFile = field(out, "maxUsedAfterFile");
    double seconds = Double.parseDouble(out.replaceAll(".*seconds=([0-9.]+).*", "$1"));
    System.out.printf("memory: streamed %.2f GiB (%d instances, %d MB of Pixel Data STREAMed, other values SKIPped) through "
            + "DicomStreamParser in a -Xmx%dm JVM in %.1f s (%.0f MB/s):%n", bytes / (double) (1L << 30), field(out, "files"),
        field(out, "streamed") / 1_000_000, HEAP_LIMIT >> 20, seconds, bytes / 1e6 / seconds);
    System.out.printf("        peak heap used %.1f MiB (sum of heap pool peaks), at most %.1f MiB after an instance — %s%n",
        peak / (double) (1 << 20), afterFile / (double) (1 << 20), peak < HEAP_LIMIT ? "under 64 MiB" : "OVER 64 MiB");
  }

  private static long field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new IllegalStateException("no " + name + " in: " + line);
  }

  static double median(long[] t) {
    long[] s = t.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }

  /** The smallest Part 10 file dcm2json accepts: meta and one element, to time its process start-up. */
  static byte[] tinyFile() {
    Dataset d = new Dataset();
    d.putString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
    d.putString(Tag.SOPInstanceUID, VR.UI, "2.25.1");
    return DicomWriter.toBytes(d, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
  }

  static void machine() throws IOException, InterruptedException {
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    Process p = new ProcessBuilder("dcm2json", "--version").redirectErrorStream(true).start();
    String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("?");
    p.waitFor();
    System.out.printf("machine: %d cores (%s), %s %s (%s), %s %s; dcm2json %s%n", Runtime.getRuntime().availableProcessors(),
        cpu, System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"), version.replace("$", "").trim());
  }
}
