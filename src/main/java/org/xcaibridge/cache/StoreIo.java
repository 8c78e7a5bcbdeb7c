package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How the store creates the file a download is written to. The only implementation in production is
 * {@link #DEFAULT}; tests put a channel here that fails like a full disk.
 */
@FunctionalInterface
interface StoreIo {
  FileChannel createTemporary(Path path) throws IOException;

  StoreIo DEFAULT = p -> FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
      StandardOpenOption.WRITE);
}
