package org.xcaibridge.cache;

import io.vertx.core.Future;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file channel held by several: a download's file, shared by the flight that writes it and the readers that
 * follow it (a reader that falls behind the bytes in memory sends from the writer's own channel, positional reads
 * and sendfile(2) not disturbing the writes, instead of opening the file on a worker), or a stored entry's file
 * held by its one reader. The last holder to let go hands the channel to {@link StoreCore#closeLater}, which closes
 * it in the store's next worker hop rather than in a hop of its own: on a cold retrieval, two hops per instance
 * fewer, each a wake-up of a worker and then of the event loop.
 */
final class SharedFile {
  private final Future<FileChannel> channel;
  private final StoreCore core;
  /** One per holder; 0 once let go of by all, never held again. */
  private final AtomicInteger holders = new AtomicInteger(1);

  /** {@code channel} (open, or still being created) with one holder, the caller. */
  SharedFile(Future<FileChannel> channel, StoreCore core) {
    this.channel = channel;
    this.core = core;
  }

  /** The channel once open; fails when the file was never made. */
  Future<FileChannel> channel() {
    return channel;
  }

  /** Takes one more hold; false when every holder has let go already (the caller opens the file anew). */
  boolean retain() {
    for (int n = holders.get(); n > 0; n = holders.get()) {
      if (holders.compareAndSet(n, n + 1)) {
        return true;
      }
    }
    return false;
  }

  /** Gives back one hold; the last one hands the channel over to be closed, once it is open. */
  void release() {
    int left = holders.decrementAndGet();
    if (left == 0) {
      channel.onSuccess(ch -> core.closeLater(ch));
    } else if (left < 0) {
      throw new IllegalStateException("a shared cache file was let go of more often than held");
    }
  }
}
