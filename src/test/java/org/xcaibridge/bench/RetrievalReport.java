package org.xcaibridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xcaibridge.bench.BridgeRetrievalBench.Timing;

/** What {@link BridgeRetrievalBench} prints at its end: the table of medians, the two ratios and what bounds them. */
final class RetrievalReport {
  private RetrievalReport() {}

  static Timing median(List<Timing> runs) {
    List<Timing> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Timing::seconds));
    return sorted.get(sorted.size() / 2);
  }

  static void print(int mib, BenchStudy study, List<Timing> direct, List<Timing> relayed, List<Timing> teed,
      List<Timing> cold, List<Timing> warm, List<Timing> orthanc) {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MiB%n", rt.availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
        rt.maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "study: CT, %d series, %d instances, about %d MiB, Explicit VR Little Endian; %d"
        + " runs, medians; load average now %s%n", study.series().size(), study.instanceCount(), mib, direct.size(),
        loadAverage());
    System.out.printf(Locale.ROOT, "%-52s %9s %12s %9s %10s %8s %8s %8s %8s %8s%n", "", "seconds", "bytes", "MB/s",
        "1st byte", "mid CPU", "mid JIT", "resp CPU", "resp JIT", "curl CPU");
    line("RAD-75 MTOM answer, curl from the responder", median(direct));
    line("bare Vert.x relay of that answer (floor, see BareRelay)", median(relayed));
    line("tee relay: socket, file, socket (floor, see TeeRelay)", median(teed));
    line("bridge WADO-RS, cold (empty cache)", median(cold));
    line("bridge WADO-RS, warm (from the cache)", median(warm));
    if (!orthanc.isEmpty()) {
      line("Orthanc WADO-RS (same study, same Accept)", median(orthanc));
    }
    System.out.println("mid CPU: CPU seconds the bridge's JVM (the relay's on the relay line) used during the download,"
        + " mid JIT the part of it its JIT compiler threads used; resp: the same for the responder's JVM; curl CPU:"
        + " what curl itself used (to 1/100 s)");
    double coldRatio = median(direct).seconds() / median(cold).seconds();
    System.out.printf(Locale.ROOT, "cold bridge / direct RAD-75 download: %.2f× (target ≥ 0.8×)%n", coldRatio);
    roundByRound(direct, cold);
    System.out.printf(Locale.ROOT, "  for scale: bare relay / direct %.2f×, cold bridge / bare relay %.2f×%n",
        median(direct).seconds() / median(relayed).seconds(), median(relayed).seconds() / median(cold).seconds());
    System.out.printf(Locale.ROOT, "  the machine's room: tee relay / direct %.2f× (a caching relay's least work),"
        + " cold bridge / tee relay %.2f×%n", median(direct).seconds() / median(teed).seconds(),
        median(teed).seconds() / median(cold).seconds());
    // all of it shares this machine's cores: the CPU the bridge and the responder used bounds the cold round's time
    Timing c = median(cold);
    int cores = rt.availableProcessors();
    double used = c.jvmCpuSeconds() + c.responderCpuSeconds() + Math.max(0, c.curlCpuSeconds());
    System.out.printf(Locale.ROOT, "  CPU bound: the median cold round's bridge, responder and curl used %.2f CPU-s, at"
        + " least %.3f s on %d cores; the 0.8× target would need the round within %.3f s%n", used, used / cores, cores,
        median(direct).seconds() / 0.8);
    // measured from before curl starts to after it ends: its start (a few ms, mostly idle) adds a few percent
    if (c.idleShare() >= 0 && median(direct).idleShare() >= 0) {
      System.out.printf(Locale.ROOT, "  idle: the cores were idle %.0f %% of the time in the median cold round, %.0f %%"
          + " in the median direct download (see IdleCores)%n", 100 * c.idleShare(), 100 * median(direct).idleShare());
      bridgeBudget(c, median(direct), median(teed), cores);
    }
    if (!orthanc.isEmpty()) {
      double warmRatio = median(orthanc).seconds() / median(warm).seconds();
      System.out.printf(Locale.ROOT, "warm bridge / Orthanc WADO-RS: %.2f× (target ≥ 1.5×)%n", warmRatio);
    } else {
      System.out.println(Boolean.getBoolean("bench.noOrthanc") ? "Orthanc left out (-Dbench.noOrthanc=true): warm "
          + "ratio not measured"
          : "Orthanc (Debian orthanc, orthanc-dicomweb) is not installed: warm ratio not measured");
    }
  }

  /**
   * What the bridge may spend for the 0.8× target, all else as in the median cold round: the cores' busy time is the
   * CPU the three processes used (and whatever else ran), so a round lasts about (bridge + responder + curl CPU) /
   * (cores × (1 − idle share)), and the target leaves the bridge 1.25 × direct seconds × cores × (1 − idle) less the
   * responder's and curl's CPU, if the idle share stayed as it was. That accounting, done for the round as measured,
   * is printed beside its time: the gap is what else ran and the CPU columns' 10 ms ticks.
   */
  private static void bridgeBudget(Timing c, Timing direct, Timing tee, int cores) {
    double others = c.responderCpuSeconds() + Math.max(0, c.curlCpuSeconds());
    double busy = cores * (1 - c.idleShare());
    System.out.printf(Locale.ROOT, "  bridge budget: with that idle share and the responder's and curl's CPU, 0.8×"
        + " leaves the bridge %.2f CPU-s a cold round; it used %.2f (the tee relay %.2f); check: the three's CPU over"
        + " the busy cores gives the round %.3f s, measured %.3f s%n", direct.seconds() / 0.8 * busy - others,
        c.jvmCpuSeconds(), tee.jvmCpuSeconds(), (c.jvmCpuSeconds() + others) / busy, c.seconds());
  }

  /**
   * The same ratio round by round: each round's direct download and cold retrieval ran seconds apart, on the machine as
   * it was then, so their spread shows how far one run's medians can be trusted.
   */
  private static void roundByRound(List<Timing> direct, List<Timing> cold) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < Math.min(direct.size(), cold.size()); i++) {
      ratios.add(direct.get(i).seconds() / cold.get(i).seconds());
    }
    ratios.sort(null);
    long met = ratios.stream().filter(r -> r >= 0.8).count();
    System.out.printf(Locale.ROOT, "  round by round: %.2f× to %.2f×, median %.2f×; %d of %d rounds at 0.8× or more%n",
        ratios.get(0), ratios.get(ratios.size() - 1), ratios.get(ratios.size() / 2), met, ratios.size());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void line(String what, Timing t) {
    System.out.printf(Locale.ROOT, "%-52s %9.3f %12d %9.1f %10.3f %8.2f %8.2f %8.2f %8.2f %8.2f%n", what, t.seconds(),
        t.bytes(), t.bytes() / 1e6 / t.seconds(), t.firstByte(), t.jvmCpuSeconds(), t.jitCpuSeconds(),
        t.responderCpuSeconds(), t.responderJitSeconds(), t.curlCpuSeconds());
  }
}
