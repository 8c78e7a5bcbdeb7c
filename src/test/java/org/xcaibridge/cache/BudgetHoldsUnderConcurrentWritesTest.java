package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six writers store 120 instances of 0.5–3.5 MiB into a 32 MiB store at once while a sampler adds up
 * the files on disk: the total never exceeds the budget by more than the downloads in flight, evicted
 * files are deleted, and what is left on disk is exactly what the index holds, each entry intact.
 */
class BudgetHoldsUnderConcurrentWritesTest {
  static final long BUDGET = 32L << 20;
  static final long MAX_INSTANCE = 4L << 20;
  static final long MAX_FILE = MAX_INSTANCE + (64 << 10); // Part 10 bytes plus trailer
  static final int WRITERS = 6;
  static final int PER_WRITER = 20;

  @TempDir
  Path dir;
  Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close());
  }

  @Test
  void filesOnDiskStayWithinBudgetPlusInFlight() throws Exception {
    InstanceStore store = Await.result(InstanceStore.open(vertx,
        new CacheSettings(StoreSettings.of(dir, BUDGET).withMaxInstanceBytes(MAX_INSTANCE), MetadataSettings.defaults())));
    Random random = new Random(5);
    List<List<Synthetic.Instance>> plans = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      List<Synthetic.Instance> plan = new ArrayList<>();
      for (int i = 0; i < PER_WRITER; i++) {
        int frames = 8 + random.nextInt(48); // 256 × 256 bytes per frame: 0.5 to 3.5 MiB
        plan.add(Synthetic.instance(Synthetic.key(5, w, i), 256, 256, frames));
      }
      plans.add(plan);
    }

    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong worstExcess = new AtomicLong(Long.MIN_VALUE);
    List<String> violations = new ArrayList<>();
    Thread sampler = new Thread(() -> {
      while (writing.get()) {
        long before = store.stats().inFlightDownloads();
        long onDisk = bytesUnder(dir.resolve("entries")) + bytesUnder(dir.resolve("tmp"));
        long inFlight = Math.max(before, store.stats().inFlightDownloads());
        long excess = onDisk - BUDGET;
        worstExcess.accumulateAndGet(excess, Math::max);
        if (excess > inFlight * MAX_FILE) {
          synchronized (violations) {
            violations.add(onDisk + " bytes on disk with " + inFlight + " downloads in flight");
          }
        }
      }
    });
    sampler.start();
    List<Future<Void>> writers = new ArrayList<>();
    for (List<Synthetic.Instance> plan : plans) {
      Future<Void> chain = Future.succeededFuture();
      for (Synthetic.Instance i : plan) {
        chain = chain.compose(v -> store.instance(i.key(), () -> Future.succeededFuture(i.stream(vertx, 64 << 10, 0)))
            .compose(Await::sha256)
            .map(sha -> {
              assertThat(sha).isEqualTo(i.sha256());
              return null;
            }));
      }
      writers.add(chain);
    }
    for (Future<Void> w : writers) {
      Await.result(w, 120);
    }
    writing.set(false);
    sampler.join();

    assertThat(violations).isEmpty();
    assertThat(worstExcess.get()).as("the sampler saw the store full").isGreaterThan(-MAX_FILE);
    CacheStats s = store.stats();
    assertThat(s.committed()).isEqualTo(WRITERS * PER_WRITER);
    assertThat(s.evictions()).isGreaterThan(0);
    assertThat(s.storeBytes()).isLessThanOrEqualTo(BUDGET);
    assertThat(Files.list(dir.resolve("tmp")).count()).isZero();

    // the files are exactly the index's entries: evicted ones are gone
    List<Path> files = files(dir.resolve("entries"));
    assertThat(files).hasSize((int) s.storeEntries());
    assertThat(files.stream().mapToLong(BudgetHoldsUnderConcurrentWritesTest::size).sum()).isEqualTo(s.storeBytes());
    Set<Path> indexed = new HashSet<>();
    int present = 0;
    for (List<Synthetic.Instance> plan : plans) {
      for (Synthetic.Instance i : plan) {
        if (store.summary(i.key()).isPresent()) {
          present++;
          InstanceStream in = Await.result(store.get(i.key())).orElseThrow();
          assertThat(Await.result(Await.sha256(in))).isEqualTo(i.sha256());
          indexed.add(files.stream().filter(f -> f.getFileName().toString().startsWith(i.key().fileStem())).findFirst()
              .orElseThrow(() -> new AssertionError("no file for indexed " + i.key())));
        }
      }
    }
    assertThat(present).isEqualTo(files.size());
    assertThat(indexed).containsExactlyInAnyOrderElementsOf(files);
    Await.result(store.close());
  }

  private static long bytesUnder(Path p) {
    long n = 0;
    for (Path f : files(p)) {
      n += size(f);
    }
    return n;
  }

  private static List<Path> files(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toList());
    } catch (UncheckedIOException | IOException e) {
      return files(p); // a file vanished during the walk: walk again
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (NoSuchFileException gone) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
