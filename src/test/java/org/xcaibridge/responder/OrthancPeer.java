package org.xcaibridge.responder;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ExternalTools;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;

/**
 * Orthanc with its DICOMweb plugin (Debian {@code orthanc}, {@code orthanc-dicomweb}) as the DICOMweb origin of
 * the parity tests, started once per test run with {@code ../shared/tools/orthanc/run-orthanc.sh} on a free port
 * and loaded with every file of {@code ../shared/fixtures/dicom} (POST /instances). Orthanc 1.10 listens on all
 * interfaces but refuses remote clients. Missing packages skip the tests, or fail them in CI (as
 * {@link ExternalTools} does for dcmtk and pydicom). Resolve it as a parameter of a {@code @BeforeAll} method;
 * public so that the DICOMweb front's tests compare with the same instance.
 */
public final class OrthancPeer implements AutoCloseable {
  static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
  static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

  /** Hands the run's Orthanc to test classes that ask for it; stops it when the run ends. */
  public static final class Extension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
      return p.getParameter().getType() == OrthancPeer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      require();
      return e.getRoot().getStore(ExtensionContext.Namespace.create(OrthancPeer.class))
          .getOrComputeIfAbsent("orthanc", k -> startLoaded(), OrthancPeer.class);
    }
  }

  private final Process process;
  private final int port;
  private final Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** SOP Instance UID → the fixture file Orthanc accepted, and Orthanc's id for it. */
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final Map<String, String> ids = new LinkedHashMap<>();

  private OrthancPeer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  static void require() {
    boolean present = Files.isExecutable(ORTHANC) && Files.isRegularFile(DICOMWEB_PLUGIN);
    String message = "Orthanc with its DICOMweb plugin is not installed: apt-get install -y orthanc orthanc-dicomweb";
    if (!present && ExternalTools.required()) {
      fail(message + " — required in CI");
    }
    assumeTrue(present, message + " — skipping");
  }

  private static OrthancPeer startLoaded() {
    try {
      Path dir = Files.createTempDirectory("xcai-orthanc-");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path script = Fixtures.sharedDicom().getParent().getParent().resolve("tools/orthanc/run-orthanc.sh");
      Process p = new ProcessBuilder("sh", script.toString(), dir.resolve("data").toString(), Integer.toString(port))
          .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
      OrthancPeer peer = new OrthancPeer(p, port, dir);
      try {
        peer.awaitUp();
        peer.load(Fixtures.files(Fixtures.sharedDicom()));
      } catch (IOException | RuntimeException e) {
        peer.close();
        throw e;
      }
      return peer;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("Orthanc did not start: " + e, e);
    }
  }

  private void awaitUp() throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IOException("Orthanc exited with " + process.exitValue() + "; see " + dir.resolve("orthanc.log"));
      }
      try {
        if (http.send(get("/system"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IOException("Orthanc did not answer within 60 s; see " + dir.resolve("orthanc.log"));
  }

  private void load(List<Path> fixtures) throws IOException, InterruptedException {
    for (Path f : fixtures) {
      HttpRequest post = HttpRequest.newBuilder(base().resolve("/instances")).POST(HttpRequest.BodyPublishers.ofFile(f))
          .timeout(Duration.ofSeconds(30)).build();
      HttpResponse<String> r;
      try {
        r = http.send(post, HttpResponse.BodyHandlers.ofString());
      } catch (IOException closedMeanwhile) { // Orthanc drops idle connections after 1 s; storing again is harmless
        r = http.send(post, HttpResponse.BodyHandlers.ofString());
      }
      if (r.statusCode() != 200) {
        continue; // Orthanc refuses a few parser-torture fragments; they are not part of the parity set
      }
      String id = new JsonObject(r.body()).getString("ID");
      String uid = DicomReader.read(Files.readAllBytes(f), ReadOptions.HEADERS).dataset().string(Tag.SOPInstanceUID);
      if (!ids.containsKey(uid)) {
        files.put(uid, f);
        ids.put(uid, id);
      }
    }
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI dicomWeb() {
    return URI.create("http://127.0.0.1:" + port + "/dicom-web");
  }

  /** The fixture files Orthanc accepted, by SOP Instance UID. */
  public Map<String, Path> files() {
    return files;
  }

  /** What {@code GET /instances/{id}/file} gives for an instance. */
  byte[] storedFile(String sopInstanceUid) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(get("/instances/" + ids.get(sopInstanceUid) + "/file"),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("Orthanc answered " + r.statusCode() + " for the file of " + sopInstanceUid);
    }
    return r.body();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
