package org.xcaibridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.xcaibridge.responder.RespondingGateway;

/**
 * {@code responder --folder DIR} runs the responding gateway alone over that folder (no front, no demo generated),
 * and the bridge's {@code --data DIR} serves that folder instead of the demo; in both, IPF's ITI-38 client finds
 * the folder's study for its patient in the responder's identity domain, and the index lives under the work
 * directory.
 */
class ResponderCommandAndDataOptionServeAFolderTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private Launcher.Running running;
  private Path folder;
  private String patientId;

  @BeforeEach
  void folderOfOneStudy() throws Exception {
    vertx = Vertx.vertx();
    folder = temp.resolve("dicom");
    patientId = DemoSet.generate(folder, 1).patientId();
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private Launcher.Running start(LaunchOptions.Mode mode, String... args) throws Exception {
    return ServeCommand.start(vertx, mode, args, Map.of(), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
  }

  private void ipfFindsOneStudy() throws Exception {
    try (IpfFindDocuments ipf = new IpfFindDocuments()) {
      QueryResponse r = ipf.find(running.responderUrl() + RespondingGateway.ITI38_PATH, patientId,
          running.config.responder().assigningAuthority());
      assertThat(r.getStatus()).as("%s", r.getErrors()).isEqualTo(Status.SUCCESS);
      assertThat(r.getDocumentEntries()).hasSize(1);
      assertThat(r.getDocumentEntries().get(0).getHomeCommunityId())
          .isEqualTo(running.config.responder().homeCommunityId());
    }
  }

  @Test
  void theResponderCommandServesTheFolderAlone() throws Exception {
    Path work = temp.resolve("work");
    running = start(LaunchOptions.Mode.RESPONDER, "--folder", folder.toString(), "--port", "0",
        "--work-dir", work.toString());
    assertThat(running.frontPort()).as("no front in responder mode").isEqualTo(-1);
    assertThat(work.resolve(Launcher.DEMO_FOLDER)).doesNotExist();
    try (Stream<Path> index = Files.list(work.resolve(Launcher.RESPONDER_FOLDER))) {
      assertThat(index.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("folder-index-"));
    }
    ipfFindsOneStudy();
  }

  @Test
  void theBridgeServesTheDataFolderInsteadOfTheDemo() throws Exception {
    Path work = temp.resolve("work");
    running = start(LaunchOptions.Mode.BRIDGE, "--data", folder.toString(), "--port", "0", "--responder-port", "0",
        "--work-dir", work.toString());
    assertThat(running.frontPort()).isPositive();
    assertThat(running.demo).isNull();
    assertThat(work.resolve(Launcher.DEMO_FOLDER)).doesNotExist();
    ipfFindsOneStudy();
  }
}
