package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart serves the stored index at once, then verifies it: no file whose size and modification time are
 * unchanged is read again; a file that changed while the archive was down is read again, one that vanished is
 * dropped.
 */
class FolderIndexSurvivesRestartTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void restartReadsNoUnchangedFile(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    Path work = dir.resolve("var");
    copyTree(studySets(), folder);

    FolderArchive cold = await(FolderArchive.start(vertx, options(folder, work, Duration.ZERO)));
    assertThat(cold.lastScan().filesRead()).isEqualTo(31);
    assertThat(cold.lastScan().verified()).isTrue();
    assertThat(cold.lastScan().indexProblem()).isEqualTo("no index yet");
    assertThat(cold.indexFile()).exists();
    JsonObject before = tree(cold);
    await(cold.close());

    FolderArchive warm = await(FolderArchive.start(vertx, options(folder, work, Duration.ZERO)));
    assertThat(tree(warm)).isEqualTo(before); // served from the stored index
    FolderArchive.ScanReport v = await(warm.verified());
    assertThat(v.verified()).isTrue();
    assertThat(v.indexProblem()).isNull();
    assertThat(v.filesRead()).isZero();
    assertThat(v.filesReused()).isEqualTo(31);
    assertThat(tree(warm)).isEqualTo(before);
    await(warm.close());

    // one file touched, one removed while the archive was down
    Path touched = folder.resolve("77654033/CR1/6154");
    Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 5_000));
    Files.delete(folder.resolve("98892003/MR700/4467"));

    FolderArchive again = await(FolderArchive.start(vertx, options(folder, work, Duration.ZERO)));
    FolderArchive.ScanReport r = await(again.verified());
    assertThat(r.indexProblem()).isNull();
    assertThat(r.filesRead()).isEqualTo(1);
    assertThat(r.filesReused()).isEqualTo(29);
    assertThat(r.filesRemoved()).isEqualTo(1);
    assertThat(r.instances()).isEqualTo(30);
    assertThat(tree(again)).isEqualTo(pydicomTree(folder));
    await(again.close());
  }
}
