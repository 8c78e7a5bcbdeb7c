package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder archive over the DICOMDIR study sets (extension-less files, a DICOMDIR-less layout) holds exactly
 * the patients, studies, series and instances pydicom reads from the same files: 2 patients, 6 studies,
 * 13 series, 31 instances, every attribute equal.
 */
class FolderArchiveTreeMatchesPydicomTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void treeEqualsWhatPydicomReads(@TempDir Path work) throws Exception {
    JsonObject expected = pydicomTree(studySets());
    FolderArchive archive = await(FolderArchive.start(vertx, options(studySets(), work, Duration.ZERO)));
    JsonObject actual = tree(archive);

    assertThat(actual.getJsonArray("patients")).hasSize(2);
    assertThat(actual.getJsonArray("studies")).hasSize(6);
    assertThat(actual.getJsonArray("series")).hasSize(13);
    assertThat(actual.getJsonArray("instances")).hasSize(31);
    for (String level : new String[] {"patients", "studies", "series", "instances"}) {
      assertThat(actual.getJsonArray(level)).as(level).isEqualTo(expected.getJsonArray(level));
    }
    assertThat(archive.lastScan().filesSkipped()).isZero();
    await(archive.close());
  }
}
