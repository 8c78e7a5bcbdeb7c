package org.xcaibridge.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The memory RAD-75 answers are read into: a read's memory is reused once its last slice is released (not before),
 * up to the number kept; a read never grows past its size (a decoder asks for a new buffer instead); larger requests
 * get memory of their own; what is in use is counted until released.
 */
class ReadBuffersReuseFreedReadsTest {
  @Test
  void aReadsMemoryIsReusedOnceItsLastSliceIsReleased() {
    ReadBuffers buffers = new ReadBuffers(4);
    ByteBuf read = buffers.ioBuffer(2048);
    assertThat(read.isDirect()).isTrue();
    assertThat(read.capacity()).isEqualTo(ReadBuffers.READ_BYTES);
    read.writeBytes(new byte[1000]);
    ByteBuf slice = read.retainedSlice(10, 100);
    long address = read.memoryAddress();
    read.release();
    assertThat(buffers.bytesInUse()).isEqualTo(ReadBuffers.READ_BYTES);
    ByteBuf other = buffers.ioBuffer(2048);
    assertThat(other.memoryAddress()).as("still held by a slice: not reused").isNotEqualTo(address);
    slice.release();
    assertThat(buffers.bytesInUse()).isEqualTo(ReadBuffers.READ_BYTES);
    ByteBuf again = buffers.ioBuffer(65536);
    assertThat(again.memoryAddress()).isEqualTo(address);
    assertThat(again.readableBytes()).isZero();
    other.release();
    again.release();
    assertThat(buffers.bytesInUse()).isZero();
  }

  @Test
  void onlySoManyFreedReadsAreKept() {
    ReadBuffers buffers = new ReadBuffers(2);
    List<ByteBuf> reads = new ArrayList<>();
    Set<Long> first = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ByteBuf b = buffers.directBuffer(4096);
      reads.add(b);
      first.add(b.memoryAddress());
    }
    reads.forEach(ByteBuf::release);
    Set<Long> reused = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ByteBuf b = buffers.directBuffer(4096);
      if (first.contains(b.memoryAddress())) {
        reused.add(b.memoryAddress());
      }
      b.release();
    }
    assertThat(reused).hasSize(2);
  }

  @Test
  void aReadNeverGrowsAndLargerRequestsGetMemoryOfTheirOwn() {
    ReadBuffers buffers = new ReadBuffers(2);
    ByteBuf read = buffers.ioBuffer(1024);
    read.writeBytes(new byte[ReadBuffers.READ_BYTES]);
    assertThatThrownBy(() -> read.writeByte(1)).isInstanceOf(IndexOutOfBoundsException.class);
    read.release();
    ByteBuf joined = buffers.directBuffer(3 * ReadBuffers.READ_BYTES);
    assertThat(joined.isDirect()).isTrue();
    assertThat(joined.capacity()).isEqualTo(3 * ReadBuffers.READ_BYTES);
    assertThat(buffers.bytesInUse()).isEqualTo(3 * ReadBuffers.READ_BYTES);
    joined.release();
    assertThat(buffers.bytesInUse()).isZero();
  }
}
