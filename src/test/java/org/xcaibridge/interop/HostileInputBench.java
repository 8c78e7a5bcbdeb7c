package org.xcaibridge.interop;

import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.xcaibridge.soap.MtomLimits;

/**
 * Benchmark (run by {@code bench/hostile-input.sh}, not by surefire): how long our Vert.x endpoint takes to
 * refuse hostile requests, measured at the client from sending to having read the whole SOAP fault, over
 * HTTP/1.1 keep-alive on loopback. The baseline is a well-formed RAD-75 request answered in the same run.
 * Exits 1 if the billion-laughs refusal's 99th percentile reaches 50 ms (issue 3).
 */
public final class HostileInputBench {
  private static final double BOUND_MS = 50;

  private HostileInputBench() {}

  private record Case(String name, String contentType, byte[] body, int status) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    printMachine();
    Vertx vertx = Vertx.vertx();
    RetrieveEndpoint endpoint = RetrieveEndpoint.start(vertx, new Documents(), MtomLimits.DEFAULT);
    try {
      String url = endpoint.url("/rad75");
      HostilePeer peer = new HostilePeer();
      byte[] valid = HostilePeer.rad75Envelope(url, UUID.randomUUID());
      List<Case> cases = List.of(
          new Case("baseline: valid RAD-75 request", HostilePeer.SOAP_TYPE, valid, 200),
          new Case("billion laughs (plain SOAP)", HostilePeer.SOAP_TYPE,
              PostedBillionLaughsIsRefusedTest.billionLaughs(), 400),
          new Case("billion laughs (MTOM root part)", HostilePeer.MTOM_TYPE,
              HostilePeer.mtom(PostedBillionLaughsIsRefusedTest.billionLaughs(), 1, HostilePeer::smallPart), 400),
          new Case("10,000-part MTOM body", HostilePeer.MTOM_TYPE,
              HostilePeer.mtom(valid, 9_999, HostilePeer::smallPart), 400));
      for (Case c : cases) {
        for (int i = 0; i < 50; i++) {
          time(peer, url, c); // warm-up
        }
      }
      System.out.printf(Locale.ROOT, "%n%-34s %7s %9s %9s %9s %9s%n", "request", "rounds", "p50 ms", "p99 ms",
          "max ms", "x base");
      double base = 0;
      double laughsP99 = 0;
      for (Case c : cases) {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
          ms[i] = time(peer, url, c);
        }
        Arrays.sort(ms);
        double p50 = ms[rounds / 2];
        double p99 = ms[(int) Math.ceil(rounds * 0.99) - 1];
        if (base == 0) {
          base = p50;
        }
        if (c.name().startsWith("billion laughs")) {
          laughsP99 = Math.max(laughsP99, p99);
        }
        System.out.printf(Locale.ROOT, "%-34s %7d %9.2f %9.2f %9.2f %9.2f%n", c.name(), rounds, p50, p99,
            ms[rounds - 1], p50 / base);
      }
      boolean ok = laughsP99 < BOUND_MS;
      System.out.printf(Locale.ROOT, "%nbillion-laughs refusal p99 %.2f ms < %.0f ms: %s%n", laughsP99, BOUND_MS,
          ok ? "yes" : "NO");
      if (!ok) {
        System.exit(1);
      }
    } finally {
      endpoint.close();
      Interop.await(vertx.close());
    }
  }

  private static double time(HostilePeer peer, String url, Case c) throws Exception {
    long start = System.nanoTime();
    HostilePeer.Answer answer = peer.post(url, c.contentType(), c.body());
    double ms = (System.nanoTime() - start) / 1e6;
    if (answer.status() != c.status()) {
      throw new IllegalStateException(c.name() + ": status " + answer.status() + ", expected " + c.status());
    }
    return ms;
  }

  private static void printMachine() throws Exception {
    String cpu = "unknown CPU";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      cpu = Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    }
    System.out.printf(Locale.ROOT, "machine: %s, %d cores available, %s %s; Java %s; load average %.2f%n", cpu,
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
