package org.xcaibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.io.InputStream;
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
import java.util.Locale;
import org.xcaibridge.ihe.IheTransaction;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * Issue 6, "the viewer's first byte arrives within 100 ms of the responder sending its first attachment byte": a
 * generated CT study served by our responding gateway, a bridge with an empty cache in front of it, all in this
 * JVM on 127.0.0.1. Between bridge and responder an HTTP relay passes every answer on and notes
 * {@link System#nanoTime()} when it writes the first byte of the RAD-75 answer's first attachment (the first part
 * after the SOAP envelope); the viewer (the JDK's HTTP client) notes it when the first byte of the first part's
 * body arrives, then reads the rest. Each round has a fresh cache; prints each gap, the median and the largest.
 * The baseline, measured in each round too: the same client POSTing the bridge's first RAD-75 (the study's first
 * series) straight to the responder, request to first attachment byte, against the bridge's request to first part
 * byte; their ratio is printed.
 *
 * <p>Usage: FirstByteBench workDir [sizeMiB] [rounds]
 */
public final class FirstByteBench {
  private static final ResponderIdentity ID = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.900",
      "1.3.6.1.4.1.21367.13.80.900", "1.3.6.1.4.1.21367.13.20.900");
  private static final byte[] ENVELOPE_END = ":Envelope>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private FirstByteBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "target/bench-first-byte").toAbsolutePath();
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path folder = work.resolve("studies-" + mib);
    BenchStudy study = BenchStudy.ensure(folder, "s", mib, 901);
    // every instance must reach the viewer: the study's files in all (a "MiB" study is a little under MiB × 2^20)
    long studyBytes;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(folder)) {
      studyBytes = files.filter(f -> f.toString().endsWith(".dcm")).mapToLong(f -> f.toFile().length()).sum();
    }
    Vertx responderVertx = Vertx.vertx();
    Vertx bridgeVertx = Vertx.vertx();
    try {
      FolderArchive archive = BridgeRetrievalBench.await(FolderArchive.start(responderVertx, new FolderArchive.Options(
          folder, work.resolve("responder-" + mib), new ManifestSettings(ID.repositoryUniqueId(), "BENCH"),
          Duration.ZERO)));
      BridgeRetrievalBench.await(archive.verified());
      HttpServer responder = BridgeRetrievalBench.await(new RespondingGateway(responderVertx, archive, ID,
          ResponderSettings.DEFAULT).listen("127.0.0.1", 0));
      URI rad75 = URI.create("http://127.0.0.1:" + responder.actualPort() + RespondingGateway.RAD75_PATH);
      // the baseline: the RAD-75 the bridge sends first (the study's first series), straight to the responder
      byte[] firstSeries = study.rad75Request(rad75.toString(), ID.homeCommunityId(), ID.repositoryUniqueId(),
          study.series().subList(0, 1));
      Stamp relay = new Stamp(responderVertx, responder.actualPort());
      HttpClient viewer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<Double> gaps = new ArrayList<>();
      List<Double> direct = new ArrayList<>();
      List<Double> bridge = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) { // round 0 warms the code paths up and is not counted
        long sent = System.nanoTime();
        Read d = read(viewer.send(HttpRequest.newBuilder(rad75).header("Content-Type",
            "application/soap+xml; charset=UTF-8; action=\"" + IheTransaction.RAD_75.requestAction() + "\"")
            .POST(HttpRequest.BodyPublishers.ofByteArray(firstSeries)).build(),
            HttpResponse.BodyHandlers.ofInputStream()), ENVELOPE_END);
        double directMs = (d.first() - sent) / 1e6;
        Path cache = work.resolve("first-byte-cache");
        deleteTree(cache);
        try (BenchBridge b = BenchBridge.start(bridgeVertx, relay.base(), cache)) {
          b.search(study.patient());
          relay.first.set(0);
          sent = System.nanoTime();
          Read r = read(viewer.send(HttpRequest.newBuilder(URI.create(b.base + "/studies/" + study.study()))
              .header("Accept", "multipart/related; type=\"application/dicom\"").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream()), null);
          if (r.first() == 0 || relay.first.get() == 0 || r.bytes() < studyBytes) {
            throw new IllegalStateException("round " + round + ": " + r.bytes() + " bytes");
          }
          double gapMs = (r.first() - relay.first.get()) / 1e6;
          double bridgeMs = (r.first() - sent) / 1e6;
          System.out.printf(Locale.ROOT, "round %d%s: %d bytes; responder's first attachment byte → viewer's first"
              + " part byte: %.1f ms; request → first byte: direct RAD-75 %.1f ms, bridge %.1f ms%n", round,
              round == 0 ? " (warm-up)" : "", r.bytes(), gapMs, directMs, bridgeMs);
          if (round > 0) {
            gaps.add(gapMs);
            direct.add(directMs);
            bridge.add(bridgeMs);
          }
        }
      }
      System.out.printf(Locale.ROOT, "first byte, cold, %d MiB study, %d rounds: gap median %.1f ms, largest %.1f ms"
          + " (target ≤ 100 ms)%n", mib, gaps.size(), median(gaps), max(gaps));
      System.out.printf(Locale.ROOT, "request → first byte, medians: direct RAD-75 from the responder %.1f ms, cold"
          + " bridge WADO-RS %.1f ms; direct / bridge: %.2f×; load average now %s%n", median(direct), median(bridge),
          median(direct) / median(bridge), RetrievalReport.loadAverage());
      BridgeRetrievalBench.await(responder.close());
      BridgeRetrievalBench.await(archive.close());
    } finally {
      BridgeRetrievalBench.await(bridgeVertx.close());
      BridgeRetrievalBench.await(responderVertx.close());
    }
  }

  /** When the first body byte after the first header block that follows {@code after} came, and the bytes read. */
  record Read(long first, long bytes) {}

  /**
   * Reads an answer to its end, noting when the first byte of its first part's body arrived: the first byte after
   * the first blank line (after {@code after}, when given: the SOAP envelope, for a RAD-75 answer's attachment).
   */
  private static Read read(HttpResponse<InputStream> r, byte[] after) throws java.io.IOException {
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IllegalStateException("status " + r.statusCode());
    }
    long first = 0;
    long bytes = 0;
    byte[] head = new byte[0];
    try (InputStream in = r.body()) {
      byte[] chunk = new byte[1 << 16];
      for (int n; (n = in.read(chunk)) >= 0; ) {
        bytes += n;
        if (first == 0) {
          head = concat(head, chunk, n);
          int from = after == null ? 0 : indexOf(head, after, 0);
          int h = from < 0 ? -1 : indexOf(head, HEADERS_END, from);
          if (h >= 0 && head.length > h + HEADERS_END.length) {
            first = System.nanoTime();
            head = null;
          }
        }
      }
    }
    return new Read(first, bytes);
  }

  private static double median(List<Double> xs) {
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** The relay: passes requests and answers on with back-pressure, stamping the first attachment byte it writes. */
  static final class Stamp {
    final HttpClientAgent client; // held: Vert.x closes a client nobody references
    final HttpServer server;
    final int upstream;
    /** The first stamp of a round (a study of several series has one RAD-75 per series); 0 clears it. */
    final java.util.concurrent.atomic.AtomicLong first = new java.util.concurrent.atomic.AtomicLong();

    Stamp(Vertx vertx, int upstream) throws Exception {
      this.upstream = upstream;
      this.client = vertx.createHttpClient();
      this.server = BridgeRetrievalBench.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1")
          .setPort(0)).requestHandler(this::relay).listen());
    }

    String base() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    private void relay(HttpServerRequest in) {
      in.pause();
      RequestOptions o = new RequestOptions().setMethod(in.method()).setHost("127.0.0.1").setPort(upstream)
          .setURI(in.uri());
      in.headers().forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("Host")) {
          o.addHeader(h.getKey(), h.getValue());
        }
      });
      boolean rad75 = in.path().equals(RespondingGateway.RAD75_PATH);
      client.request(o).compose(out -> {
        var answer = out.send(in);
        in.resume();
        return answer;
      }).onFailure(e -> in.response().setStatusCode(502).end()).onSuccess(r -> answer(r, in.response(), rad75));
    }

    private void answer(HttpClientResponse from, HttpServerResponse to, boolean rad75) {
      to.setStatusCode(from.statusCode()).setChunked(true);
      from.headers().forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("Content-Length") && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
          to.putHeader(h.getKey(), h.getValue());
        }
      });
      byte[][] head = {rad75 ? new byte[0] : null};
      to.drainHandler(v -> from.resume());
      from.handler(b -> {
        if (head[0] != null) {
          head[0] = concat(head[0], b.getBytes(), b.length());
          int env = indexOf(head[0], ENVELOPE_END, 0);
          int at = env < 0 ? -1 : indexOf(head[0], HEADERS_END, env);
          int bodyAt = at < 0 ? -1 : at + HEADERS_END.length - (head[0].length - b.length());
          if (at < 0 || bodyAt >= b.length()) {
            to.write(b); // the attachment's body has not begun yet
          } else {
            if (bodyAt > 0) {
              to.write(b.slice(0, bodyAt));
            }
            first.compareAndSet(0, System.nanoTime()); // the next write carries the first attachment byte
            to.write(b.slice(Math.max(bodyAt, 0), b.length()));
            head[0] = null;
          }
        } else {
          to.write(b);
        }
        if (to.writeQueueFull()) {
          from.pause();
        }
      });
      from.endHandler(v -> to.end());
      from.exceptionHandler(e -> to.reset());
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b, int n) {
    byte[] out = new byte[a.length + n];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, n);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
