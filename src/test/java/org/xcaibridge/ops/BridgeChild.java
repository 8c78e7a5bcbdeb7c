package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge as a child JVM: {@code Main} on the test class path with the product's logging, its output in a log
 * file the test reads to learn the ports. {@link #sigterm} is what Kubernetes sends ({@link Process#destroy}).
 */
final class BridgeChild implements AutoCloseable {
  static final Pattern FRONT = Pattern.compile("bridge front: (http://127\\.0\\.0\\.1:[0-9]+)/health");
  static final Pattern DICOMWEB = Pattern.compile("DICOMweb: (http://127\\.0\\.0\\.1:[0-9]+/\\S*) \\(");

  private final Process process;
  private final Path log;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private BridgeChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The child's heap and direct memory unless a test names its own JVM options. */
  static final List<String> MEMORY = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=128m");

  /** Starts {@code Main} with {@code args} in {@link #MEMORY}; none of the runner's {@code XCAI_} variables reach it. */
  static BridgeChild start(Path log, String... args) throws IOException {
    return start(log, MEMORY, args);
  }

  /** Starts {@code Main} with {@code args}, the JVM with {@code jvmOptions} (memory limits, GC log) instead of {@link #MEMORY}. */
  static BridgeChild start(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    // the product's logging (INFO), not the tests' quieter one that is also on this class path
    cmd.addAll(List.of("-Dlogback.configurationFile=" + Main.class.getResource("/logback.xml"),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith(ConfigSchema.ENV_PREFIX));
    return new BridgeChild(pb.start(), log);
  }

  /** The first group of the first log line matching {@code p}, waiting for it. */
  String await(Pattern p, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : log()) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      assertThat(process.isAlive()).as("the bridge died:%n%s", String.join("\n", log())).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no line like " + p + " in:\n" + String.join("\n", log()));
  }

  List<String> log() throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  String logText() throws IOException {
    return String.join("\n", log());
  }

  void sigterm() {
    process.destroy();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** For tools run against the child, such as {@code jcmd <pid> GC.run}. */
  long pid() {
    return process.pid();
  }

  /** Waits for the process to end and gives its exit code. */
  int exitCode(Duration within) throws Exception {
    assertThat(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)).as("the process exits:%n%s", logText())
        .isTrue();
    return process.exitValue();
  }

  /** The status of a GET (body read and dropped), on a fresh connection. */
  int status(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Polls readiness until it is no longer 200 (or 30 s passed); gives the last status. */
  int readinessAfterDrainStarts(String front) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int ready;
    do {
      Thread.sleep(100);
      ready = status(front + OpsRuntime.READY_PATH);
    } while (ready == 200 && System.nanoTime() < deadline);
    return ready;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
