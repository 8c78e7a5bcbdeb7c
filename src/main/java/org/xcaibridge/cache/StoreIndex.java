package org.xcaibridge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.xcaibridge.cache.EntryFile.Entry;

/**
 * The in-memory index of complete entries: a Caffeine cache weighed in KiB of file size, bounded by the
 * store's budget (W-TinyLFU picks the victims). An entry leaves the index first and its file is deleted
 * afterwards on a worker, so a reader that opened the file before keeps reading it (POSIX unlink
 * semantics) while nobody new is handed the entry. Maintenance runs in the calling thread so that a
 * commit (on a worker) leaves the index within budget before it returns.
 */
final class StoreIndex {
  private final Cache<InstanceKey, Entry> cache;
  private final ConcurrentLinkedQueue<Path> doomed = new ConcurrentLinkedQueue<>();
  private final AtomicLong liveBytes = new AtomicLong();
  private final Counters counters;
  private final Consumer<Runnable> worker;

  /** @param worker runs a task on a worker thread (file deletion never runs on an event loop) */
  StoreIndex(long maxBytes, Counters counters, Consumer<Runnable> worker) {
    this.counters = counters;
    this.worker = worker;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes / 1024)
        .weigher((InstanceKey k, Entry e) -> (int) Math.min(Integer.MAX_VALUE, (e.fileBytes() + 1023) / 1024))
        .executor(Runnable::run)
        .removalListener((InstanceKey k, Entry e, RemovalCause cause) -> removed(e, cause))
        .build();
  }

  private void removed(Entry e, RemovalCause cause) {
    if (e == null) {
      return;
    }
    if (cause.wasEvicted()) {
      counters.evictions.increment();
    }
    liveBytes.addAndGet(-e.fileBytes());
    doomed.add(e.path());
    worker.accept(this::deleteDoomed);
  }

  Entry get(InstanceKey key) {
    return cache.getIfPresent(key);
  }

  /** True while {@code e} is the index's entry for its key (checked after opening its file). */
  boolean isCurrent(Entry e) {
    return cache.asMap().get(e.key()) == e;
  }

  /** Adds an entry, evicts down to the budget and deletes the victims' files. Call on a worker. */
  void put(Entry e) {
    liveBytes.addAndGet(e.fileBytes());
    cache.put(e.key(), e);
    cache.cleanUp();
    deleteDoomed();
  }

  void remove(InstanceKey key) {
    cache.invalidate(key);
  }

  long bytes() {
    return liveBytes.get();
  }

  long size() {
    return cache.estimatedSize();
  }

  /** Deletes the files of entries that left the index. Call on a worker. */
  void deleteDoomed() {
    for (Path p; (p = doomed.poll()) != null; ) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // left for the next start-up's scan, which deletes files the index does not hold
      }
    }
  }

  /** What opening the store found on disk. */
  record Recovery(int entries, long bytes, int droppedTemporary, int droppedCorrupt, int droppedDuplicates) {}

  /**
   * Rebuilds the index from {@code entries/}: temporary files are deleted, every entry file's trailer (and,
   * when asked, content checksum) is checked and a damaged one deleted; entries go in oldest first, so the
   * budget evicts the oldest when it shrank. Call on a worker.
   */
  Recovery recover(Path tmpDir, Path entriesDir, boolean verifyContent) throws IOException {
    int temporary = 0;
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(tmpDir)) {
      for (Path p : tmp) {
        Files.deleteIfExists(p);
        temporary++;
      }
    }
    record Found(Entry entry, FileTime modified) {}
    List<Found> found = new ArrayList<>();
    int corrupt = 0;
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(entriesDir, Files::isDirectory)) {
      for (Path shard : shards) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(EntryFile.TEMP_SUFFIX)) {
              Files.deleteIfExists(p);
              temporary++;
            } else if (name.endsWith(EntryFile.SUFFIX)) {
              Entry e = check(p, name, verifyContent);
              if (e == null) {
                Files.deleteIfExists(p);
                corrupt++;
              } else {
                found.add(new Found(e, Files.getLastModifiedTime(p)));
              }
            }
          }
        }
      }
    }
    found.sort(Comparator.comparing(Found::modified));
    Map<InstanceKey, Entry> newest = new HashMap<>();
    for (Found f : found) {
      newest.put(f.entry().key(), f.entry());
    }
    int duplicates = 0;
    for (Found f : found) {
      Entry e = f.entry();
      if (newest.get(e.key()) != e) {
        Files.deleteIfExists(e.path()); // an older copy left by a crash between a replacement and its cleanup
        duplicates++;
      } else {
        put(e);
      }
    }
    return new Recovery((int) size(), bytes(), temporary, corrupt, duplicates);
  }

  private static Entry check(Path p, String name, boolean verifyContent) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      Entry e = EntryFile.readTrailer(p, ch);
      if (!name.startsWith(e.key().fileStem() + "-")) {
        return null; // a file under another key's name: not ours to serve
      }
      if (verifyContent) {
        EntryFile.verifyContent(e, ch);
      }
      return e;
    } catch (IOException e) {
      return null;
    }
  }
}
