package org.xcaibridge.cache;

import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A download's file, open once and shared by the flight that writes it and the readers that follow it: a reader
 * that falls behind the bytes in memory sends from the writer's own channel (positional reads and sendfile(2) do
 * not disturb the writes) instead of opening the file on a worker, and the last holder to let go hands it to
 * {@link StoreCore#closeLater}, which closes it in the store's next worker hop rather than a hop of its own. Two
 * hops per instance fewer on a cold retrieval; each hop wakes a worker and then the event loop.
 */
final class SharedFile {
  private final FileChannel channel;
  private final StoreCore core;
  /** The writer's hold and one per reader; 0 once handed over for closing, never held again. */
  private final AtomicInteger holders = new AtomicInteger(1);

  /** The flight's file, held by the flight. */
  SharedFile(FileChannel channel, StoreCore core) {
    this.channel = channel;
    this.core = core;
  }

  FileChannel channel() {
    return channel;
  }

  /** Takes one more hold; false when the file has been let go of already (the caller opens it anew). */
  boolean retain() {
    for (int n = holders.get(); n > 0; n = holders.get()) {
      if (holders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Gives back one hold; the last one hands the channel over to be closed. */
  void release() {
    int left = holders.decrementAndGet();
    if (left == 0) {
      core.closeLater(channel);
    } else if (left < 0) {
      throw new IllegalStateException("a shared cache file was released more often than held");
    }
  }
}
