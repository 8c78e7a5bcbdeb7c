package org.xcaibridge.soap;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (run by {@code bench/mtom-streaming.sh}, not by surefire): an MTOM body of 4 generated attachments,
 * 1 GiB in total by default, through {@link MtomStreamingRun} (writer → pipe → reader → hashing sinks), and a
 * plain SOAP body with the same 4 documents as inline base64 (1.33 GiB of text) through
 * {@link InlineStreamingRun}, against a baseline that generates and hashes the same bytes with no SOAP in
 * between. Prints time and the growth of the live heap (sampled after a forced GC every 500 ms) for each,
 * checks every SHA-256, and exits 1 if a digest differs or either run's heap growth reaches 32 MiB.
 */
public final class MtomStreamingBench {
  private static final long LIMIT = 32L << 20;

  private MtomStreamingBench() {}

  /** Elapsed time and peak live-heap growth of one measured run. */
  private record Measure(double seconds, long heapGrowth) {}

  public static void main(String[] args) throws Exception {
    long totalMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    long perAttachment = (totalMiB << 20) / 4;
    printMachine();
    try (MtomVertxSupport vx = new MtomVertxSupport()) {
      MtomStreamingRun.run(vx, 4, 4L << 20, 1); // warm-up, not measured
      InlineStreamingRun.run(vx, 4, 4L << 20, 1);
      baseline(vx, 4L << 20);

      Measure base = measure(() -> {
        baseline(vx, perAttachment);
        return null;
      });
      MtomStreamingRun.Result[] result = new MtomStreamingRun.Result[1];
      Measure mtom = measure(() -> {
        result[0] = MtomStreamingRun.run(vx, 4, perAttachment, 2024);
        return null;
      });

      MtomStreamingRun.Result[] inlineResult = new MtomStreamingRun.Result[1];
      Measure inline = measure(() -> {
        inlineResult[0] = InlineStreamingRun.run(vx, 4, perAttachment, 2024);
        return null;
      });

      MtomStreamingRun.Result r = result[0];
      MtomStreamingRun.Result in = inlineResult[0];
      boolean hashesEqual = r.sinkSha256().equals(r.sourceSha256()) && in.sinkSha256().equals(in.sourceSha256());
      double mib = (4 * perAttachment) / (double) (1 << 20);
      System.out.printf(Locale.ROOT, "%n%-38s %10s %9s %9s %18s%n", "run", "MiB", "seconds", "MiB/s", "live heap growth");
      row("baseline: generate + SHA-256", mib, base);
      row("MTOM write → pipe → read → SHA-256", mib, mtom);
      row("inline base64 body → read → SHA-256", mib, inline);
      System.out.printf(Locale.ROOT, "%nratio MTOM/baseline: time %.2f, heap growth %+.1f MiB%n",
          mtom.seconds() / base.seconds(), (mtom.heapGrowth() - base.heapGrowth()) / 1048576.0);
      System.out.printf(Locale.ROOT, "ratio inline/baseline: time %.2f, heap growth %+.1f MiB%n",
          inline.seconds() / base.seconds(), (inline.heapGrowth() - base.heapGrowth()) / 1048576.0);
      System.out.printf(Locale.ROOT, "MTOM body bytes %d, pipe peak queue %d bytes, sink writes while full %d%n",
          r.bodyBytes(), r.peakPipeQueue(), r.sinkWritesWhileFull());
      System.out.printf(Locale.ROOT, "inline base64 body bytes %d (root part limit 64 KiB), sink writes while full %d%n",
          in.bodyBytes(), in.sinkWritesWhileFull());
      for (MtomStreamingRun.Result x : List.of(r, in)) {
        for (int i = 0; i < x.sinkSha256().size(); i++) {
          System.out.printf("  %s  sha256 source %s  sink %s%n", x.contentIds().get(i), x.sourceSha256().get(i),
              x.sinkSha256().get(i));
        }
      }
      boolean heapOk = mtom.heapGrowth() < LIMIT && inline.heapGrowth() < LIMIT;
      System.out.printf("every SHA-256 equal: %s; heap growth < 32 MiB (MTOM and inline): %s%n",
          hashesEqual ? "yes" : "NO", heapOk ? "yes" : "NO");
      if (!hashesEqual || !heapOk) {
        System.exit(1);
      }
    }
  }

  private static void baseline(MtomVertxSupport vx, long perAttachment) throws Exception {
    for (int i = 0; i < 4; i++) {
      MtomTestStreams.GeneratedBytes g = new MtomTestStreams.GeneratedBytes(perAttachment, 2024 + i,
          MtomStreamingRun.CHUNK);
      MtomTestStreams.HashingSink sink = new MtomTestStreams.HashingSink(vx.context, 7);
      vx.await(() -> new MtomTestStreams.Source(vx.context, g).pipeTo(sink));
    }
  }

  private static Measure measure(Callable<Void> run) throws Exception {
    long before = liveHeap();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        peak.accumulateAndGet(liveHeap(), Math::max);
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    long start = System.nanoTime();
    sampler.start();
    run.call();
    double seconds = (System.nanoTime() - start) / 1e9;
    running.set(false);
    sampler.interrupt();
    sampler.join();
    return new Measure(seconds, peak.get() - before);
  }

  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void row(String name, double mib, Measure m) {
    System.out.printf(Locale.ROOT, "%-38s %10.0f %9.2f %9.1f %14.1f MiB%n", name, mib, m.seconds(), mib / m.seconds(),
        m.heapGrowth() / 1048576.0);
  }

  private static void printMachine() throws Exception {
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      List<String> lines = Files.readAllLines(info);
      cpu = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    System.out.printf("machine: %s, %d cores available, %s %s; Java %s; max heap %d MiB; load average %.2f%n", cpu,
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
