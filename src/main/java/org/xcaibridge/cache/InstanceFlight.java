package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.xcaibridge.cache.EntryFile.Entry;
import org.xcaibridge.dicom.DicomFile;
import org.xcaibridge.dicom.DicomReader;
import org.xcaibridge.dicom.ReadLimits;
import org.xcaibridge.dicom.ReadOptions;

/**
 * One instance on its way from upstream into the store: the tee. Chunks are parsed on the fly (headers
 * only, pixel data passed over) and queued for the disk; the upstream is paused while more than
 * {@link StoreSettings#writeQueueBytes()} wait, so the download runs at the pace of the slower of
 * network and disk, and never at a reader's pace. Readers ({@link InstanceStream}) follow the
 * temporary file as {@link #available()} grows, and a reader that has caught up takes the bytes not yet
 * written from memory ({@link #unwritten}): the viewer gets the upstream's bytes as they come. When the
 * upstream ends the instance is checked (parses to the end, carries the key's UIDs), its trailer
 * written, the file renamed into place and indexed (fsynced before the rename, or afterwards in a batch:
 * see {@link EntrySync}); only then do readers see the end. On any failure the temporary file is deleted
 * and every reader fails with the cause. Each worker hop costs a wake-up on both sides, so the file is created by
 * the first write and the entry committed by the last, in the same hops.
 *
 * <p>State is confined to the flight's context; upstream callbacks from another context hop onto it.
 */
final class InstanceFlight implements InstanceSource {
  private enum State { RUNNING, COMPLETE, FAILED }

  private static final ReadOptions HEADER_ONLY = ReadOptions.HEADERS.withLimits(new ReadLimits(64, 64L << 20));
  private static final int MAX_BATCH = 1 << 20;
  /** A write waits for this much (or the end): each write is a hop to a worker and back, a cost of its own. */
  private static final int MIN_BATCH = 1 << 20;

  final InstanceKey key;
  final Path tempPath;
  final Path finalPath;
  private final StoreCore core;
  private final Context ctx;
  private final Promise<Void> received = Promise.promise();
  private final Promise<Entry> done = Promise.promise();
  private final Promise<Void> settled = Promise.promise();
  private final ConcurrentLinkedQueue<Runnable> wakers = new ConcurrentLinkedQueue<>();
  private final CRC32C crc = new CRC32C();
  private volatile State state = State.RUNNING;
  private volatile long written;
  /** Bytes taken from upstream (checked so far and queued for the disk): {@link #written} plus the tail. */
  private volatile long accepted;
  private final UnwrittenTail tail = new UnwrittenTail();
  /** The download's first bytes, copied as they arrive; {@link #headLength} of them are there (see keptHead). */
  private final byte[] head = new byte[KEPT_HEAD_BYTES];
  private volatile int headLength;
  private volatile Throwable failure;

  private final Promise<FileChannel> opened = Promise.promise();
  /**
   * The file, shared with the readers that follow the download: the flight's hold ends once it is discarded, or goes
   * to the store's {@link RecentFiles} once committed; each reader's ends when it finishes (see {@link SharedFile}).
   */
  final SharedFile shared;

  // confined to ctx
  private boolean letGo; // the flight's hold on shared ended
  private FileChannel channel;
  private final Upstream<Buffer> upstream;
  private DicomReader reader = new DicomReader(HEADER_ONLY);
  /** Views of the upstream's chunks (never changed, only read through duplicates), not yet written. */
  private final WriteQueue queue = new WriteQueue();
  private long queuedBytes;
  private long receivedBytes;
  private boolean paused;
  private boolean busy; // a write or the commit is running on a worker
  private boolean discarded;

  InstanceFlight(StoreCore core, InstanceKey key, Context ctx) {
    this.core = core;
    this.key = key;
    this.ctx = ctx;
    Path[] paths = core.newPaths(key);
    this.tempPath = paths[0];
    this.finalPath = paths[1];
    this.shared = new SharedFile(opened.future(), core);
    this.upstream = new Upstream<>(ctx, this::onChunk, () -> {
      received.tryComplete();
      pump();
    }, this::fail);
    core.counters.inFlightDownloads.increment();
  }

  /** True while the download runs: not yet stored, not failed. */
  boolean running() {
    return state == State.RUNNING;
  }

  /** Completes once the temporary file exists (readers can open it); fails once the flight stopped without one. */
  Future<Void> created() {
    return opened.future().mapEmpty();
  }

  /** Completes once every byte has arrived from upstream (the next instance of a series may follow). */
  Future<Void> received() {
    return received.future();
  }

  /** Completes with the entry once it is in the store. */
  Future<Entry> done() {
    return done.future();
  }

  /** Completes once nothing of the flight is left on a worker: stored, or its temporary file deleted. */
  Future<Void> settled() {
    return settled.future();
  }

  /**
   * Asks {@code supplier} for the bytes. The temporary file is created by the first write (one worker hop, not two):
   * what arrives meanwhile waits in the write queue, which readers take from. Call on {@code ctx}.
   */
  void begin(Supplier<Future<ReadStream<Buffer>>> supplier) {
    if (state != State.RUNNING) {
      return; // stopped before it began
    }
    upstream.open(supplier);
  }

  private void onChunk(Buffer b) {
    if (state != State.RUNNING) {
      DirectPieces.release(b);
      return;
    }
    receivedBytes += b.length();
    if (receivedBytes > core.settings.maxInstanceBytes()) {
      DirectPieces.release(b);
      fail(new CacheException.Rejected(key + " is larger than the cache's maxInstanceBytes ("
          + CacheSettings.formatBytes(core.settings.maxInstanceBytes()) + ")", null));
      return;
    }
    ByteBuf direct = DirectPieces.direct(b); // the flight now holds its reference (see DirectPieces)
    ByteBuffer bytes = direct != null ? direct.nioBuffer() : DirectPieces.heapView(b);
    try {
      if (direct != null) {
        reader.feed(bytes.duplicate()); // headers through a small array, pixel data passed over uncopied
      } else {
        reader.feed(bytes.array(), bytes.arrayOffset(), bytes.remaining());
      }
    } catch (RuntimeException e) {
      DirectPieces.release(direct);
      fail(new CacheException.Rejected(key + " is not a Part 10 instance the cache can keep: " + e.getMessage(), e));
      return;
    }
    if (headLength < head.length) {
      int n = Math.min(head.length - headLength, bytes.remaining());
      bytes.get(bytes.position(), head, headLength, n);
      headLength += n; // after the copy: a reader on another thread reads the length first
    }
    queue.add(bytes, direct == null ? null : direct.retain()); // the disk's reference; the tail takes the chunk's
    tail.add(accepted, bytes, direct);
    accepted += bytes.remaining();
    wake();
    queuedBytes += bytes.remaining();
    if (!paused && queuedBytes >= core.settings.writeQueueBytes()) {
      paused = true;
      upstream.pause();
    }
    pump();
  }

  /**
   * Writes what is queued, one batch at a time, once there is a batch's worth or the upstream has ended (readers take
   * what waits from memory, so a write per chunk would only cost a worker hop each); the first write creates the
   * file, and the last one, once the upstream has ended, commits the entry in the same hop.
   */
  private void pump() {
    if (busy || state != State.RUNNING) {
      return;
    }
    if (queue.isEmpty()) {
      if (upstream.ended()) {
        writeAndCommit(WriteQueue.Batch.EMPTY);
      }
      return;
    }
    if (queuedBytes < Math.min(MIN_BATCH, core.settings.writeQueueBytes() / 2) && !upstream.ended()) {
      return;
    }
    writeAndCommit(queue.take(MAX_BATCH));
  }

  /**
   * On a worker: creates the file if this is the first write, writes {@code batch[0..n)}, and when nothing more will
   * come, checks and commits the entry (see {@link EntryCommit}). The batch's direct memory is released once the
   * worker is done with it, whatever the outcome.
   */
  private void writeAndCommit(WriteQueue.Batch batch) {
    int n = batch.count();
    long length = batch.bytes();
    boolean last = upstream.ended() && queue.isEmpty();
    DicomFile header = null;
    if (last) {
      try {
        header = reader.end();
        InstanceFacts.checkKey(key, header);
      } catch (CacheException.Rejected e) {
        batch.release();
        fail(e);
        return;
      } catch (RuntimeException e) {
        batch.release();
        fail(new CacheException.Rejected(key + " is not a complete Part 10 instance: " + e.getMessage(), e));
        return;
      }
      reader = null;
    }
    DicomFile checked = header;
    long at = written;
    FileChannel[] file = {channel};
    boolean[] committing = {false};
    busy = true;
    core.blocking(() -> {
      if (file[0] == null) {
        file[0] = core.files.createTemporary(tempPath);
      }
      long end = n == 0 ? at : StagedWrites.write(file[0], batch.pieces(), n, at, crc);
      if (!last) {
        return null;
      }
      committing[0] = true;
      return EntryCommit.store(core, key, checked, file[0], end, (int) crc.getValue(), tempPath, finalPath);
    }).onComplete(ar -> {
      batch.release();
      busy = false;
      if (channel == null && file[0] != null) {
        channel = file[0];
        opened.complete(channel);
      }
      if (committing[0]) {
        discarded = true; // committed, or deleted by the commit that failed
        letGo(ar.succeeded() ? ar.result().fileBytes() : -1); // stored: kept open a moment (see RecentFiles)
        settled.tryComplete();
      } else if (ar.failed()) {
        fail(CacheException.of((channel == null ? "creating " : "writing ") + key + " in the cache", ar.cause()));
        discard(); // when stopped before, its discard waited for this write
        return;
      }
      if (n > 0 && ar.succeeded()) {
        written(at + length, length);
      }
      if (last) {
        committed(ar);
      } else if (state == State.RUNNING) {
        pump();
      } else {
        discard();
      }
    });
  }

  /** The file holds everything below {@code end} now. */
  private void written(long end, long length) {
    queuedBytes -= length;
    written = end;
    tail.written(written); // after written moved: a reader that misses a chunk here reads the file
    core.counters.bytesWritten.add(length);
    if (paused && queuedBytes <= core.settings.writeQueueBytes() / 2 && state == State.RUNNING) {
      paused = false;
      upstream.resume();
    }
    wake();
  }

  private void committed(AsyncResult<Entry> ar) {
    if (ar.failed()) {
      fail(CacheException.of("storing " + key, ar.cause()));
      return;
    }
    core.counters.committed.increment();
    if (state != State.RUNNING) {
      return; // stopped meanwhile (the store closing); the entry is complete and stays
    }
    state = State.COMPLETE;
    core.counters.inFlightDownloads.decrement();
    core.flights.remove(key, this);
    wake();
    done.complete(ar.result());
  }

  /** Stops the download: readers fail with {@code t}, the temporary file is deleted, nothing is stored. */
  void fail(Throwable t) {
    Upstream.on(ctx, () -> stop(t));
  }

  private void stop(Throwable t) {
    if (state != State.RUNNING) {
      return;
    }
    failure = t;
    state = State.FAILED;
    core.counters.failedDownloads.increment();
    core.counters.inFlightDownloads.decrement();
    core.flights.remove(key, this);
    queue.clear();
    tail.clear();
    reader = null;
    upstream.stop(t);
    received.tryFail(t);
    wake();
    done.fail(t);
    discard();
  }

  private void discard() {
    if (busy || discarded) {
      return;
    }
    discarded = true;
    if (channel == null) {
      opened.tryFail(failure != null ? failure : new CacheException.Io(key + " was stopped before its file was made",
          null));
      letGo(-1);
      settled.tryComplete(); // no file was created
      return;
    }
    letGo(-1); // readers that still hold it fail with the flight
    core.blocking(() -> {
      EntryCommit.quietly(() -> Files.deleteIfExists(tempPath));
      return null;
    }).onComplete(ar -> settled.tryComplete());
  }

  /** Ends the flight's own hold on its file, once; given a stored entry's size (else -1), the store keeps it a moment. */
  private void letGo(long storedBytes) {
    if (!letGo) {
      letGo = true;
      if (storedBytes >= 0) {
        core.recent.keep(shared, storedBytes);
      } else {
        shared.release();
      }
    }
  }

  private void wake() {
    for (Runnable r; (r = wakers.poll()) != null; ) {
      r.run();
    }
  }

  @Override
  public long available() {
    return written;
  }

  @Override
  public boolean complete() {
    return state == State.COMPLETE;
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  @Override
  public long arrived() {
    return accepted;
  }

  @Override
  public Buffer unwritten(long position, int max) {
    return tail.from(position, max);
  }

  @Override
  public Buffer keptHead(int n) {
    return n <= headLength ? Buffer.buffer(Arrays.copyOf(head, n)) : null;
  }

  @Override
  public Buffer unwrittenPiece(long position) {
    return tail.piece(position);
  }

  @Override
  public void awaitReceived(long seen, Runnable wakeUp) {
    wakers.add(wakeUp);
    if (accepted > seen || state != State.RUNNING) {
      wake();
    }
  }

  @Override
  public void await(long seen, Runnable wakeUp) {
    wakers.add(wakeUp);
    if (written > seen || state != State.RUNNING) {
      wake(); // it moved on while the waker was being added
    }
  }
}
