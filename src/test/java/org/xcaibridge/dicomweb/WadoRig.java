package org.xcaibridge.dicomweb;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.Fixtures;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.dicom.TransferSyntax;

/**
 * A loopback WADO-RS server over {@link DicomWebRouter} whose routes stream with {@link MultipartRelatedWriter},
 * negotiating from the request's real Accept header: a series of real Part 10 files (one Explicit VR Little
 * Endian MR series of the shared fixtures), frames of made-up bytes (with CRLF and dashes in them), and a
 * retrieval whose third part breaks halfway, as a community dropping the connection would.
 */
final class WadoRig implements AutoCloseable {
  static final Path SERIES_DIR = Fixtures.sharedDicom().resolve("study-sets/98892003/MR700");
  static final int CUT_AFTER = 50_000;

  final Vertx vertx = Vertx.vertx();
  final HttpServer server;
  final List<Path> files;
  final String study;
  final String series;
  /** The sources handed out by the cut route, to see that the broken one was cancelled. */
  final List<ChunkedSource> cutSources = new CopyOnWriteArrayList<>();
  final List<Boolean> cancelled = new CopyOnWriteArrayList<>();

  WadoRig(CorsSettings cors) throws Exception {
    try (var s = Files.list(SERIES_DIR)) {
      files = s.sorted().toList();
    }
    var first = DicomReader.read(Files.readAllBytes(files.get(0)), ReadOptions.HEADERS).dataset();
    study = first.string(Tag.StudyInstanceUID);
    series = first.string(Tag.SeriesInstanceUID);
    Router router = DicomWebRouter.create(vertx, cors);
    router.get("/studies/:study/series/:series").handler(this::series);
    router.get("/studies/:study/series/:series/instances/:sop/frames/:frames").handler(this::frames);
    router.get("/cut/studies/:study/series/:series").handler(this::cut);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The bytes of frame {@code n} (1-based) of any instance: varied sizes, with CRLF, dashes and random bytes. */
  static byte[] frame(int n) {
    byte[] b = new byte[64 * 64 * 2 + 3 * n];
    new Random(n).nextBytes(b);
    byte[] tricky = "\r\n\r\n--\r\n--".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + tricky.length < b.length; i += 997) {
      System.arraycopy(tricky, 0, b, i, tricky.length);
    }
    return b;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path p) {
    try {
      return sha256(Files.readAllBytes(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void series(RoutingContext ctx) {
    WadoRepresentation r = negotiate(ctx.request(), WadoTarget.INSTANCES).forStored(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    MultipartRelatedWriter w = MultipartRelatedWriter.forResponse(ctx.response(), r.mediaType(), null);
    Iterator<Path> it = files.iterator();
    w.writeAll(() -> {
      if (!it.hasNext()) {
        return io.vertx.core.Future.succeededFuture();
      }
      Path f = it.next();
      return vertx.fileSystem().open(f.toString(), new OpenOptions().setRead(true)).map(file -> filePart(ctx, r, f, file));
    });
  }

  private MultipartRelatedWriter.Part filePart(RoutingContext ctx, WadoRepresentation r, Path f, AsyncFile file) {
    try {
      String location = base() + ctx.request().path() + "/instances/" + f.getFileName();
      file.endHandler(v -> file.close());
      return new MultipartRelatedWriter.Part(r.partContentType(), location, Files.size(f), file, file::close);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void frames(RoutingContext ctx) {
    WadoRepresentation r = negotiate(ctx.request(), WadoTarget.FRAMES).forStored(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    Context context = vertx.getOrCreateContext();
    MultipartRelatedWriter w = MultipartRelatedWriter.forResponse(ctx.response(), r.mediaType(), null);
    Iterator<String> it = List.of(ctx.pathParam("frames").split(",")).iterator();
    w.writeAll(() -> {
      if (!it.hasNext()) {
        return io.vertx.core.Future.succeededFuture();
      }
      String n = it.next();
      byte[] bytes = frame(Integer.parseInt(n));
      String location = base() + ctx.request().path().replaceAll("/frames/.*", "/frames/" + n);
      return io.vertx.core.Future.succeededFuture(new MultipartRelatedWriter.Part(r.partContentType(), location,
          n.equals("2") ? -1 : bytes.length, new ChunkedSource(context, bytes, 4093, -1)));
    });
  }

  /** Three parts of 200,000 bytes; the third breaks after {@link #CUT_AFTER} bytes. */
  private void cut(RoutingContext ctx) {
    Context context = vertx.getOrCreateContext();
    MultipartRelatedWriter w = MultipartRelatedWriter.forResponse(ctx.response(), "application/dicom", null);
    int[] i = {0};
    w.writeAll(() -> {
      if (i[0] == 3) {
        return io.vertx.core.Future.succeededFuture();
      }
      int n = ++i[0];
      byte[] bytes = new byte[200_000];
      new Random(n).nextBytes(bytes);
      ChunkedSource source = new ChunkedSource(context, bytes, 8192, n == 3 ? CUT_AFTER : -1);
      cutSources.add(source);
      return io.vertx.core.Future.succeededFuture(new MultipartRelatedWriter.Part("application/dicom; transfer-syntax="
          + WadoNegotiation.ELE, null, bytes.length, source, () -> cancelled.add(n == 3)));
    });
  }

  private static WadoNegotiation negotiate(HttpServerRequest request, WadoTarget target) {
    return WadoNegotiation.negotiate(target, request.headers().getAll("Accept"), request.getParam("accept"));
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
