package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * The embedded default as Main runs it (in-process, {@code --work-dir} a temporary folder, free ports): with
 * nothing typed, QIDO-RS {@code /dicomweb/studies} lists every demo study — the bridge located them through the
 * embedded responder over SOAP on loopback at start-up — and a viewer can go on from there: the series of a study,
 * its metadata, the first frame of an instance. After a restart the locator still knows the studies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedDefaultListsTheDemoStudiesTest {
  private static final String JSON = "application/dicom+json";
  @TempDir
  static Path work;
  private Vertx vertx;
  private Launcher.Running running;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Set<String> demoStudies = new HashSet<>();

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    running = startDefault();
    try (Stream<Path> files = Files.walk(work.resolve("demo"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
          .toList()) {
        try (SeekableByteChannel ch = Files.newByteChannel(f)) {
          demoStudies.add(DicomReader.read(ch, ReadOptions.HEADERS).dataset().string(Tag.StudyInstanceUID));
        }
      }
    }
  }

  private Launcher.Running startDefault() throws Exception {
    String[] args = {"--work-dir", work.toString(), "--port", "0", "--responder-port", "0"};
    return ServeCommand.start(vertx, LaunchOptions.Mode.BRIDGE, args, Map.of(), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  @AfterAll
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private HttpResponse<byte[]> get(String path, String accept) throws Exception {
    URI uri = URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + running.frontPort() + path);
    return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Set<String> values(JsonArray rows, String tag) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(((JsonObject) r).getJsonObject(tag).getJsonArray("Value").getString(0)));
    return out;
  }

  @Test
  void theStudyListShowsEveryDemoStudyAndOpensThem() throws Exception {
    assertThat(demoStudies).hasSizeGreaterThanOrEqualTo(6);
    // what OHIF's study list sends first, nothing typed
    HttpResponse<byte[]> list = get("/dicomweb/studies?limit=101&offset=0&fuzzymatching=false"
        + "&includefield=00081030%2C00080060%2C00080090%2C00100030", JSON);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonArray studies = new JsonArray(new String(list.body()));
    assertThat(values(studies, "0020000D")).isEqualTo(demoStudies);
    JsonObject first = studies.getJsonObject(0);
    String retrieve = first.getJsonObject("00081190").getJsonArray("Value").getString(0);
    assertThat(retrieve).startsWith("http://127.0.0.1:" + running.frontPort() + "/dicomweb/studies/");
    HttpResponse<byte[]> seriesAnswer = get(retrieve + "/series", JSON);
    assertThat(seriesAnswer.statusCode()).as(retrieve + ": " + new String(seriesAnswer.body())).isEqualTo(200);
    JsonArray series = new JsonArray(new String(seriesAnswer.body()));
    String seriesUrl = series.getJsonObject(0).getJsonObject("00081190").getJsonArray("Value").getString(0);
    HttpResponse<byte[]> metadata = get(seriesUrl + "/metadata", JSON);
    assertThat(metadata.statusCode()).isEqualTo(200);
    JsonArray instances = new JsonArray(new String(metadata.body()));
    assertThat(instances).as("series metadata right after the series search: every instance").hasSize(
        series.getJsonObject(0).getJsonObject("00201209").getJsonArray("Value").getInteger(0));
    JsonObject instance = instances.getJsonObject(0);
    String sop = instance.getJsonObject("00080018").getJsonArray("Value").getString(0);
    HttpResponse<byte[]> frame = get(seriesUrl + "/instances/" + sop + "/frames/1",
        "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
    assertThat(frame.statusCode()).isEqualTo(200);
    assertThat(frame.headers().firstValue("Content-Type").orElseThrow()).startsWith("multipart/related");
  }

  @Test
  void aRestartStillKnowsTheStudies() throws Exception {
    running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    running = null;
    running = startDefault();
    assertThat(running.core.locator.size()).isEqualTo(demoStudies.size());
    HttpResponse<byte[]> list = get("/dicomweb/studies", JSON);
    assertThat(values(new JsonArray(new String(list.body())), "0020000D")).isEqualTo(demoStudies);
  }
}
