package org.xcaibridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import org.xcaibridge.responder.FolderArchive;
import org.xcaibridge.responder.ManifestSettings;
import org.xcaibridge.responder.ResponderIdentity;
import org.xcaibridge.responder.ResponderSettings;
import org.xcaibridge.responder.RespondingGateway;

/**
 * The benchmarks' responding gateway in a JVM of its own ({@link ChildJvm}), as a remote community's would be:
 * serves the DICOM files of a folder on a free loopback port until its standard input closes.
 *
 * <p>Usage: BenchResponder folder dataDir
 */
public final class BenchResponder {
  static final ResponderIdentity ID = new ResponderIdentity("1.3.6.1.4.1.21367.13.70.900",
      "1.3.6.1.4.1.21367.13.80.900", "1.3.6.1.4.1.21367.13.20.900");

  private BenchResponder() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = org.xcaibridge.ops.VertxRuntime.create(); // as Main runs
    try {
      FolderArchive archive = BridgeRetrievalBench.await(FolderArchive.start(vertx, new FolderArchive.Options(
          Path.of(args[0]), Path.of(args[1]), new ManifestSettings(ID.repositoryUniqueId(), "BENCH"), Duration.ZERO)));
      BridgeRetrievalBench.await(archive.verified());
      HttpServer server = BridgeRetrievalBench.await(new RespondingGateway(vertx, archive, ID,
          ResponderSettings.DEFAULT).listen("127.0.0.1", 0));
      ChildJvm.serveUntilParentCloses("http://127.0.0.1:" + server.actualPort());
    } finally {
      BridgeRetrievalBench.await(vertx.close());
    }
  }
}
