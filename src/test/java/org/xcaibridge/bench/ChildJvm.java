package org.xcaibridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A side of a benchmark in a JVM of its own (the responding gateway, the bare relay): in production they never share
 * a JVM with the bridge, and in one JVM their code's type profiles mix with the bridge's in the Netty and Vert.x code
 * all of them run, so the JIT keeps deoptimising and recompiling through the timed rounds. The child prints one line
 * {@code listening URL} once it serves, and stops when its standard input closes; its other output goes to a log.
 * Its CPU is read from /proc, so that each side's share is reported apart.
 */
final class ChildJvm implements AutoCloseable {
  private static final String READY = "listening ";
  private final Process process;
  private final String url;

  private ChildJvm(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts {@code main} with this JVM's class path and a 256 MiB heap; waits (up to a minute: then it is killed) until
   * it listens. Its standard error goes to {@code log}, its standard output after the ready line to {@code log}.stdout
   * (drained all along: its logger writes there, and an undrained pipe would stop it once full).
   */
  static ChildJvm start(Path log, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(1, TimeUnit.MINUTES).execute(() -> {
      if (!ready.isDone()) {
        p.destroyForcibly(); // its output ends, and the wait below with it
      }
    });
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith(READY)) {
      // what it prints before it listens (its logger) is dropped
    }
    if (line == null) {
      p.destroyForcibly();
      throw new IOException(main.getSimpleName() + " did not start (it exited, or took over a minute), see " + log);
    }
    ready.complete(null);
    Path rest = log.resolveSibling(log.getFileName() + ".stdout");
    Thread drain = new Thread(() -> {
      try (Writer to = Files.newBufferedWriter(rest, StandardCharsets.UTF_8)) {
        out.transferTo(to);
      } catch (IOException ignored) {
        // the child is gone
      }
    }, "drain " + main.getSimpleName());
    drain.setDaemon(true);
    drain.start();
    return new ChildJvm(p, line.substring(READY.length()).trim());
  }

  /** Called by a child once it serves at {@code url}; returns when the parent closes the child's standard input. */
  static void serveUntilParentCloses(String url) throws IOException {
    System.out.println(READY + url);
    System.out.flush();
    while (System.in.read() >= 0) {
      // nothing is sent: end of input is the signal
    }
  }

  String url() {
    return url;
  }

  /** CPU seconds the child has used so far (user and system). */
  double cpuSeconds() {
    return taskTicks(Path.of("/proc", Long.toString(process.pid())), false) / 100.0;
  }

  /** CPU seconds the child's JIT compiler threads have used so far; -1 where /proc does not tell. */
  double jitSeconds() {
    long t = taskTicks(Path.of("/proc", Long.toString(process.pid())), true);
    return t < 0 ? -1 : t / 100.0;
  }

  /**
   * Clock ticks (1/100 s) of user and system time of the threads of the process at {@code proc}, of its JIT compiler
   * threads (C1, C2) alone when {@code jitOnly}; -1 where /proc does not tell. JIT threads are not Java threads, so
   * the management beans do not see them.
   */
  static long taskTicks(Path proc, boolean jitOnly) {
    if (!jitOnly) {
      return fields(proc.resolve("stat"));
    }
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      long sum = 0;
      for (Path t : tasks.toList()) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          sum += Math.max(0, fields(t.resolve("stat")));
        }
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU seconds (user and system) of the children of this JVM that have ended and been waited for, such as a curl
   * run to its end (the kernel adds them to the parent's cutime and cstime); -1 where /proc does not tell.
   */
  static double endedChildrenCpuSeconds() {
    long t = fields(Path.of("/proc/self/stat"), 13);
    return t < 0 ? -1 : t / 100.0;
  }

  /** utime + stime of one /proc stat file, in ticks; -1 if unreadable. */
  private static long fields(Path stat) {
    return fields(stat, 11);
  }

  /** Two adjacent tick counts of a /proc stat file, from {@code at} (counted after the command's name); -1 if not. */
  private static long fields(Path stat, int at) {
    try {
      String s = Files.readString(stat);
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[at]) + Long.parseLong(f[at + 1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      process.destroyForcibly();
    }
  }
}
