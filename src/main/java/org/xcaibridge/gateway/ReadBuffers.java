package org.xcaibridge.gateway;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The direct memory RAD-75 answers are read into (see {@link DirectReads}): socket reads of up to {@link #READ_BYTES},
 * whose memory goes back to a free list once the last slice of a read is released, so that a retrieval reuses a few
 * megabytes instead of asking the system for fresh memory (zeroed, then faulted in page by page) for every read. Not a
 * pool in Netty's sense: memory handed out is an ordinary direct buffer of the JDK's, so what a failure path drops
 * without releasing is freed by the garbage collector, never lost; the list is bounded, what does not fit is freed
 * the same way. Larger requests (rare: a decoder joining reads) get plain unpooled memory.
 */
final class ReadBuffers extends AbstractByteBufAllocator {
  /** Netty's adaptive read sizes stop here. */
  static final int READ_BYTES = 64 << 10;

  private final ArrayBlockingQueue<ByteBuffer> free;
  private final UnpooledByteBufAllocator larger = new UnpooledByteBufAllocator(true);
  private final AtomicLong readsInUse = new AtomicLong();

  /** @param keep how many freed reads' memory to keep for reuse */
  ReadBuffers(int keep) {
    super(true);
    this.free = new ArrayBlockingQueue<>(keep);
  }

  /** Bytes handed out and not yet released. */
  long bytesInUse() {
    return readsInUse.get() * READ_BYTES + larger.metric().usedDirectMemory();
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    if (initialCapacity > READ_BYTES || maxCapacity < READ_BYTES) {
      return larger.directBuffer(initialCapacity, maxCapacity);
    }
    ByteBuffer memory = free.poll();
    return toLeakAwareBuffer(new Reused(this, memory != null ? memory : ByteBuffer.allocateDirect(READ_BYTES)));
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return larger.heapBuffer(initialCapacity, maxCapacity);
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  /**
   * One read's memory, of fixed capacity (a decoder that needs more asks for a new buffer), back to the list once
   * released.
   */
  private static final class Reused extends UnpooledUnsafeDirectByteBuf {
    private final ReadBuffers owner;
    private final ByteBuffer memory;

    Reused(ReadBuffers owner, ByteBuffer memory) {
      super(owner, memory.clear(), READ_BYTES);
      this.owner = owner;
      this.memory = memory;
      setIndex(0, 0);
      owner.readsInUse.incrementAndGet();
    }

    @Override
    protected void deallocate() {
      super.deallocate(); // frees nothing: the memory was handed in
      owner.readsInUse.decrementAndGet();
      owner.free.offer(memory); // or, the list being full, left to the garbage collector
    }
  }
}
