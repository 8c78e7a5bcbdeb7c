package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.gateway.CommunityClient;
import org.xcaibridge.gateway.CommunityEndpoints;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.gateway.ImagingRetrieval;
import org.xcaibridge.gateway.InitiatorSetup;
import org.xcaibridge.gateway.RetrievalOutcome;
import org.xcaibridge.ihe.DocumentRequest;
import org.xcaibridge.ihe.ResponseStatus;
import org.xcaibridge.ihe.RetrieveImagingDocumentSetRequest;
import org.xcaibridge.ihe.SeriesRequest;
import org.xcaibridge.ihe.StudyRequest;
import org.xcaibridge.responder.RespondingGateway;

/**
 * The bridge as a child JVM (the test class path, {@code Main} with a temporary work directory, serving a large
 * generated CT study with {@code --data}). A RAD-75 retrieval of the whole study is held a quarter of the way in;
 * SIGTERM arrives; from then {@code /health/ready} answers 503 and a new request is refused with 503 — and when the
 * client reads on, every instance arrives complete (SHA-256 of each equals its file's), after which the process
 * exits by itself with 0. Size: {@code -Dxcai.drainTestMiB} (default 200; issue 8 names 500).
 */
class SigtermDrainsTheRetrievalInFlightTest {
  private static final int MIB = Integer.getInteger("xcai.drainTestMiB", 200);
  private static final Pattern FRONT = Pattern.compile("bridge front: http://127\\.0\\.0\\.1:([0-9]+)/health");
  private static final Pattern RAD75 = Pattern.compile("RAD-75 (http://127\\.0\\.0\\.1:[0-9]+/xcai/rad75)");
  @TempDir
  Path temp;
  private Process child;
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  record Instance(String study, String series, String sop, String sha256, String transferSyntax) {}

  @Test
  void sigtermMidRetrievalDrainsItCompletelyAndExitsZero() throws Exception {
    Path folder = temp.resolve("study");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(GenerateCommand.run(new String[] {"--out", folder.toString(), "--size-mb", Integer.toString(MIB)},
        new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))).as("%s", err).isZero();
    Map<String, Instance> files = inventory(folder);
    assertThat(files.size()).isGreaterThan(100);

    startChild(folder);
    String frontPort = await(FRONT, Duration.ofMinutes(3));
    URI rad75 = URI.create(await(RAD75, Duration.ofSeconds(10)));

    vertx = Vertx.vertx();
    Context context = vertx.getOrCreateContext();
    HttpClientAgent http = vertx.createHttpClient();
    CommunityEndpoints endpoints = CommunityEndpoints.of(ResponderConfig.DEMO_HOME_COMMUNITY_ID, "child bridge", null,
        rad75.resolve(RespondingGateway.ITI38_PATH), rad75.resolve(RespondingGateway.ITI39_PATH), rad75);
    // one call for the whole study: a second call would be a new request, refused while draining
    CommunityClient client = CommunityClient.create(vertx, endpoints, CommunitySettings.DEFAULT
        .withMaxDocumentRequestsPerCall(files.size()), InitiatorSetup.demo());

    Map<String, String> received = new LinkedHashMap<>();
    CountDownLatch held = new CountDownLatch(1);
    Promise<ReadStream<Buffer>> heldBody = Promise.promise();
    Promise<RetrievalOutcome> outcome = Promise.promise();
    int holdAt = files.size() / 4;
    context.runOnContext(v -> client.retrieveImages(request(files)).onFailure(outcome::tryFail).onSuccess(r -> {
      read(r, received, holdAt, heldBody, held);
      r.outcome().onComplete(outcome);
    }));
    assertThat(held.await(2, TimeUnit.MINUTES)).as("the retrieval reached a quarter").isTrue();

    assertThat(status(http, HttpMethod.GET, frontPort, OpsRuntime.READY_PATH)).isEqualTo(200);
    child.destroy(); // SIGTERM
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int ready;
    do {
      Thread.sleep(100);
      ready = status(http, HttpMethod.GET, frontPort, OpsRuntime.READY_PATH);
    } while (ready == 200 && System.nanoTime() < deadline);
    assertThat(ready).as("readiness fails during the drain").isEqualTo(503);
    assertThat(status(http, HttpMethod.POST, Integer.toString(rad75.getPort()), rad75.getPath()))
        .as("a new request is refused while draining").isEqualTo(503);
    assertThat(child.isAlive()).as("the process waits for the retrieval in flight").isTrue();

    context.runOnContext(v -> heldBody.future().onSuccess(ReadStream::resume));
    RetrievalOutcome done = outcome.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    assertThat(done.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(received).hasSameSizeAs(files);
    for (Instance i : files.values()) {
      assertThat(received.get(i.sop())).as("instance %s complete", i.sop()).isEqualTo(i.sha256());
    }

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the process exits after the drain").isTrue();
    assertThat(child.exitValue()).as("exit code; log:%n%s", String.join("\n", log())).isZero();
    List<String> log = log();
    assertThat(log).as("%s", String.join("\n", log)).anyMatch(l -> l.contains("drained: no request in flight"));
  }

  /** Hashes every instance; holds the body of instance {@code holdAt} paused until the test resumes it. */
  private static void read(ImagingRetrieval r, Map<String, String> received, int holdAt,
                           Promise<ReadStream<Buffer>> heldBody, CountDownLatch held) {
    int[] n = {0};
    r.handler(instance -> {
      MessageDigest sha = sha256();
      ReadStream<Buffer> body = instance.body();
      body.handler(b -> sha.update(b.getBytes()));
      body.endHandler(x -> received.put(instance.documentUniqueId(), HexFormat.of().formatHex(sha.digest())));
      if (n[0]++ == holdAt) {
        body.pause();
        heldBody.complete(body);
        held.countDown();
      }
    });
  }

  private void startChild(Path folder) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:MaxDirectMemorySize=128m",
        // the product's logging (INFO), not the tests' quieter one that is also on this class path
        "-Dlogback.configurationFile=" + Main.class.getResource("/logback.xml"), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--work-dir", temp.resolve("work").toString(), "--port", "0", "--responder-port", "0",
        "--data", folder.toString(), "--config", temp.resolve("none.yaml").toString()));
    Files.writeString(temp.resolve("none.yaml"), "shutdown:\n  grace: 2m\n");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(temp.resolve("child.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith(ConfigSchema.ENV_PREFIX));
    child = pb.start();
  }

  /** What the child has logged so far. */
  private List<String> log() throws java.io.IOException {
    return Files.readAllLines(temp.resolve("child.log"), StandardCharsets.UTF_8);
  }

  private String await(Pattern p, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : log()) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      assertThat(child.isAlive()).as("the bridge died: %s", String.join("\n", log())).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no line like " + p + " in:\n" + String.join("\n", log()));
  }

  private static int status(HttpClientAgent http, HttpMethod method, String port, String path) throws Exception {
    return http.request(method, Integer.parseInt(port), "127.0.0.1", path)
        .compose(r -> method == HttpMethod.POST ? r.send("x") : r.send())
        .compose(r -> r.body().map(b -> r.statusCode()))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static RetrieveImagingDocumentSetRequest request(Map<String, Instance> files) {
    Map<String, Map<String, List<DocumentRequest>>> byStudy = new LinkedHashMap<>();
    TreeSet<String> syntaxes = new TreeSet<>();
    for (Instance i : files.values()) {
      byStudy.computeIfAbsent(i.study(), k -> new LinkedHashMap<>()).computeIfAbsent(i.series(), k -> new ArrayList<>())
          .add(new DocumentRequest(ResponderConfig.DEMO_HOME_COMMUNITY_ID, ResponderConfig.DEMO_REPOSITORY_UNIQUE_ID,
              i.sop()));
      syntaxes.add(i.transferSyntax());
    }
    List<StudyRequest> studies = new ArrayList<>();
    byStudy.forEach((study, series) -> studies.add(new StudyRequest(study, series.entrySet().stream()
        .map(e -> new SeriesRequest(e.getKey(), e.getValue())).toList())));
    return new RetrieveImagingDocumentSetRequest(studies, List.copyOf(syntaxes));
  }

  private static Map<String, Instance> inventory(Path folder) throws Exception {
    Map<String, Instance> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(p);
        DicomFile f = DicomReader.read(bytes, ReadOptions.HEADERS);
        String sop = f.dataset().string(Tag.SOPInstanceUID);
        out.put(sop, new Instance(f.dataset().string(Tag.StudyInstanceUID), f.dataset().string(Tag.SeriesInstanceUID),
            sop, HexFormat.of().formatHex(sha256().digest(bytes)), f.transferSyntax().uid()));
      }
    }
    return out;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
