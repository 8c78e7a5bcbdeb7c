package org.xcaibridge.responder;

import static org.xcaibridge.responder.ArchiveTestSupport.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomParseException;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadOptions;
import org.xcaibridge.dicom.Tag;
import org.xcaibridge.soap.MtomLimits;
import org.xcaibridge.soap.SoapHttpEndpoint;
import org.xcaibridge.soap.SoapWriter;

/**
 * Test glue: our retrieve services over a {@link FolderArchive} of a temporary folder, mounted by a small Router
 * on an HTTP server on 127.0.0.1 (a free port) at the paths the issue names. The identity is the one NIST's
 * responding-gateway tests configure (rig_5419 readme): homeCommunityId 1.3.6.1.4.1.21367.13.70.201, Imaging
 * Document Source E 1.3.6.1.4.1.21367.13.71.201.1.
 */
final class RetrieveRig implements AutoCloseable {
  static final ResponderIdentity IDENTITY = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.201",
      "1.3.6.1.4.1.21367.13.71.201.1", "1.3.6.1.4.1.21367.13.70.201.9");
  static final String HOME = IDENTITY.homeCommunityId();
  static final String REPOSITORY = IDENTITY.repositoryUniqueId();
  /** NIST's "unknown" Imaging Document Source (rig_5419 readme, used by rig_5426). */
  static final String UNKNOWN_REPOSITORY = "1.3.6.1.4.1.21367.13.71.201.2.999";
  static final ManifestSettings MANIFESTS = new ManifestSettings(REPOSITORY, "XCAI_RIG");

  /** A Part 10 file in the folder and the UIDs that address it. */
  record Instance(Path file, String study, String series, String sop, String transferSyntax) {}

  final Vertx vertx;
  final ImageArchive archive;
  private final HttpServer server;

  private RetrieveRig(Vertx vertx, ImageArchive archive, HttpServer server) {
    this.vertx = vertx;
    this.archive = archive;
    this.server = server;
  }

  /** Serves the files of {@code folder} (which the test owns), indexing into {@code folder}/.work. */
  static RetrieveRig start(Path folder) throws Exception {
    Vertx vertx = Vertx.vertx();
    return start(vertx, await(FolderArchive.start(vertx, new FolderArchive.Options(folder, folder.resolve(".work"),
        MANIFESTS, Duration.ZERO))));
  }

  /** Serves {@code archive}, which the rig closes with the Vert.x instance it runs on. */
  static RetrieveRig start(Vertx vertx, ImageArchive archive) throws Exception {
    SoapHttpEndpoint endpoint = new SoapHttpEndpoint(MtomLimits.DEFAULT, 1 << 20, new SoapWriter(UUID::randomUUID),
        new SecureRandom());
    Iti39Service iti39 = new Iti39Service(archive, IDENTITY, endpoint);
    Rad69Service rad69 = new Rad69Service(archive, IDENTITY, endpoint);
    Rad75Service rad75 = new Rad75Service(archive, IDENTITY, endpoint);
    Router router = Router.router(vertx);
    router.route("/xca/iti39").handler(ctx -> iti39.handle(ctx.request()));
    router.route("/xdsi/rad69").handler(ctx -> rad69.handle(ctx.request()));
    router.route("/xcai/rad75").handler(ctx -> rad75.handle(ctx.request()));
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(router);
    await(server.listen());
    return new RetrieveRig(vertx, archive, server);
  }

  /** Copies fixture files (paths under the shared DICOM fixtures) into {@code folder}. */
  static Path copyFixtures(Path folder, String... relativePaths) throws IOException {
    for (String p : relativePaths) {
      Path source = org.xcaibridge.dicom.Fixtures.sharedDicom().resolve(p);
      if (Files.isDirectory(source)) {
        ArchiveTestSupport.copyTree(source, folder.resolve(source.getFileName()));
      } else {
        Files.createDirectories(folder);
        Files.copy(source, folder.resolve(source.getFileName()));
      }
    }
    return folder;
  }

  /** Every instance under {@code folder} (the work directory aside, and files our reader cannot read whole), in path order. */
  static List<Instance> instances(Path folder) throws IOException {
    List<Instance> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.work/")).sorted().toList()) {
        DicomFile f;
        try {
          f = DicomReader.read(Files.readAllBytes(p), ReadOptions.HEADERS);
        } catch (DicomParseException e) {
          continue;
        }
        out.add(new Instance(p, f.dataset().string(Tag.StudyInstanceUID), f.dataset().string(Tag.SeriesInstanceUID),
            f.dataset().string(Tag.SOPInstanceUID), f.transferSyntax().uid()));
      }
    }
    return out;
  }

  static Instance byFile(List<Instance> instances, String fileName) {
    return instances.stream().filter(i -> i.file().getFileName().toString().equals(fileName)).findFirst()
        .orElseThrow(() -> new AssertionError("no instance in file " + fileName));
  }

  int port() {
    return server.actualPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() throws Exception {
    try {
      await(server.close());
      await(archive.close());
    } finally {
      await(vertx.close());
    }
  }
}
