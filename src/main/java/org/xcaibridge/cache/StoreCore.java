package org.xcaibridge.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xcaibridge.cache.EntryFile.Entry;

/**
 * What the store's parts share: settings, the worker executor for file work, the index, the counters,
 * the downloads in flight and the directory layout ({@code tmp/} for downloads, {@code entries/xx/} for
 * complete entries, on one file system so that a rename is atomic).
 */
final class StoreCore {
  final Vertx vertx;
  final StoreSettings settings;
  final WorkerExecutor io;
  final EntrySync sync;
  final Counters counters;
  final StoreIo files;
  final Path tmpDir;
  final Path entriesDir;
  final ConcurrentHashMap<InstanceKey, InstanceFlight> flights = new ConcurrentHashMap<>();
  final ConcurrentHashMap<SeriesKey, SeriesFlight> seriesFlights = new ConcurrentHashMap<>();
  final Set<InstanceStream> readers = ConcurrentHashMap.newKeySet();
  final RecentFiles recent;
  /** How long a channel let go of may wait for a worker hop to close it before one is made for it. */
  static final long CLOSE_DELAY_MILLIS = 100;
  private final ConcurrentLinkedQueue<FileChannel> toClose = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closeTimed = new AtomicBoolean();
  StoreIndex index;

  /** @param syncThread one thread for {@link EntrySync}'s batched fsyncs */
  StoreCore(Vertx vertx, StoreSettings settings, WorkerExecutor io, WorkerExecutor syncThread, Counters counters,
      StoreIo files) {
    this.vertx = vertx;
    this.settings = settings;
    this.io = io;
    this.sync = new EntrySync(vertx, syncThread, () -> !flights.isEmpty(), e -> {
      if (index.isCurrent(e)) {
        index.remove(e.key());
      }
    }, EntrySync.QUIET_MILLIS, EntrySync.MAX_DELAY_MILLIS);
    this.counters = counters;
    this.files = files;
    this.recent = new RecentFiles(vertx, RecentFiles.CAPACITY, RecentFiles.MAX_BYTES, RecentFiles.KEEP_MILLIS);
    this.tmpDir = settings.directory().resolve("tmp");
    this.entriesDir = settings.directory().resolve("entries");
  }

  /**
   * Runs blocking file work on the store's workers; the result arrives on the calling context. Channels let go of
   * since the last hop are closed first (see {@link #closeLater}).
   */
  <T> Future<T> blocking(Callable<T> work) {
    try {
      return io.executeBlocking(() -> {
        closePending();
        return work.call();
      }, false);
    } catch (RejectedExecutionException closed) {
      return Future.failedFuture(new CacheException.Io("the cache is closed", closed));
    }
  }

  /**
   * Closes {@code ch} in the next worker hop, whatever it is for: a cold retrieval makes one per instance anyway, so
   * the close costs no wake-up of its own. An idle store closes it after {@link #CLOSE_DELAY_MILLIS} at the latest.
   * Any thread.
   */
  void closeLater(FileChannel ch) {
    toClose.add(ch);
    if (closeTimed.compareAndSet(false, true)) {
      try {
        vertx.setTimer(CLOSE_DELAY_MILLIS, id -> {
          closeTimed.set(false);
          if (!toClose.isEmpty()) {
            blocking(() -> null);
          }
        });
      } catch (RuntimeException closing) { // Vert.x shutting down: no hop will come
        closeTimed.set(false);
        closePending();
      }
    }
  }

  /** On a worker (or at shutdown): closes what {@link #closeLater} queued. */
  void closePending() {
    for (FileChannel ch; (ch = toClose.poll()) != null; ) {
      EntryCommit.quietly(ch::close);
    }
  }

  /** A fresh name pair for a download of {@code key}: a temporary file and the entry it becomes. */
  Path[] newPaths(InstanceKey key) {
    String stem = key.fileStem();
    String name = stem + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    return new Path[] {tmpDir.resolve(name + EntryFile.TEMP_SUFFIX),
        entriesDir.resolve(stem.substring(0, 2)).resolve(name + EntryFile.SUFFIX)};
  }

  /** Opens a complete entry for reading, or gives null when it left the index before it was open. */
  Future<InstanceStream> open(Entry e, Context ctx) {
    return blocking(() -> {
      FileChannel ch;
      try {
        ch = FileChannel.open(e.path(), StandardOpenOption.READ);
      } catch (NoSuchFileException gone) {
        return null;
      }
      if (!index.isCurrent(e)) {
        ch.close();
        return null;
      }
      long length = e.summary().part10Length();
      return new InstanceStream(e.key(), length, this, ctx, InstanceSource.fixed(length),
          new SharedFile(Future.succeededFuture(ch), this));
    });
  }

  /**
   * A reader that follows {@code f} from its first byte. While the download runs, and for a moment after it was
   * stored ({@link RecentFiles}), the reader is there at once and holds the download's own channel, being created or
   * open (a reader that keeps up takes the bytes from memory and never reads it); later, the file is opened first, so
   * that an entry evicted meanwhile is told as {@link CacheException.Gone} here, where the caller can ask for it again.
   */
  Future<InstanceStream> join(InstanceFlight f, Context ctx) {
    if ((f.running() || f.complete()) && f.shared.retain()) { // the flight's own channel: no worker hop to open it
      return Future.succeededFuture(new InstanceStream(f.key, -1, this, ctx, f, f.shared));
    }
    return openFollowed(f).map(file -> new InstanceStream(f.key, -1, this, ctx, f, file));
  }

  /**
   * The file of {@code f}, opened on a worker once it exists: the temporary one, or the entry it became (tried first
   * once the download is over).
   */
  private Future<SharedFile> openFollowed(InstanceFlight f) {
    return f.created().compose(v -> blocking(() -> {
      Path first = f.complete() ? f.finalPath : f.tempPath;
      Path then = first == f.tempPath ? f.finalPath : f.tempPath;
      try {
        return FileChannel.open(first, StandardOpenOption.READ);
      } catch (NoSuchFileException renamed) {
        try {
          return FileChannel.open(then, StandardOpenOption.READ);
        } catch (NoSuchFileException evicted) {
          if (f.failure() != null) {
            throw f.failure() instanceof Exception x ? x : new IOException(f.failure());
          }
          throw new CacheException.Gone("the download of " + f.key
              + " completed and was evicted before it could be read");
        }
      }
    })).map(ch -> new SharedFile(Future.succeededFuture(ch), this));
  }

  /** Fsyncs a directory, so that a rename into it survives a power cut. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }
}
