package org.xcaibridge.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.xcaibridge.cache.EntryFile.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes new entries durable in batches, on a thread of its own, after they are already in the index: each file is
 * fsynced, then each directory they were renamed into, for all the entries that came meanwhile at once.
 *
 * <p>Why an entry may be served before its fsync: within this process the page cache holds exactly what was
 * written, so a reader sees the whole entry. Only a power cut (or a kernel crash) can lose what is not yet synced,
 * and what it leaves is then either no file (the rename was lost), a file too short for its trailer, or a file whose
 * blocks are zeros or stale: the start-up scan reads each entry's trailer (its own CRC32C) and, with
 * {@link StoreSettings#verifyContentOnStart()}, the CRC32C of its Part 10 bytes, and deletes an entry that fails
 * either, so no torn entry is ever served as whole. Without that verification the store syncs each entry before it
 * is renamed, as it always did ({@link #deferred}). Per-instance fsyncs (a few ms each, tens under load) held a
 * worker per instance and, with a reader waiting for them, the retrieval.
 *
 * <p>When: once no download has run for {@link #QUIET_MILLIS} (a viewer's study retrieval is a burst; its fsyncs,
 * which write the pages back and cost about as much CPU as writing them, then wait until it is over), or once the
 * oldest entry has waited {@link #MAX_DELAY_MILLIS} (under steady load, a batch that often, like a file system's
 * journal commit), and at {@link #flush()}. The kernel itself writes dirty pages back after about 30 s.
 */
final class EntrySync {
  static final long QUIET_MILLIS = 250;
  static final long MAX_DELAY_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(EntrySync.class);

  private final Vertx vertx;
  private final WorkerExecutor thread;
  private final BooleanSupplier downloading;
  private final Consumer<Entry> unsynced;
  private final long quietMillis;
  private final long maxDelayNanos;
  private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Promise<Void>> flushes = new ConcurrentLinkedQueue<>();
  private final AtomicLong synced = new AtomicLong();
  private boolean running; // guarded by this
  private boolean timed; // guarded by this: a look is scheduled
  private boolean closed; // guarded by this
  private long oldestNanos; // guarded by this: when the oldest pending entry came, 0 when none

  /**
   * @param downloading true while the store downloads (entries then wait, up to {@code maxDelayMillis})
   * @param unsynced    hears of an entry whose fsync failed (the store drops it), on the sync thread
   */
  EntrySync(Vertx vertx, WorkerExecutor thread, BooleanSupplier downloading, Consumer<Entry> unsynced,
      long quietMillis, long maxDelayMillis) {
    this.vertx = vertx;
    this.thread = thread;
    this.downloading = downloading;
    this.unsynced = unsynced;
    this.quietMillis = quietMillis;
    this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
  }

  /** Whether entries of a store with these settings are synced here rather than before their rename. */
  static boolean deferred(StoreSettings settings) {
    return settings.verifyContentOnStart();
  }

  /** Queues {@code entry} (renamed into place, in the index) for its fsync, done when the store is quiet. */
  void add(Entry entry) {
    pending.add(entry);
    synchronized (this) {
      if (oldestNanos == 0) {
        oldestNanos = System.nanoTime();
      }
    }
    later();
  }

  /** Entries synced so far (or found evicted first). */
  long synced() {
    return synced.get();
  }

  /** Looks again in {@link #quietMillis}: syncs then if no download runs or the oldest entry waited long enough. */
  private void later() {
    synchronized (this) {
      if (timed || running || closed) {
        return;
      }
      timed = true;
    }
    vertx.setTimer(quietMillis, id -> {
      boolean due;
      synchronized (this) {
        timed = false;
        due = oldestNanos != 0 && System.nanoTime() - oldestNanos >= maxDelayNanos;
      }
      if (pending.isEmpty()) {
        return;
      }
      if (due || !downloading.getAsBoolean()) {
        kick();
      } else {
        later();
      }
    });
  }

  /** Completes once every entry queued before the call is synced (or found gone). */
  Future<Void> flush() {
    Promise<Void> p = Promise.promise();
    flushes.add(p);
    kick();
    return p.future();
  }

  /** Releases the thread; call after {@link #flush()}. What is queued afterwards is left to the start-up check. */
  Future<Void> close() {
    synchronized (this) {
      closed = true;
    }
    flushes.forEach(Promise::tryComplete);
    return thread.close();
  }

  private void kick() {
    synchronized (this) {
      if (running || closed) {
        return;
      }
      running = true;
    }
    thread.executeBlocking(this::drain, false).onComplete(ar -> {
      synchronized (this) {
        running = false;
      }
      if (!flushes.isEmpty()) {
        kick();
      } else if (!pending.isEmpty()) {
        later();
      }
    });
  }

  /** Syncs what is queued, files first, then their directories; answers the flushes asked for before. */
  private Void drain() {
    Set<Promise<Void>> answered = new HashSet<>();
    for (Promise<Void> p; (p = flushes.poll()) != null; ) {
      answered.add(p);
    }
    synchronized (this) {
      oldestNanos = 0; // what comes from now on waits afresh
    }
    Set<Path> dirs = new HashSet<>();
    for (Entry e; (e = pending.poll()) != null; ) {
      synced.incrementAndGet();
      Path p = e.path();
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
        ch.force(true);
        dirs.add(p.getParent());
      } catch (NoSuchFileException evicted) {
        // evicted before its sync: nothing to keep
      } catch (IOException ex) {
        LOG.warn("fsync of cache entry {} failed, the entry is dropped: {}", p, ex.toString());
        unsynced.accept(e);
      }
    }
    for (Path d : dirs) {
      try {
        StoreCore.syncDirectory(d);
      } catch (IOException e) {
        LOG.warn("fsync of cache directory {} failed: {}", d, e.toString());
      }
    }
    answered.forEach(Promise::tryComplete);
    return null;
  }
}
