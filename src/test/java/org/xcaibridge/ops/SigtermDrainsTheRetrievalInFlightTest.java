package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private static final Pattern RAD75 = Pattern.compile("RAD-75 (http://127\\.0\\.0\\.1:[0-9]+/xcai/rad75)");
  @TempDir
  Path temp;
  private BridgeChild child;
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  record Instance(String study, String series, String sop, String sha256, String transferSyntax) {}

  @Test
  void sigtermMidRetrievalDrainsItCompletelyAndExitsZero() throws Exception {
    Path folder = temp.resolve("study");
    DemoSet.generate(folder, MIB);
    Map<String, Instance> files = inventory(folder);
    assertThat(files.size()).isGreaterThan(100);

    startChild(folder);
    String front = child.await(BridgeChild.FRONT, Duration.ofMinutes(3));
    URI rad75 = URI.create(child.await(RAD75, Duration.ofSeconds(10)));

    vertx = Vertx.vertx();
    Context context = vertx.getOrCreateContext();
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

    assertThat(child.status(front + OpsRuntime.READY_PATH)).isEqualTo(200);
    child.sigterm();
    assertThat(child.readinessAfterDrainStarts(front)).as("readiness fails during the drain").isEqualTo(503);
    assertThat(child.http.send(HttpRequest.newBuilder(rad75).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
        .as("a new request is refused while draining").isEqualTo(503);
    assertThat(child.alive()).as("the process waits for the retrieval in flight").isTrue();

    context.runOnContext(v -> heldBody.future().onSuccess(ReadStream::resume));
    RetrievalOutcome done = outcome.future().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    assertThat(done.status()).isEqualTo(ResponseStatus.SUCCESS);
    assertThat(received).hasSameSizeAs(files);
    for (Instance i : files.values()) {
      assertThat(received.get(i.sop())).as("instance %s complete", i.sop()).isEqualTo(i.sha256());
    }

    assertThat(child.exitCode(Duration.ofSeconds(60))).as("exit code; log:%n%s", child.logText()).isZero();
    assertThat(child.log()).as("%s", child.logText()).anyMatch(l -> l.contains("drained: no request in flight"));
  }

  /** Hashes every instance; holds the body of instance {@code holdAt} paused until the test resumes it. */
  private static void read(ImagingRetrieval r, Map<String, String> received, int holdAt,
                           Promise<ReadStream<Buffer>> heldBody, CountDownLatch held) {
    int[] n = {0};
    r.handler(instance -> {
      MessageDigest sha = StreamedMultipart.sha256();
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
    Files.writeString(temp.resolve("none.yaml"), "shutdown:\n  grace: 2m\n");
    child = BridgeChild.start(temp.resolve("child.log"), "--work-dir", temp.resolve("work").toString(), "--port", "0",
        "--responder-port", "0", "--data", folder.toString(), "--config", temp.resolve("none.yaml").toString());
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
            sop, HexFormat.of().formatHex(StreamedMultipart.sha256().digest(bytes)), f.transferSyntax().uid()));
      }
    }
    return out;
  }
}
