package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work directory may lie inside the folder served, or be the folder itself: the index stored there is
 * neither an instance nor a skipped file, and storing it again does not make the next pass read anything.
 */
class WorkDirInsideTheFolderIsNotIndexedTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void workDirInside(@TempDir Path dir) throws Exception {
    copyTree(studySets().resolve("77654033"), dir);
    check(dir, dir.resolve("var"));
  }

  @Test
  void workDirIsTheFolder(@TempDir Path dir) throws Exception {
    copyTree(studySets().resolve("77654033"), dir);
    check(dir, dir);
  }

  private void check(Path folder, Path work) throws Exception {
    FolderArchive a = await(FolderArchive.start(vertx, options(folder, work, Duration.ZERO)));
    assertThat(a.indexFile()).exists().startsWith(a.folder());
    assertThat(a.lastScan().instances()).isEqualTo(7);
    assertThat(a.lastScan().filesSkipped()).isZero();
    FolderArchive.ScanReport again = await(a.rescan());
    assertThat(again.filesRead()).isZero();
    assertThat(again.filesReused()).isEqualTo(7);
    await(a.close());
  }
}
