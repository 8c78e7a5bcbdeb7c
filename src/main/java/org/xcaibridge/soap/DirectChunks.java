package org.xcaibridge.soap;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Chunks that live in direct memory a reader owns: what a Vert.x connection whose reads are not copied to the heap
 * (see the gateway's imaging retrieval) passes on. Each such chunk holds one reference to its memory; whoever holds
 * the chunk releases it when done (a write that takes it releases once written), and a slice that outlives it holds
 * a reference of its own. Heap chunks need none of this: for them every method here is a no-op or a plain slice, so
 * code that releases works with both.
 */
public final class DirectChunks {
  private DirectChunks() {}

  /** The chunk's own reference-counted memory when it is direct, else null. */
  public static ByteBuf direct(Buffer chunk) {
    if (chunk instanceof BufferImpl b && b.byteBuf().isDirect()) {
      return b.byteBuf();
    }
    return null;
  }

  /** Lets go of {@code chunk}'s memory if it is direct; nothing for heap chunks (the garbage collector's). */
  public static void release(Buffer chunk) {
    ByteBuf d = direct(chunk);
    if (d != null) {
      d.release();
    }
  }

  /**
   * {@code chunk}'s bytes {@code [from, to)} as a chunk of their own: for a direct chunk a slice that holds its own
   * reference (release it separately), for a heap chunk a plain slice.
   */
  public static Buffer slice(Buffer chunk, int from, int to) {
    ByteBuf d = direct(chunk);
    if (d == null) {
      return chunk.slice(from, to);
    }
    return BufferInternal.buffer(d.retainedSlice(d.readerIndex() + from, to - from));
  }
}
