package org.xcaibridge.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Page cache freed just before a timed round that fills the page cache: a scratch file is written and deleted, so
 * the round's writes land in pages the kernel just got back. Why: this machine is a virtual machine that reports its
 * free memory to the host (free page reporting), and the first write into a page the host took back costs a fault
 * on the host. Measured here, 200 MiB files written in 1 MiB pieces: 0.37–0.55 CPU-s each into such pages, 0.025–0.034
 * CPU-s right after a 400 MiB file was written and deleted (anonymous memory freed the same way did not help). That
 * fifteenfold cost falls on whatever writes first — the bridge's cache, never curl's /dev/null — and on how long
 * ago memory was freed, which made cold rounds range from 1.0 to 1.8 s. On a host whose memory is in use (a page cache
 * that has filled, as on any machine up for a while) new writes take pages reclaimed from the page cache; the pages
 * freed here stand for those. What writing the scratch file cost is reported, so the effect stays visible.
 */
final class RecycledPageCache {
  private static final int PIECE = 1 << 20;

  private RecycledPageCache() {}

  /** Writes {@code bytes} into {@code scratch} and deletes it; returns the seconds that took. */
  static double free(Path scratch, long bytes) throws IOException {
    ByteBuffer piece = ByteBuffer.allocateDirect(PIECE);
    long t0 = System.nanoTime();
    try (FileChannel ch = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long done = 0; done < bytes; done += PIECE) {
        piece.clear();
        while (piece.hasRemaining()) {
          ch.write(piece);
        }
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
