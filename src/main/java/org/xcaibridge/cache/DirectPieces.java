package org.xcaibridge.cache;

import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.buffer.impl.BufferImpl;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Upstream chunks in direct memory: what the gateway reads a RAD-75 answer into, so that its bytes reach the disk and
 * the viewer without a copy on the heap. Such a chunk holds one reference to its memory, which the download takes
 * over; each holder of the bytes (the write queue, the unwritten tail, a send from memory) holds a reference of its
 * own and releases it when done. Heap chunks are the garbage collector's: for them these are no-ops.
 */
final class DirectPieces {
  private DirectPieces() {}

  /** The chunk's reference-counted memory when it is direct, else null. */
  static ByteBuf direct(Buffer chunk) {
    if (chunk instanceof BufferImpl b && b.byteBuf().isDirect()) {
      return b.byteBuf();
    }
    return null;
  }

  /**
   * A heap chunk's bytes without a copy where it has an array of its own (upstream heap buffers are fresh buffers that
   * nobody changes once handed on), else a copy; positioned at 0.
   */
  static ByteBuffer heapView(Buffer chunk) {
    ByteBuf bb = chunk instanceof BufferInternal bi ? bi.getByteBuf() : null;
    if (bb != null && bb.hasArray()) {
      return ByteBuffer.wrap(bb.array(), bb.arrayOffset() + bb.readerIndex(), bb.readableBytes()).slice();
    }
    return ByteBuffer.wrap(chunk.getBytes());
  }

  /** Releases {@code chunk}'s memory if it is direct. */
  static void release(Buffer chunk) {
    ByteBuf d = direct(chunk);
    if (d != null) {
      d.release();
    }
  }

  /** Releases {@code owner} unless it is null (a heap piece). */
  static void release(ByteBuf owner) {
    if (owner != null) {
      owner.release();
    }
  }

  /**
   * Bytes {@code [from, from + length)} of {@code owner} as a chunk holding a reference of its own, or null when the
   * memory was released meanwhile (by another thread: the bytes are in the file by then).
   */
  static Buffer retainedSlice(ByteBuf owner, int from, int length) {
    try {
      return BufferInternal.buffer(owner.retainedSlice(owner.readerIndex() + from, length));
    } catch (IllegalReferenceCountException released) {
      return null;
    }
  }
}
