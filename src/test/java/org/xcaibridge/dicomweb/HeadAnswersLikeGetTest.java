package org.xcaibridge.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.gateway.CommunitySettings;
import org.xcaibridge.responder.RespondingGateway;
import org.xcaibridge.studies.StudySettings;

/**
 * HEAD on every QIDO-RS and WADO-RS route answers as GET does without a body (RFC 9110 §9.3.2), over real HTTP on
 * loopback, the bridge in front of our responder serving four fixtures (a CT, a 2-frame RLE image, a 15-frame
 * dose, an ECG whose waveform is bulk data): the same status, the same Content-Type (a multipart boundary aside),
 * the CORS headers for an allowed origin, no content — over HTTP/2 (the JDK's client upgrades with h2c, where
 * Vert.x 5.0 would send a HEAD's body) and over HTTP/1.1 (a raw socket: nothing after the header block) — 404 for
 * an unknown UID and 400 for a path that is no UID. HEAD on the retrieve and metadata resources is answered from
 * the manifest: the community sees no RAD-75 request for them, and GET then still answers as HEAD said.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // first, before any GET starts a retrieval or a prefetch
class HeadAnswersLikeGetTest {
  private static final String OHIF = "http://viewer.example:3000";
  private static final String JSON = "application/dicom+json";
  @TempDir
  static Path temp;
  private static BridgeRig rig;
  private static HttpServer front;
  private static String base;
  private static final AtomicInteger RAD75 = new AtomicInteger();
  private static Corpus corpus;

  @BeforeAll
  static void start() throws Exception {
    Path source = temp.resolve("source");
    Files.createDirectories(source);
    for (String f : List.of("ct/CT_small.dcm", "multiframe/SC_rgb_rle_2frame.dcm", "multiframe/rtdose.dcm",
        "odd-vr/waveform_ecg.dcm")) {
      Files.copy(Fixtures.sharedDicom().resolve(f), source.resolve(Path.of(f).getFileName()));
    }
    corpus = Corpus.of(source);
    rig = new BridgeRig(temp);
    BridgeRig.Community c = rig.community("Head community", 611, source, CommunitySettings.DEFAULT,
        Duration.ofSeconds(20));
    c.hook = (req, router) -> {
      if (req.path().equals(RespondingGateway.RAD75_PATH)) {
        RAD75.incrementAndGet();
      }
      router.handle(req);
    };
    rig.startBridge(StudySettings.DEFAULT);
    // a front of its own with an allowed origin, over the rig's study core
    Router[] router = new Router[1];
    front = BridgeRig.await(rig.bridgeVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> router[0].handle(req)).listen());
    base = "http://127.0.0.1:" + front.actualPort() + "/dicomweb";
    router[0] = DicomWebFront.create(rig.bridgeVertx, rig.service, DicomWebSettings.of(base,
        new CorsSettings(List.of(OHIF), false, Duration.ofMinutes(5))));
    for (String patient : corpus.patients()) {
      assertThat(send("GET", "/studies?PatientID=" + patient).statusCode()).isEqualTo(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (front != null) {
      BridgeRig.await(front.close());
    }
    if (rig != null) {
      rig.close();
    }
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
        .timeout(Duration.ofSeconds(60)).header("Origin", OHIF).method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return rig.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The study, series and SOP instance UID of every instance, in the corpus's order. */
  private static List<String[]> instances() {
    List<String[]> out = new ArrayList<>();
    corpus.bySop.values().forEach(l -> out.add(new String[] {l.get(0).study(), l.get(0).series(), l.get(0).sop()}));
    return out;
  }

  private static String withoutBoundary(String contentType) {
    return contentType.replaceAll(";\\s*boundary=[^;]*", "");
  }

  private static void assertCors(HttpResponse<byte[]> r, String what) {
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("CORS of %s", what).hasValue(OHIF);
    assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse("")).as("exposed by %s", what)
        .contains("Content-Type", "Warning", "ETag");
  }

  /** What the server sends after the header block of a HEAD, on a connection it then closes. */
  private static String afterHeaders(String path, String accept) throws Exception {
    URI u = URI.create(base + path);
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(("HEAD " + u.getRawPath() + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\nAccept: "
          + accept + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(all).as("HEAD %s", path).startsWith("HTTP/1.1 200").contains("\r\n\r\n");
      assertThat(all).as("HEAD %s must not announce a length of 0", path).doesNotContainIgnoringCase(
          "content-length: 0\r\n");
      return all.substring(all.indexOf("\r\n\r\n") + 4);
    }
  }

  @Test
  @Order(1)
  void retrieveAndMetadataHeadsAnswerFromTheManifestWithoutARetrieval() throws Exception {
    int before = RAD75.get();
    String multipart = "multipart/related; type=\"application/dicom\"";
    List<String> heads = new ArrayList<>();
    for (String[] i : instances()) {
      String st = "/studies/" + i[0];
      String se = st + "/series/" + i[1];
      String sop = se + "/instances/" + i[2];
      for (String p : List.of(st, se, sop)) {
        HttpResponse<byte[]> r = send("HEAD", p, "Accept", multipart + "; transfer-syntax=*");
        assertThat(r.statusCode()).as("HEAD %s", p).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as("HEAD %s", p)
            .startsWith(multipart).contains("; boundary=");
        assertCors(r, "HEAD " + p);
        assertThat(r.body()).isEmpty();
        HttpResponse<byte[]> m = send("HEAD", p + "/metadata", "Accept", JSON);
        assertThat(m.statusCode()).as("HEAD %s/metadata", p).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type")).hasValue(JSON);
        assertCors(m, "HEAD " + p + "/metadata");
        heads.add(p);
      }
      assertThat(afterHeaders(st, multipart + "; transfer-syntax=*")).as("bytes after HEAD %s", st).isEmpty();
      assertThat(afterHeaders(sop + "/metadata", JSON)).as("bytes after HEAD %s/metadata", sop).isEmpty();
    }
    assertThat(heads).hasSize(3 * instances().size()).hasSizeGreaterThan(5);
    assertThat(RAD75.get()).as("RAD-75 requests caused by HEAD").isEqualTo(before);
    for (String p : heads) { // GET answers what HEAD said
      HttpResponse<byte[]> g = send("GET", p, "Accept", multipart + "; transfer-syntax=*");
      assertThat(g.statusCode()).as("GET %s", p).isEqualTo(200);
      assertThat(withoutBoundary(g.headers().firstValue("Content-Type").orElseThrow())).isEqualTo(multipart);
      HttpResponse<byte[]> m = send("GET", p + "/metadata", "Accept", JSON);
      assertThat(m.statusCode()).as("GET %s/metadata", p).isEqualTo(200);
      assertThat(m.headers().firstValue("Content-Type")).hasValue(JSON);
    }
    assertThat(RAD75.get()).as("GET retrieves").isGreaterThan(before);
  }

  @Test
  void unknownUidsAre404AndNonUids400LikeGet() throws Exception {
    String[] i = instances().get(0);
    List<String> unknown = List.of("/studies/1.2.3.999", "/studies/1.2.3.999/metadata",
        "/studies/" + i[0] + "/series/1.2.3.999", "/studies/" + i[0] + "/series/1.2.3.999/metadata",
        "/studies/" + i[0] + "/series/" + i[1] + "/instances/1.2.3.999",
        "/studies/" + i[0] + "/series/" + i[1] + "/instances/1.2.3.999/metadata",
        "/studies/" + i[0] + "/series/" + i[1] + "/instances/1.2.3.999/frames/1",
        "/studies/1.2.3.999/series", "/studies/1.2.3.999/instances");
    for (String p : unknown) {
      HttpResponse<byte[]> h = send("HEAD", p);
      HttpResponse<byte[]> g = send("GET", p);
      assertThat(g.statusCode()).as("GET %s", p).isEqualTo(404);
      assertThat(h.statusCode()).as("HEAD %s", p).isEqualTo(404);
      assertThat(h.headers().firstValue("Content-Type")).isEqualTo(g.headers().firstValue("Content-Type"));
      assertCors(h, "HEAD " + p);
      assertThat(h.body()).isEmpty();
    }
    HttpResponse<byte[]> bad = send("HEAD", "/studies/not-a-uid/metadata");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertCors(bad, "HEAD of a path that is no UID");
  }

  @Test
  void searchHeadsHaveTheStatusAndHeadersOfGet() throws Exception {
    String[] i = instances().get(0);
    String st = "/studies/" + i[0];
    List<String> searches = List.of("/studies?PatientID=" + corpus.first(i[2]).patientId(), "/studies",
        "/studies?PatientID=nobody-has-this-id", "/series", "/instances", st + "/series", st + "/instances",
        st + "/series/" + i[1] + "/instances", "/studies?StudyDate=2020-01-01", "/studies?limit=1");
    for (String p : searches) {
      HttpResponse<byte[]> g = send("GET", p, "Accept", JSON);
      HttpResponse<byte[]> h = send("HEAD", p, "Accept", JSON);
      assertThat(h.statusCode()).as("HEAD %s", p).isEqualTo(g.statusCode());
      for (String header : List.of("Content-Type", "Warning")) {
        assertThat(h.headers().allValues(header)).as("%s of HEAD %s", header, p)
            .isEqualTo(g.headers().allValues(header));
      }
      if (g.statusCode() == 200) {
        assertThat(h.headers().firstValue("Content-Length")).as("HEAD %s", p)
            .hasValue(Integer.toString(g.body().length));
      }
      assertCors(h, "HEAD " + p);
      assertThat(h.body()).isEmpty();
    }
  }

  @Test
  void frameAndBulkDataHeadsGiveGetsHeadersWithoutTheBody() throws Exception {
    int multiFrame = 0;
    int bulk = 0;
    for (String[] i : instances()) {
      String sop = "/studies/" + i[0] + "/series/" + i[1] + "/instances/" + i[2];
      JsonObject meta = new JsonArray(new String(send("GET", sop + "/metadata", "Accept", JSON).body(),
          StandardCharsets.UTF_8)).getJsonObject(0);
      int frames = meta.containsKey("00280008") ? Integer.parseInt(meta.getJsonObject("00280008").getJsonArray("Value")
          .getValue(0).toString()) : 1;
      if (meta.containsKey("7FE00010")) {
        multiFrame += frames > 1 ? 1 : 0;
        String list = frames > 1 ? "1," + frames : "1";
        compare(sop + "/frames/" + list, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
        assertThat(afterHeaders(sop + "/frames/" + list, "multipart/related; type=\"application/octet-stream\"; "
            + "transfer-syntax=*")).isEmpty();
        assertThat(send("HEAD", sop + "/frames/" + (frames + 1)).statusCode()).as("frame past the last of %s", sop)
            .isEqualTo(send("GET", sop + "/frames/" + (frames + 1)).statusCode()).isEqualTo(404);
      }
      for (String key : meta.fieldNames()) {
        String uri = meta.getJsonObject(key).getString("BulkDataURI");
        if (uri != null) {
          compare(uri, "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
          compare(uri, "application/octet-stream");
          bulk++;
        }
      }
    }
    assertThat(multiFrame).as("multi-frame instances").isGreaterThan(0);
    assertThat(bulk).as("BulkDataURIs").isGreaterThan(0);
  }

  /** HEAD and GET of {@code path} with this Accept: same status and Content-Type; a length only if it is GET's. */
  private static void compare(String path, String accept) throws Exception {
    HttpResponse<byte[]> g = send("GET", path, "Accept", accept);
    HttpResponse<byte[]> h = send("HEAD", path, "Accept", accept);
    assertThat(h.statusCode()).as("HEAD %s (%s)", path, accept).isEqualTo(g.statusCode());
    assertThat(withoutBoundary(h.headers().firstValue("Content-Type").orElse("")))
        .as("HEAD %s (%s)", path, accept).isEqualTo(withoutBoundary(g.headers().firstValue("Content-Type").orElse("")));
    assertThat(h.headers().firstValue("Content-Location")).isEqualTo(g.headers().firstValue("Content-Location"));
    h.headers().firstValue("Content-Length").ifPresent(n -> assertThat(n).as("Content-Length of HEAD %s", path)
        .isEqualTo(Integer.toString(g.body().length)));
    assertCors(h, "HEAD " + path);
    assertThat(h.body()).isEmpty();
  }
}
