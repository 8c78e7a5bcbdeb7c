package org.xcaibridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine's cores sat idle over a stretch of time: the second field of /proc/uptime is the idle time
 * summed over all cores, kept by the kernel as it happens and read in hundredths of a second. Over a download of about
 * 0.3 s on two cores that reading is good to a couple of percent, enough to tell a download that leaves a core
 * half idle (one process streaming) from one that keeps both busy (three sharing two cores).
 */
final class IdleCores {
  private final long startNanos;
  private final double startIdle;

  private IdleCores(long startNanos, double startIdle) {
    this.startNanos = startNanos;
    this.startIdle = startIdle;
  }

  /** Starts a stretch now. */
  static IdleCores start() {
    return new IdleCores(System.nanoTime(), idleSeconds());
  }

  /** The share (0 to 1) of all cores' time since {@link #start} that was idle; -1 where /proc does not tell. */
  double share() {
    double idle = idleSeconds();
    double wall = (System.nanoTime() - startNanos) / 1e9;
    if (idle < 0 || startIdle < 0 || wall <= 0) {
      return -1;
    }
    return Math.min(1, Math.max(0, (idle - startIdle) / (wall * Runtime.getRuntime().availableProcessors())));
  }

  private static double idleSeconds() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split(" ")[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
