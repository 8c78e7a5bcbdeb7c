package org.xcaibridge.cache;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the files of downloads just stored open for a moment, so that a reader who comes for one right after it was
 * stored reads it through the writer's own channel ({@link StoreCore#join}) instead of opening the entry on a worker:
 * during a series retrieval the viewer's side is often a few instances behind the network, and each of those reads
 * would cost a worker hop (a wake-up of a worker, then of the event loop) and an open and a close. Holds are let go of
 * oldest first beyond {@link #capacity} files or {@link #maxBytes} bytes, after {@link #keepMillis}, and all at once
 * when the store closes. A file held here after its entry was evicted still reads whole (the descriptor keeps it); its
 * space returns when it is let go, so the byte bound is how far the disk may go over the cache's budget meanwhile.
 * Any thread.
 */
final class RecentFiles {
  /** Files kept at most: a series retrieval's lag between network and viewer, with room. */
  static final int CAPACITY = 64;
  /** Bytes of files kept at most: a larger file is not kept (a worker hop is nothing beside reading it). */
  static final long MAX_BYTES = 256L << 20;
  /** How long a stored file is kept open for a reader to come. */
  static final long KEEP_MILLIS = 1000;

  private record Held(SharedFile file, long bytes, long sinceNanos) {}

  private final Vertx vertx;
  private final int capacity;
  private final long maxBytes;
  private final long keepMillis;
  private final ArrayDeque<Held> held = new ArrayDeque<>(); // guarded by this
  private long bytes; // guarded by this: of the files held
  private boolean timed; // guarded by this: an expiry is scheduled
  private boolean closed; // guarded by this

  RecentFiles(Vertx vertx, int capacity, long maxBytes, long keepMillis) {
    this.vertx = vertx;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.keepMillis = keepMillis;
  }

  /**
   * Takes over one hold on {@code file} (the caller's), {@code fileBytes} long, to be let go of later; at once when the
   * store is closed or the file alone is over the byte bound.
   */
  void keep(SharedFile file, long fileBytes) {
    List<SharedFile> out = new ArrayList<>();
    boolean schedule;
    synchronized (this) {
      if (closed || fileBytes > maxBytes) {
        out.add(file);
      } else {
        held.addLast(new Held(file, fileBytes, System.nanoTime()));
        bytes += fileBytes;
      }
      while (held.size() > capacity || bytes > maxBytes) {
        out.add(letGoOfOldest());
      }
      schedule = !timed && !held.isEmpty();
      timed |= schedule;
    }
    out.forEach(SharedFile::release);
    if (schedule) {
      schedule(keepMillis);
    }
  }

  /** How many holds are kept now. */
  synchronized int size() {
    return held.size();
  }

  /** Lets go of every hold, now and from now on. */
  void close() {
    List<SharedFile> out = new ArrayList<>();
    synchronized (this) {
      closed = true;
      while (!held.isEmpty()) {
        out.add(letGoOfOldest());
      }
    }
    out.forEach(SharedFile::release);
  }

  private void schedule(long millis) {
    try {
      vertx.setTimer(Math.max(1, millis), id -> expire());
    } catch (RuntimeException closing) { // Vert.x shutting down: no timer will fire
      close();
    }
  }

  private void expire() {
    long keepNanos = TimeUnit.MILLISECONDS.toNanos(keepMillis);
    long now = System.nanoTime();
    List<SharedFile> out = new ArrayList<>();
    long next = -1; // millis until the oldest one left expires
    synchronized (this) {
      while (!held.isEmpty() && now - held.peekFirst().sinceNanos() >= keepNanos) {
        out.add(letGoOfOldest());
      }
      if (!held.isEmpty()) {
        next = TimeUnit.NANOSECONDS.toMillis(held.peekFirst().sinceNanos() + keepNanos - now) + 1;
      }
      timed = next >= 0;
    }
    out.forEach(SharedFile::release);
    if (next >= 0) {
      schedule(next);
    }
  }

  private SharedFile letGoOfOldest() { // holding this
    Held h = held.removeFirst();
    bytes -= h.bytes();
    return h.file();
  }
}
