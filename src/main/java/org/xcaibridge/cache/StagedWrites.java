package org.xcaibridge.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Writes a download's pieces to its file. Heap pieces go through a direct buffer of the worker's: copied into it and
 * written with one positional write per {@link #STAGING_BYTES}; written piece by piece (a ~30 KiB piece on average),
 * each cost a write(2) of its own and a copy into a temporary direct buffer of the JDK's anyway, and pages shared by
 * two pieces were prepared twice by the file system. Direct pieces (a network read's memory) need no copy: a run of
 * them goes as one gathering write.
 */
final class StagedWrites {
  static final int STAGING_BYTES = 1 << 20;
  /** One per worker thread of a store (a few), for as long as the thread lives. */
  private static final ThreadLocal<ByteBuffer> STAGING =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES));

  private StagedWrites() {}

  /**
   * Writes {@code pieces[0..n)} (each from its position to its limit; positions are left at the limit) at
   * {@code at} in {@code ch}, and adds their bytes to {@code crc}. Returns the position after the last byte.
   */
  static long write(FileChannel ch, ByteBuffer[] pieces, int n, long at, CRC32C crc) throws IOException {
    ByteBuffer staging = STAGING.get().clear();
    long pos = at;
    for (int i = 0; i < n; ) {
      ByteBuffer piece = pieces[i];
      crc.update(piece.duplicate());
      if (piece.isDirect()) {
        int run = i + 1;
        while (run < n && pieces[run].isDirect()) {
          crc.update(pieces[run++].duplicate());
        }
        pos = gather(ch, pieces, i, run, flush(ch, staging, pos));
        i = run;
        continue;
      }
      if (piece.remaining() > staging.capacity()) { // larger than the staging buffer: as it is
        pos = flush(ch, staging, pos);
        pos = writeFully(ch, piece, pos);
      } else {
        if (piece.remaining() > staging.remaining()) {
          pos = flush(ch, staging, pos);
        }
        staging.put(piece);
      }
      i++;
    }
    return flush(ch, staging, pos);
  }

  /** Writes direct {@code pieces[from..to)} at {@code pos} with gathering writes (the channel's position is moved). */
  private static long gather(FileChannel ch, ByteBuffer[] pieces, int from, int to, long pos) throws IOException {
    ch.position(pos);
    int first = from;
    while (first < to) {
      pos += ch.write(pieces, first, to - first);
      while (first < to && !pieces[first].hasRemaining()) {
        first++;
      }
    }
    return pos;
  }

  private static long flush(FileChannel ch, ByteBuffer staging, long pos) throws IOException {
    staging.flip();
    long end = writeFully(ch, staging, pos);
    staging.clear();
    return end;
  }

  private static long writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += ch.write(b, pos);
    }
    return pos;
  }
}
