package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With periodic rescans on, a file copied into the folder (into a new subfolder, too) shows up as an instance
 * and a deleted file's instance vanishes, each within a bound, and the stored index follows.
 */
class FolderArchiveFollowsTheFolderTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void newFileAppearsAndDeletedFileVanishes(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve("images");
    copyTree(studySets().resolve("77654033"), folder);
    FolderArchive a = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ofMillis(100))));
    assertThat(a.lastScan().instances()).isEqualTo(7);

    String added = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.3"; // CT2N/6293 of patient 98890234
    assertThat(await(a.findInstances(List.of(added)))).isEmpty();
    Files.createDirectories(folder.resolve("new/deeper"));
    Files.copy(studySets().resolve("98892001/CT2N/6293"), folder.resolve("new/deeper/incoming"));
    waitFor("the new file's instance", BOUND, () -> found(a, added));
    assertThat(await(a.patients())).extracting(ImageArchive.PatientRecord::id).containsExactly("77654033", "98890234");

    String removed = "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.93"; // CT2/17106
    assertThat(found(a, removed)).isTrue();
    Files.delete(folder.resolve("CT2/17106"));
    waitFor("the deleted file's instance to vanish", BOUND, () -> !found(a, removed));
    assertThat(await(a.instances("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1",
        "1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2"))).hasSize(3);
    await(a.close());

    // the stored index followed: a restart reads nothing and has both changes
    FolderArchive warm = await(FolderArchive.start(vertx, options(folder, dir.resolve("var"), Duration.ZERO)));
    assertThat(await(warm.verified()).filesRead()).isZero();
    assertThat(found(warm, added)).isTrue();
    assertThat(found(warm, removed)).isFalse();
    await(warm.close());
  }

  private static boolean found(ImageArchive a, String sopInstanceUid) {
    try {
      return await(a.findInstances(List.of(sopInstanceUid))).containsKey(sopInstanceUid);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
