package org.xcaibridge.cache;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The chunks of a download that have arrived but are not in its file yet, by offset: a reader that has caught up
 * with the file takes them from here, so that the viewer gets the upstream's bytes as they come rather than after a
 * worker wrote them (the tee). The download's write queue bounds it; chunks leave once written. Added to and
 * trimmed on the download's context, read from any: the chunks are heap views nobody changes.
 */
final class UnwrittenTail {
  private final ConcurrentSkipListMap<Long, ByteBuffer> chunks = new ConcurrentSkipListMap<>();

  void add(long offset, ByteBuffer chunk) {
    chunks.put(offset, chunk);
  }

  /** The file now holds everything below {@code written}: those chunks leave (whole chunks are written). */
  void written(long written) {
    chunks.headMap(written).clear();
  }

  void clear() {
    chunks.clear();
  }

  /**
   * The rest of the one chunk that holds {@code position}, shared, not copied; or null when no chunk holds it. What a
   * sender hands to a response chunk by chunk, where {@link #from} would copy several chunks into one buffer.
   */
  Buffer piece(long position) {
    Map.Entry<Long, ByteBuffer> e = chunks.floorEntry(position);
    if (e == null || position - e.getKey() >= e.getValue().remaining()) {
      return null;
    }
    ByteBuffer b = e.getValue();
    int from = (int) (position - e.getKey());
    return BufferInternal.buffer(Unpooled.wrappedBuffer(b.array(), b.arrayOffset() + from, b.remaining() - from));
  }

  /**
   * Up to {@code max} bytes from {@code position}, or null when no chunk holds it (not yet arrived, or written and
   * gone: then the file has it). One chunk is shared, not copied; bytes of several are copied into one buffer.
   */
  Buffer from(long position, int max) {
    Map.Entry<Long, ByteBuffer> first = chunks.floorEntry(position);
    if (first == null || position - first.getKey() >= first.getValue().remaining()) {
      return null;
    }
    int from = (int) (position - first.getKey());
    ByteBuffer b = first.getValue();
    int inFirst = b.remaining() - from;
    if (inFirst >= max || chunks.higherKey(first.getKey()) == null) {
      return BufferInternal.buffer(Unpooled.wrappedBuffer(b.array(), b.arrayOffset() + from, Math.min(max, inFirst)));
    }
    Buffer out = Buffer.buffer(max);
    out.appendBytes(b.array(), b.arrayOffset() + from, inFirst);
    for (Map.Entry<Long, ByteBuffer> e : chunks.tailMap(first.getKey(), false).entrySet()) {
      ByteBuffer c = e.getValue();
      if (e.getKey() != position + out.length() || out.length() >= max) {
        break; // written and gone meanwhile, or enough
      }
      out.appendBytes(c.array(), c.arrayOffset(), Math.min(c.remaining(), max - out.length()));
    }
    return out;
  }
}
