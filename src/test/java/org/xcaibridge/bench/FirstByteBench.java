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
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.xcaibridge.dicom.SyntheticSeries;
import org.xcaibridge.dicom.SyntheticStudies;
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
    String[] patientAndStudy = ensureStudy(work.resolve("study-" + mib), mib);
    Vertx responderVertx = Vertx.vertx();
    Vertx bridgeVertx = Vertx.vertx();
    try {
      FolderArchive archive = BridgeRetrievalBench.await(FolderArchive.start(responderVertx, new FolderArchive.Options(
          work.resolve("study-" + mib), work.resolve("responder-" + mib), new ManifestSettings(ID.repositoryUniqueId(),
          "BENCH"), Duration.ZERO)));
      HttpServer responder = BridgeRetrievalBench.await(new RespondingGateway(responderVertx, archive, ID,
          ResponderSettings.DEFAULT).listen("127.0.0.1", 0));
      Stamp relay = new Stamp(responderVertx, responder.actualPort());
      HttpClient viewer = HttpClient.newHttpClient();
      List<Double> gaps = new ArrayList<>();
      for (int round = 0; round <= rounds; round++) { // round 0 warms the code paths up and is not counted
        Path cache = work.resolve("first-byte-cache");
        deleteTree(cache);
        try (BridgeRetrievalBench.Bridge b = BridgeRetrievalBench.Bridge.start(bridgeVertx, relay.base(), cache)) {
          b.search(patientAndStudy[0]);
          relay.first.set(0);
          HttpResponse<InputStream> r = viewer.send(HttpRequest.newBuilder(URI.create(b.base + "/studies/"
              + patientAndStudy[1])).header("Accept", "multipart/related; type=\"application/dicom\"").GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
          long viewerFirst = 0;
          long bytes = 0;
          byte[] head = new byte[0];
          try (InputStream in = r.body()) {
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = in.read(chunk)) >= 0; ) {
              bytes += n;
              if (viewerFirst == 0) {
                head = concat(head, chunk, n);
                int h = indexOf(head, HEADERS_END, 0);
                if (h >= 0 && head.length > h + HEADERS_END.length) {
                  viewerFirst = System.nanoTime();
                }
              }
            }
          }
          if (r.statusCode() != 200 || viewerFirst == 0 || relay.first.get() == 0 || bytes < (long) mib << 20) {
            throw new IllegalStateException("round " + round + ": status " + r.statusCode() + ", " + bytes + " bytes");
          }
          double gapMs = (viewerFirst - relay.first.get()) / 1e6;
          System.out.printf(Locale.ROOT, "round %d%s: %d bytes; responder's first attachment byte → viewer's first"
              + " part byte: %.1f ms%n", round, round == 0 ? " (warm-up)" : "", bytes, gapMs);
          if (round > 0) {
            gaps.add(gapMs);
          }
        }
      }
      List<Double> sorted = new ArrayList<>(gaps);
      sorted.sort(Double::compare);
      System.out.printf(Locale.ROOT, "first byte, cold, %d MiB study, %d rounds: median %.1f ms, largest %.1f ms"
          + " (target ≤ 100 ms)%n", mib, gaps.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
      BridgeRetrievalBench.await(responder.close());
      BridgeRetrievalBench.await(archive.close());
    } finally {
      BridgeRetrievalBench.await(bridgeVertx.close());
      BridgeRetrievalBench.await(responderVertx.close());
    }
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

  /** One CT series of about {@code mib} MiB, written once; returns its patient and study. */
  private static String[] ensureStudy(Path folder, int mib) throws Exception {
    Path marker = folder.resolve(".first-byte-study");
    if (Files.isRegularFile(marker)) {
      return Files.readString(marker).trim().split(" ");
    }
    deleteTree(folder);
    Files.createDirectories(folder);
    SyntheticStudies gen = new SyntheticStudies(new Random(901), Clock.systemUTC());
    SyntheticStudies.Study st = gen.ctOfSize(gen.patient(), (long) mib << 20);
    for (int s = 0; s < st.series().size(); s++) { // past about 250 MiB a study has several series
      SyntheticSeries series = st.series().get(s);
      for (int i = 0; i < series.instanceCount(); i++) {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(folder.resolve(
            String.format("%02d-%05d.dcm", s, i))), 1 << 18)) {
          SyntheticStudies.write(out, st, series, i);
        }
      }
    }
    Files.writeString(marker, st.patient().id() + " " + st.studyInstanceUid());
    return new String[] {st.patient().id(), st.studyInstanceUid()};
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
