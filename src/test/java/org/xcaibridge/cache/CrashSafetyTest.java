package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing instances is killed with SIGKILL in the middle of one; twice, the second time after
 * it reopened the store the first kill left. After each kill a fresh store holds exactly the files it
 * indexes, every one of them intact, and never the instance that was being written.
 */
class CrashSafetyTest {
  @TempDir
  Path dir;
  Vertx vertx;
  Process child;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly().waitFor();
    }
    Await.result(vertx.close());
  }

  @Test
  void killedMidWriteLeavesNoPartialInstance() throws Exception {
    int next = 1;
    for (int round = 1; round <= 2; round++) {
      Set<Integer> committed = ConcurrentHashMap.newKeySet();
      int[] started = {0};
      child = new ProcessBuilder(javaCommand(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), dir.toString(), Integer.toString(next)).redirectErrorStream(true).start();
      Thread out = follow(child, committed, started);
      Await.until("the child committed 3 instances", () -> committed.size() >= 3);
      Await.until("the child is half-way through an instance", () -> tempBytes() > 2L << 20);
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing, no cleanup
      assertThat(child.waitFor()).isEqualTo(137);
      out.join();
      assertThat(tempBytes()).as("a partial download was left behind by the kill").isGreaterThan(0);
      int killedDuring = started[0];

      InstanceStore store = Await.result(InstanceStore.open(vertx, CacheSettings.of(dir, 1L << 30)));
      assertThat(store.recovery().droppedTemporary()).isEqualTo(1);
      assertThat(store.recovery().droppedCorrupt()).isZero();
      assertThat(tempBytes()).isZero();
      InstanceKey partial = CrashWriter.instance(killedDuring).key();
      assertThat(store.summary(partial)).isEmpty();
      assertThat(Await.result(store.get(partial))).isEmpty();

      // the index matches the files, and each is the instance it claims to be
      List<Path> files = entryFiles();
      assertThat(files).hasSize((int) store.stats().storeEntries());
      assertThat(store.recovery().entries()).isEqualTo(files.size());
      int served = 0;
      for (int n = 1; n < killedDuring; n++) {
        Synthetic.Instance i = CrashWriter.instance(n);
        assertThat(store.summary(i.key())).as("instance %d, committed before the kill", n).isPresent();
        assertThat(Await.result(Await.sha256(Await.result(store.get(i.key())).orElseThrow()))).isEqualTo(i.sha256());
        served++;
      }
      assertThat(served).isEqualTo(files.size()).isGreaterThanOrEqualTo(committed.size());
      Await.result(store.close());
      next = killedDuring; // the next child starts again with the instance that was cut short
    }
  }

  private static String javaCommand() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Thread follow(Process p, Set<Integer> committed, int[] started) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] f = line.split(" ");
          if (f[0].equals("committed")) {
            committed.add(Integer.parseInt(f[1]));
          } else if (f[0].equals("started")) {
            synchronized (started) {
              started[0] = Integer.parseInt(f[1]);
            }
          } else {
            System.err.println("child: " + line);
          }
        }
      } catch (IOException ignored) {
        // the child was killed
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private long tempBytes() {
    try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
      return s.mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private List<Path> entryFiles() throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("entries"))) {
      return s.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }
}
