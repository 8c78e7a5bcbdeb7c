package org.xcaibridge.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 */
final class EntrySync {
  private static final Logger LOG = LoggerFactory.getLogger(EntrySync.class);

  private final WorkerExecutor thread;
  private final Consumer<Entry> unsynced;
  private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Promise<Void>> flushes = new ConcurrentLinkedQueue<>();
  private boolean running; // guarded by this
  private boolean closed; // guarded by this

  /** @param unsynced hears of an entry whose fsync failed (the store drops it), on the sync thread */
  EntrySync(WorkerExecutor thread, Consumer<Entry> unsynced) {
    this.thread = thread;
    this.unsynced = unsynced;
  }

  /** Whether entries of a store with these settings are synced here rather than before their rename. */
  static boolean deferred(StoreSettings settings) {
    return settings.verifyContentOnStart();
  }

  /** Queues {@code entry} (renamed into place, in the index) for its fsync. */
  void add(Entry entry) {
    pending.add(entry);
    kick();
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
      if (!pending.isEmpty() || !flushes.isEmpty()) {
        kick();
      }
    });
  }

  /** Syncs what is queued, files first, then their directories; answers the flushes asked for before. */
  private Void drain() {
    Set<Promise<Void>> answered = new HashSet<>();
    for (Promise<Void> p; (p = flushes.poll()) != null; ) {
      answered.add(p);
    }
    Set<Path> dirs = new HashSet<>();
    for (Entry e; (e = pending.poll()) != null; ) {
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
