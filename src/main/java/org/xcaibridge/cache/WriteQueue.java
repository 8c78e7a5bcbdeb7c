package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A download's chunks waiting for the disk, in order, each with the queue's own reference to its memory where that
 * is direct (see {@link DirectPieces}): taken in batches for one write each, the batch's references released once
 * the write is over, whatever its outcome. Confined to the download's context (a batch's release to where its write
 * ends).
 */
final class WriteQueue {
  private record Piece(ByteBuffer bytes, ByteBuf owner) {}

  /** Views of the chunks (never changed, only read through duplicates) for one write, and their references. */
  record Batch(ByteBuffer[] pieces, ByteBuf[] owners, int count, long bytes) {
    static final Batch EMPTY = new Batch(new ByteBuffer[0], new ByteBuf[0], 0, 0);

    void release() {
      for (int i = 0; i < count; i++) {
        DirectPieces.release(owners[i]);
      }
    }
  }

  private final ArrayDeque<Piece> pieces = new ArrayDeque<>();

  /** Queues {@code bytes}; {@code owner} is a reference of the queue's own to their memory, null for heap bytes. */
  void add(ByteBuffer bytes, ByteBuf owner) {
    pieces.add(new Piece(bytes, owner));
  }

  boolean isEmpty() {
    return pieces.isEmpty();
  }

  /** Takes the first pieces, at least one, up to {@code maxBytes} in all. */
  Batch take(int maxBytes) {
    ByteBuffer[] batch = new ByteBuffer[pieces.size()];
    ByteBuf[] owners = new ByteBuf[pieces.size()];
    int count = 0;
    long bytes = 0;
    while (!pieces.isEmpty() && (count == 0 || bytes + pieces.peek().bytes().remaining() <= maxBytes)) {
      Piece p = pieces.poll();
      owners[count] = p.owner();
      batch[count++] = p.bytes().duplicate();
      bytes += p.bytes().remaining();
    }
    return new Batch(batch, owners, count, bytes);
  }

  /** Drops what waits (the download stopped), releasing its references. */
  void clear() {
    for (Piece p : pieces) {
      DirectPieces.release(p.owner());
    }
    pieces.clear();
  }
}
