package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening the store checks every file: damaged content, a truncated file, a damaged trailer, a file under
 * another key's name and leftover temporary files are deleted; of two copies of one entry the newer
 * stays. Only intact entries are served.
 */
class RestartDropsDamagedFilesTest {
  @TempDir
  Path dir;
  Vertx vertx;
  final List<Synthetic.Instance> instances = new ArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    for (int n = 1; n <= 5; n++) {
      instances.add(Synthetic.instance(Synthetic.key(8, 1, n), 128, 128, 8 + n));
    }
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void damagedFilesAreDroppedOnOpen() throws IOException {
    List<Path> files = fill();
    Path contentFlipped = files.get(0);
    Path truncated = files.get(1);
    Path trailerFlipped = files.get(2);
    Path intact = files.get(3);
    Path misnamed = files.get(4);
    flip(contentFlipped, 5000);
    try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    flip(trailerFlipped, Files.size(trailerFlipped) - EntryFile.FOOTER - 3);
    Path renamed = misnamed.resolveSibling(instances.get(0).key().fileStem() + "-0000000000000001" + EntryFile.SUFFIX);
    Files.move(misnamed, renamed);
    Path olderCopy = intact.resolveSibling(instances.get(3).key().fileStem() + "-0000000000000002" + EntryFile.SUFFIX);
    Files.copy(intact, olderCopy);
    Files.setLastModifiedTime(olderCopy, FileTime.fromMillis(Files.getLastModifiedTime(intact).toMillis() - 60_000));
    Files.write(dir.resolve("tmp").resolve("leftover" + EntryFile.TEMP_SUFFIX), new byte[1000]);
    Files.write(intact.resolveSibling("stray" + EntryFile.TEMP_SUFFIX), new byte[10]);

    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
    assertThat(store.recovery()).isEqualTo(new InstanceStore.Recovery(1, Files.size(intact), 2, 4, 1));
    assertThat(entryFiles()).containsExactly(intact);
    assertThat(Await.result(Await.sha256(Await.result(store.get(instances.get(3).key())).orElseThrow())))
        .isEqualTo(instances.get(3).sha256());
    for (int n : new int[] {0, 1, 2, 4}) {
      assertThat(Await.result(store.get(instances.get(n).key()))).isEmpty();
    }
    Await.result(store.close());
  }

  @Test
  void withoutContentVerificationOnlyTheTrailerIsChecked() throws IOException {
    List<Path> files = fill();
    flip(files.get(0), 5000);
    flip(files.get(1), Files.size(files.get(1)) - 10);
    InstanceStore store = Await.result(InstanceStore.open(vertx,
        new CacheSettings(StoreSettings.of(dir, 64L << 20).withVerifyContentOnStart(false), MetadataSettings.defaults())));
    // the cheaper start trusts Part 10 bytes that fsync and rename once vouched for, but still reads every trailer
    assertThat(store.recovery().entries()).isEqualTo(4);
    assertThat(store.recovery().droppedCorrupt()).isEqualTo(1);
    Await.result(store.close());
  }

  /** Stores the five instances and returns their files in instance order. */
  private List<Path> fill() throws IOException {
    InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 64L << 20)));
    List<Path> files = new ArrayList<>();
    for (Synthetic.Instance i : instances) {
      Await.result(store.instance(i.key(), () -> Future.succeededFuture(i.stream(vertx, 8 << 10, 0))).compose(Await::sha256));
      files.add(entryFiles().stream().filter(p -> p.getFileName().toString().startsWith(i.key().fileStem()))
          .findFirst().orElseThrow());
    }
    Await.result(store.close());
    return files;
  }

  private static void flip(Path p, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x40);
    }
  }

  private List<Path> entryFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("entries"))) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }
}
