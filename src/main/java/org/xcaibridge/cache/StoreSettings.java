package org.xcaibridge.cache;

import java.nio.file.Path;

/**
 * Settings of the instance store on disk, each with its unit in its name and checked when built.
 *
 * @param directory            where entries live (created if missing); one store per directory, guarded
 *                             by a file lock
 * @param maxBytes             byte budget for complete entries on disk; downloads in flight come on top
 * @param maxInstanceBytes     an upstream instance larger than this is refused, not cached
 * @param ioThreads            worker threads for file work (writes, fsync, reads, scans)
 * @param readChunkBytes       bytes read from disk per chunk handed to a reader
 * @param writeQueueBytes      bytes received but not yet on disk before the upstream is paused
 * @param verifyContentOnStart check every entry's content checksum when the store opens (reads every
 *                             byte once); when false only the trailer and the length are checked
 */
public record StoreSettings(Path directory, long maxBytes, long maxInstanceBytes, int ioThreads,
                            int readChunkBytes, int writeQueueBytes, boolean verifyContentOnStart) {
  public static final long MIN_BYTES = 1L << 20;

  public StoreSettings {
    if (directory == null) {
      throw new IllegalArgumentException("cache directory must be set");
    }
    directory = directory.toAbsolutePath().normalize();
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException("cache maxBytes must be at least 1 MiB, was " + CacheSettings.formatBytes(maxBytes));
    }
    if (maxInstanceBytes < 1024 || maxInstanceBytes > maxBytes) {
      throw new IllegalArgumentException("cache maxInstanceBytes must be between 1 KiB and maxBytes ("
          + CacheSettings.formatBytes(maxBytes) + "), was " + CacheSettings.formatBytes(maxInstanceBytes));
    }
    if (ioThreads < 1 || ioThreads > 64) {
      throw new IllegalArgumentException("cache ioThreads must be between 1 and 64, was " + ioThreads);
    }
    if (readChunkBytes < 4096 || readChunkBytes > (8 << 20)) {
      throw new IllegalArgumentException("cache readChunkBytes must be between 4 KiB and 8 MiB, was "
          + CacheSettings.formatBytes(readChunkBytes));
    }
    if (writeQueueBytes < (64 << 10) || writeQueueBytes > (256 << 20)) {
      throw new IllegalArgumentException("cache writeQueueBytes must be between 64 KiB and 256 MiB, was "
          + CacheSettings.formatBytes(writeQueueBytes));
    }
  }

  /** A store in {@code directory} with a budget of {@code maxBytes} and defaults for the rest. */
  public static StoreSettings of(Path directory, long maxBytes) {
    return new StoreSettings(directory, maxBytes, Math.min(maxBytes, 4L << 30), 4, 256 << 10, 4 << 20, true);
  }

  public StoreSettings withMaxInstanceBytes(long bytes) {
    return new StoreSettings(directory, maxBytes, bytes, ioThreads, readChunkBytes, writeQueueBytes, verifyContentOnStart);
  }

  public StoreSettings withVerifyContentOnStart(boolean verify) {
    return new StoreSettings(directory, maxBytes, maxInstanceBytes, ioThreads, readChunkBytes, writeQueueBytes, verify);
  }

  public StoreSettings withIo(int threads, int chunkBytes, int queueBytes) {
    return new StoreSettings(directory, maxBytes, maxInstanceBytes, threads, chunkBytes, queueBytes, verifyContentOnStart);
  }
}
