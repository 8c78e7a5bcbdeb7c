package org.xcaibridge.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xcaibridge.cache.EntryFile.Entry;
import org.xcaibridge.dicom.FrameOffsetTable;
import org.xcaibridge.dicom.Frames;

/**
 * The door to the cache. Instances are served from disk when complete, joined while downloading, and
 * fetched from upstream (once, however many ask) otherwise; see the package documentation for the
 * guarantees. {@link #metadata()} is the metadata cache, {@link #stats()} the counters.
 *
 * <p>All methods may be called from an event loop: file work happens on the store's workers and results
 * arrive on the caller's context. One store per directory: a second one (in any process) fails to open.
 */
public final class InstanceStore {
  private static final AtomicInteger STORES = new AtomicInteger();

  /** What opening the store found on disk: entries indexed, and files dropped as temporary, damaged or superseded. */
  public record Recovery(int entries, long bytes, int droppedTemporary, int droppedCorrupt, int droppedDuplicates) {}

  private final StoreCore core;
  private final MetadataCache metadata;
  private final Recovery recovery;
  private final FileChannel lockFile;
  private volatile boolean closed;

  private InstanceStore(StoreCore core, MetadataCache metadata, Recovery recovery, FileChannel lockFile) {
    this.core = core;
    this.metadata = metadata;
    this.recovery = recovery;
    this.lockFile = lockFile;
  }

  /** Opens (creating if needed) the store and rebuilds its index from disk, on a worker. */
  public static Future<InstanceStore> open(Vertx vertx, CacheSettings settings) {
    return open(vertx, settings, StoreIo.DEFAULT, Ticker.systemTicker());
  }

  static Future<InstanceStore> open(Vertx vertx, CacheSettings settings, StoreIo files, Ticker ticker) {
    StoreSettings s = settings.store();
    int n = STORES.incrementAndGet();
    WorkerExecutor io = vertx.createSharedWorkerExecutor("xcai-cache-io-" + n, s.ioThreads());
    WorkerExecutor syncThread = vertx.createSharedWorkerExecutor("xcai-cache-sync-" + n, 1);
    Counters counters = new Counters();
    StoreCore core = new StoreCore(vertx, s, io, syncThread, counters, files);
    core.index = new StoreIndex(s.maxBytes(), counters, task -> core.blocking(() -> {
      task.run();
      return null;
    }));
    return core.blocking(() -> {
      Files.createDirectories(core.tmpDir);
      FileChannel lock = lock(s.directory());
      try {
        for (int i = 0; i < 256; i++) {
          Files.createDirectories(core.entriesDir.resolve(String.format("%02x", i)));
        }
        Recovery r = core.index.recover(core.tmpDir, core.entriesDir, s.verifyContentOnStart());
        StoreCore.syncDirectory(s.directory());
        return new InstanceStore(core, new MetadataCache(settings.metadata(), ticker, counters), r, lock);
      } catch (IOException | RuntimeException e) {
        lock.close();
        throw e;
      }
    }).onFailure(e -> {
      io.close();
      syncThread.close();
    });
  }

  /** Holds the directory's lock file until {@link #close()}; the OS releases it if the process dies. */
  private static FileChannel lock(Path dir) throws IOException {
    FileChannel lock = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    String problem;
    try {
      if (lock.tryLock() != null) {
        return lock;
      }
      problem = "is in use by another process";
    } catch (OverlappingFileLockException e) {
      problem = "is already open in this process";
    }
    lock.close();
    throw new IllegalStateException("the cache directory " + dir + " " + problem);
  }

  public Recovery recovery() {
    return recovery;
  }

  public MetadataCache metadata() {
    return metadata;
  }

  /** The summary of a complete entry, without touching the disk. */
  public Optional<InstanceSummary> summary(InstanceKey key) {
    Entry e = core.index.get(key);
    return e == null ? Optional.empty() : Optional.of(e.summary());
  }

  /** A complete entry's bytes, or empty: never a download in flight, never a partial instance. */
  public Future<Optional<InstanceStream>> get(InstanceKey key) {
    Entry e = core.index.get(key);
    if (e == null || closed) {
      return Future.succeededFuture(Optional.empty());
    }
    return core.open(e, context()).map(s -> {
      if (s != null) {
        core.counters.hits.increment();
      }
      return Optional.ofNullable(s);
    });
  }

  /**
   * The instance's bytes: from the store, from a download in flight (its own, or its series' when the
   * series is being retrieved: then it waits for the instance to arrive there), or from a new download
   * that {@code upstream} supplies (asked at most once per download, however many ask meanwhile). The
   * stream fails with the upstream's failure, or a {@link CacheException}, if the download fails; the
   * upstream stream is then cancelled (see {@link Cancellable}).
   */
  public Future<InstanceStream> instance(InstanceKey key, Supplier<Future<ReadStream<Buffer>>> upstream) {
    if (closed) {
      return Future.failedFuture(new CacheException.Io("the cache is closed", null));
    }
    Context ctx = context();
    if (core.flights.get(key) == null) {
      Entry e = core.index.get(key);
      if (e != null) {
        return core.open(e, ctx).compose(s -> {
          if (s != null) {
            core.counters.hits.increment();
            return Future.succeededFuture(s);
          }
          return fetch(key, upstream, ctx); // evicted between lookup and open
        });
      }
      SeriesFlight series = core.seriesFlights.get(key.series());
      if (series != null && !series.failed()) {
        // its series is being retrieved: wait for the instance to arrive there rather than ask for it again
        return series.part(key).compose(part -> {
          if (part == null) {
            return fetch(key, upstream, ctx);
          }
          core.counters.joins.increment();
          return core.join(part, ctx).recover(t -> t instanceof CacheException.Gone
              ? fetch(key, upstream, ctx) : Future.failedFuture(t));
        });
      }
    }
    return fetch(key, upstream, ctx);
  }

  private Future<InstanceStream> fetch(InstanceKey key, Supplier<Future<ReadStream<Buffer>>> upstream, Context ctx) {
    boolean[] started = {false};
    InstanceFlight f = core.flights.computeIfAbsent(key, k -> {
      started[0] = true;
      return new InstanceFlight(core, k, ctx);
    });
    if (started[0]) {
      core.counters.misses.increment();
      core.counters.upstreamRetrievals.increment();
      ctx.runOnContext(v -> f.begin(upstream));
    } else {
      core.counters.joins.increment();
    }
    return core.join(f, ctx);
  }

  /**
   * The instances of a series as one upstream retrieval delivers them, shared with every other request
   * for the series while it runs: each item is an {@link InstanceStream} that follows its download. The
   * stream ends when the retrieval has ended and every instance is stored; it fails when any part fails,
   * and the upstream stream (and the body of the instance then arriving) is cancelled (see {@link Cancellable}).
   */
  public ReadStream<InstanceStream> series(SeriesKey key, Supplier<Future<ReadStream<UpstreamInstance>>> upstream) {
    Context ctx = context();
    boolean[] started = {false};
    SeriesFlight f = core.seriesFlights.compute(key, (k, running) -> {
      if (running != null && !running.failed()) {
        return running;
      }
      started[0] = true;
      return new SeriesFlight(core, k, ctx);
    });
    if (started[0]) {
      core.counters.misses.increment();
      if (closed) {
        f.fail(new CacheException.Io("the cache is closed", null));
      } else {
        ctx.runOnContext(v -> f.begin(upstream));
      }
    } else {
      core.counters.joins.increment();
    }
    return f.new View(ctx);
  }

  /**
   * Frame {@code n} (1-based) of a complete entry, located with its stored frame offset table; empty when
   * the entry is not in the store or has no table.
   *
   * @throws org.xcaibridge.dicom.FrameNotFoundException (in the future) when the instance has no frame {@code n}
   */
  public Future<Optional<byte[]>> frame(InstanceKey key, int n) {
    Entry e = core.index.get(key);
    if (e == null || e.tableLength() == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return core.blocking(() -> {
      try (FileChannel ch = FileChannel.open(e.path(), StandardOpenOption.READ)) {
        if (!core.index.isCurrent(e)) {
          return Optional.<byte[]>empty();
        }
        FrameOffsetTable table = FrameOffsetTable.fromBytes(EntryFile.readFully(ch, e.tableOffset(), e.tableLength()).array());
        return Optional.of(Frames.frame(table, n, (offset, length) -> EntryFile.readFully(ch, offset, length).array()));
      } catch (java.nio.file.NoSuchFileException gone) {
        return Optional.<byte[]>empty();
      }
    });
  }

  /** Removes an entry; a reader already streaming it finishes. */
  public Future<Void> remove(InstanceKey key) {
    return core.blocking(() -> {
      core.index.remove(key);
      core.index.deleteDoomed();
      return null;
    });
  }

  public CacheStats stats() {
    Counters c = core.counters;
    return new CacheStats(c.hits.sum(), c.joins.sum(), c.misses.sum(), c.upstreamRetrievals.sum(), c.bytesRead.sum(),
        c.bytesWritten.sum(), c.committed.sum(), c.failedDownloads.sum(), c.evictions.sum(),
        c.inFlightDownloads.sum(), c.inFlightSeries.sum(), core.index.bytes(), core.index.size(),
        c.metadataHits.sum(), c.metadataMisses.sum(), c.metadataEvictions.sum(), metadata.weightedBytes());
  }

  /**
   * Stops every download in flight (their readers fail, nothing partial stays) and every reader still
   * open, waits for them, then releases the directory. Complete entries stay on disk for the next start.
   */
  public Future<Void> close() {
    closed = true;
    CacheException stop = new CacheException.Io("the cache is closing", null);
    List<Future<?>> running = new ArrayList<>();
    for (SeriesFlight s : core.seriesFlights.values()) {
      s.fail(stop);
      s.parts().forEach(p -> running.add(p.settled()));
    }
    for (InstanceFlight f : core.flights.values()) {
      running.add(f.settled());
      f.fail(stop);
    }
    return Future.join(running).transform(ar -> {
      List<Future<?>> shut = new ArrayList<>();
      for (InstanceStream r : core.readers) {
        shut.add(r.shut(stop));
      }
      return Future.join(shut);
    }).transform(ar -> core.sync.flush()).transform(ar -> {
      core.recent.close(); // its channels are closed in the hop below
      return core.blocking(() -> {
        core.index.deleteDoomed();
        lockFile.close();
        return null;
      });
    }).transform(ar -> core.sync.close()).transform(ar -> core.io.close());
  }

  private Context context() {
    return core.vertx.getOrCreateContext();
  }

  /** Where the store lives. */
  public Path directory() {
    return core.settings.directory();
  }
}
