package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunks of a download that have arrived but are not in its file yet, by offset: a reader that has caught up
 * with the file takes them from here, so that the viewer gets the upstream's bytes as they come rather than after a
 * worker wrote them (the tee). The download's write queue bounds it; chunks leave once written. Added to and
 * trimmed on the download's context, read from any: the chunks are views nobody changes. A chunk in direct memory
 * comes with a reference of the tail's own (see {@link DirectPieces}), released as it leaves; a reader takes one of
 * its own before it uses the memory, and finding it released, reads the file, which by then has the bytes.
 */
final class UnwrittenTail {
  private record Chunk(ByteBuffer bytes, ByteBuf owner) {}

  private final ConcurrentSkipListMap<Long, Chunk> chunks = new ConcurrentSkipListMap<>();

  /** Adds {@code bytes} at {@code offset}; {@code owner} (null for heap bytes) is the tail's reference to release. */
  void add(long offset, ByteBuffer bytes, ByteBuf owner) {
    chunks.put(offset, new Chunk(bytes, owner));
  }

  /** The file now holds everything below {@code written}: those chunks leave (whole chunks are written). */
  void written(long written) {
    drop(chunks.headMap(written).values().iterator());
  }

  void clear() {
    drop(chunks.values().iterator());
  }

  private static void drop(Iterator<Chunk> it) {
    while (it.hasNext()) {
      Chunk c = it.next();
      it.remove(); // first: a reader that finds it after this reads the file
      DirectPieces.release(c.owner());
    }
  }

  /**
   * The rest of the one chunk that holds {@code position}, shared, not copied; or null when no chunk holds it. What a
   * sender hands to a response chunk by chunk, where {@link #from} would copy several chunks into one buffer. The
   * caller releases it once written ({@link DirectPieces#release(Buffer)}).
   */
  Buffer piece(long position) {
    Map.Entry<Long, Chunk> e = chunks.floorEntry(position);
    if (e == null || position - e.getKey() >= e.getValue().bytes().remaining()) {
      return null;
    }
    Chunk c = e.getValue();
    int from = (int) (position - e.getKey());
    int length = c.bytes().remaining() - from;
    if (c.owner() != null) {
      return DirectPieces.retainedSlice(c.owner(), from, length);
    }
    ByteBuffer b = c.bytes();
    return BufferInternal.buffer(Unpooled.wrappedBuffer(b.array(), b.arrayOffset() + from, length));
  }

  /**
   * Up to {@code max} bytes from {@code position}, or null when no chunk holds it (not yet arrived, or written and
   * gone: then the file has it). One heap chunk is shared, not copied; bytes of several, or of direct memory, are
   * copied into one heap buffer (nobody needs to release it).
   */
  Buffer from(long position, int max) {
    Map.Entry<Long, Chunk> first = chunks.floorEntry(position);
    if (first == null || position - first.getKey() >= first.getValue().bytes().remaining()) {
      return null;
    }
    int from = (int) (position - first.getKey());
    Chunk c = first.getValue();
    int inFirst = c.bytes().remaining() - from;
    boolean alone = inFirst >= max || chunks.higherKey(first.getKey()) == null;
    if (alone && c.owner() == null) {
      ByteBuffer b = c.bytes();
      return BufferInternal.buffer(Unpooled.wrappedBuffer(b.array(), b.arrayOffset() + from, Math.min(max, inFirst)));
    }
    Buffer out = Buffer.buffer(max);
    if (!append(out, c, from, Math.min(max, inFirst))) {
      return null; // written and released meanwhile
    }
    for (Map.Entry<Long, Chunk> e : chunks.tailMap(first.getKey(), false).entrySet()) {
      if (alone || e.getKey() != position + out.length() || out.length() >= max) {
        break; // written and gone meanwhile, or enough
      }
      if (!append(out, e.getValue(), 0, Math.min(e.getValue().bytes().remaining(), max - out.length()))) {
        break;
      }
    }
    return out;
  }

  /** Copies {@code length} bytes of {@code c} from {@code from}; false when its memory was released meanwhile. */
  private static boolean append(Buffer out, Chunk c, int from, int length) {
    if (c.owner() == null) {
      ByteBuffer b = c.bytes();
      out.appendBytes(b.array(), b.arrayOffset() + b.position() + from, length);
      return true;
    }
    Buffer slice = DirectPieces.retainedSlice(c.owner(), from, length);
    if (slice == null) {
      return false;
    }
    try {
      out.appendBuffer(slice);
    } finally {
      DirectPieces.release(slice);
    }
    return true;
  }
}
