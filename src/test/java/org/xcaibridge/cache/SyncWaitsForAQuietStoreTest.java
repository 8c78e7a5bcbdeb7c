package org.xcaibridge.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcaibridge.cache.EntryFile.Entry;

/**
 * New entries are fsynced once the store is quiet, not while it downloads (a study retrieval's fsyncs cost about as
 * much CPU as its writes, and they do not make what the viewer gets any safer: a torn entry is caught at start-up):
 * while a download runs they wait; once none has run for the quiet time they are synced; under downloads that never
 * stop they are synced all the same once the oldest has waited the longest delay; a flush syncs at once.
 */
class SyncWaitsForAQuietStoreTest {
  private static final long QUIET_MILLIS = 50;
  private static final long MAX_DELAY_MILLIS = 1_500;
  @TempDir
  Path dir;
  Vertx vertx;
  WorkerExecutor thread;
  final AtomicBoolean downloading = new AtomicBoolean(true);
  EntrySync sync;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    thread = vertx.createSharedWorkerExecutor("sync-test", 1);
    sync = new EntrySync(vertx, thread, downloading::get, e -> { }, QUIET_MILLIS, MAX_DELAY_MILLIS);
  }

  @AfterEach
  void stop() {
    Await.result(sync.close());
    Await.result(vertx.close());
  }

  @Test
  void entriesWaitWhileTheStoreDownloadsAndAreSyncedOnceItIsQuiet() throws Exception {
    sync.add(entry("a"));
    sync.add(entry("b"));
    Thread.sleep(8 * QUIET_MILLIS);
    assertThat(sync.synced()).as("synced while downloading").isZero();
    downloading.set(false);
    Await.until("synced once quiet", () -> sync.synced() == 2);
  }

  @Test
  void underDownloadsThatNeverStopTheOldestWaitsNoLongerThanTheMaxDelay() throws Exception {
    long t0 = System.nanoTime();
    sync.add(entry("a"));
    Await.until("synced after the max delay", () -> sync.synced() == 1);
    assertThat((System.nanoTime() - t0) / 1e6).as("ms before the sync").isGreaterThanOrEqualTo(MAX_DELAY_MILLIS);
  }

  @Test
  void aFlushSyncsAtOnce() throws Exception {
    sync.add(entry("a"));
    Await.result(sync.flush());
    assertThat(sync.synced()).isEqualTo(1);
  }

  private Entry entry(String name) throws Exception {
    Path p = Files.writeString(dir.resolve(name), name);
    return new Entry(null, p, Files.size(p), 0, 0);
  }
}
