package org.xcaibridge.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcaibridge.responder.ArchiveTestSupport.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored index that is damaged in any byte, cut short, of another format version or not an index at all is
 * not trusted: the reader names the problem, the archive reads every file again, serves the same tree and
 * stores a good index, which the next start uses.
 */
class CorruptIndexIsRebuiltTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  @Test
  void everyFlippedByteIsDetected(@TempDir Path dir) throws Exception {
    FolderArchive a = await(FolderArchive.start(vertx, options(studySets(), dir, Duration.ZERO)));
    await(a.close());
    byte[] good = Files.readAllBytes(a.indexFile());
    String root = a.folder().toString();
    assertThat(IndexFile.read(a.indexFile(), root).problem()).isNull();
    assertThat(IndexFile.parse(good, root).entries()).hasSize(31);
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        IndexFile.Loaded l = IndexFile.parse(bad, root);
        assertThat(l.entries()).as("bit %d flipped in byte %d of %d", bit, i, good.length).isNull();
        assertThat(l.problem()).isNotBlank();
      }
    }
    for (int cut = 0; cut < good.length; cut += 7) {
      assertThat(IndexFile.parse(Arrays.copyOf(good, cut), root).problem()).as("cut at %d", cut).isNotNull();
    }
    assertThat(IndexFile.parse(good, "/some/other/folder").problem()).isEqualTo("index describes another folder");
  }

  @Test
  void damagedIndexIsRebuiltAndTheRebuiltOneIsUsed(@TempDir Path dir) throws Exception {
    FolderArchive first = await(FolderArchive.start(vertx, options(studySets(), dir, Duration.ZERO)));
    JsonObject expected = tree(first);
    await(first.close());
    Path index = first.indexFile();
    byte[] bytes = Files.readAllBytes(index);

    for (byte[] damaged : List.of(flip(bytes, bytes.length / 2), Arrays.copyOf(bytes, bytes.length / 3),
        version(bytes, 99), "not an index".getBytes())) {
      Files.write(index, damaged);
      FolderArchive rebuilt = await(FolderArchive.start(vertx, options(studySets(), dir, Duration.ZERO)));
      FolderArchive.ScanReport r = await(rebuilt.verified());
      assertThat(r).isSameAs(rebuilt.lastScan());
      assertThat(r.indexProblem()).isNotNull().isNotEqualTo("no index yet");
      assertThat(r.filesRead()).isEqualTo(31);
      assertThat(tree(rebuilt)).isEqualTo(expected);
      await(rebuilt.close());

      FolderArchive warm = await(FolderArchive.start(vertx, options(studySets(), dir, Duration.ZERO)));
      FolderArchive.ScanReport v = await(warm.verified());
      assertThat(v.indexProblem()).isNull();
      assertThat(v.filesRead()).isZero();
      assertThat(v.filesReused()).isEqualTo(31);
      await(warm.close());
    }
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 0x10;
    return c;
  }

  private static byte[] version(byte[] b, int v) {
    byte[] c = b.clone();
    c[8] = (byte) (v >>> 24);
    c[9] = (byte) (v >>> 16);
    c[10] = (byte) (v >>> 8);
    c[11] = (byte) v;
    return c;
  }
}
