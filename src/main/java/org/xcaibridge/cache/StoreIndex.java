package org.xcaibridge.cache;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.xcaibridge.cache.EntryFile.Entry;

/**
 * The in-memory index of complete entries, least recently used first, bounded by the store's byte
 * budget (file sizes, trailers included). LRU rather than Caffeine's W-TinyLFU: TinyLFU may refuse a
 * newcomer whose access count does not beat the victim's, and for this store that would mean deleting an
 * instance right after downloading it and downloading it again at the next request; a fresh entry here
 * is always the last to go.
 *
 * <p>An entry leaves the index first and its file is deleted afterwards, so a reader that opened the
 * file before keeps reading it (POSIX unlink semantics: the data lives until the last descriptor
 * closes) while nobody new is handed the entry. A commit (on a worker) deletes its victims before it
 * returns, so the files on disk exceed the budget only by the downloads in flight.
 */
final class StoreIndex {
  private final LinkedHashMap<InstanceKey, Entry> lru = new LinkedHashMap<>(256, 0.75f, true);
  private final ConcurrentLinkedQueue<Path> doomed = new ConcurrentLinkedQueue<>();
  private final long maxBytes;
  private final Counters counters;
  private final Consumer<Runnable> worker;
  private long bytes;

  /** @param worker runs a task on a worker thread (file deletion never runs on an event loop) */
  StoreIndex(long maxBytes, Counters counters, Consumer<Runnable> worker) {
    this.maxBytes = maxBytes;
    this.counters = counters;
    this.worker = worker;
  }

  /** The entry for {@code key}, which becomes the most recently used. */
  synchronized Entry get(InstanceKey key) {
    return lru.get(key);
  }

  /** True while {@code e} is the index's entry for its key (checked after opening its file). */
  synchronized boolean isCurrent(Entry e) {
    return lru.get(e.key()) == e;
  }

  /** Adds an entry, evicts the least recently used down to the budget and deletes their files. Call on a worker. */
  void put(Entry e) {
    synchronized (this) {
      Entry old = lru.put(e.key(), e);
      if (old != null) {
        drop(old);
      }
      bytes += e.fileBytes();
      Iterator<Entry> eldest = lru.values().iterator();
      while (bytes > maxBytes && eldest.hasNext()) {
        Entry victim = eldest.next();
        eldest.remove();
        drop(victim);
        counters.evictions.increment();
      }
    }
    deleteDoomed();
  }

  /** Removes an entry; its file is deleted on a worker. */
  void remove(InstanceKey key) {
    synchronized (this) {
      Entry old = lru.remove(key);
      if (old == null) {
        return;
      }
      drop(old);
    }
    worker.accept(this::deleteDoomed);
  }

  private void drop(Entry e) {
    bytes -= e.fileBytes();
    doomed.add(e.path());
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized long size() {
    return lru.size();
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

  /**
   * Rebuilds the index from {@code entries/}: temporary files are deleted, every entry file's trailer (and,
   * when asked, content checksum) is checked and a damaged one deleted; entries go in oldest first, so the
   * budget evicts the oldest when it shrank. Call on a worker.
   */
  InstanceStore.Recovery recover(Path tmpDir, Path entriesDir, boolean verifyContent) throws IOException {
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
    return new InstanceStore.Recovery((int) size(), bytes(), temporary, corrupt, duplicates);
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
